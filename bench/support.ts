/** Benchmark support: progress lines and a real server in its own process, seeded. */
import { startServerProcess } from '../scripts/server-process.ts';

export function progress(msg: string): void {
  console.log(`[bench] ${msg}`);
}

export interface BenchServer {
  url: string;
  database: string;
  stop(): Promise<void>;
}

export interface BenchServerOptions {
  /** Further server environment (e.g. raised rate limits). */
  env?: Record<string, string>;
  /** Runs before the server starts, with the environment it will get (seeding). */
  beforeStart?: (env: Record<string, string>) => Promise<void>;
}

/**
 * The server with the demo data: on PostgreSQL when BENCH_DATABASE_URL is set (a database it
 * may fill), otherwise on a fresh embedded PGlite directory. BENCH_CPU_PROF=<dir> makes the
 * server write a V8 CPU profile there when it stops (open it in Chrome DevTools).
 */
export async function startServer(opts: BenchServerOptions = {}): Promise<BenchServer> {
  const dbUrl = process.env.BENCH_DATABASE_URL ?? '';
  const profDir = process.env.BENCH_CPU_PROF ?? '';
  const env: Record<string, string> = {
    DATABASE_URL: dbUrl,
    ...(profDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profDir}` } : {}),
    ...opts.env,
  };
  const server = await startServerProcess(env, {
    serverOutput: 'ignore',
    ...(opts.beforeStart ? { beforeStart: opts.beforeStart } : {}),
  }).catch((err: unknown) => {
    // Each run has a fresh data directory and so a new master key: keys a previous run left in
    // the database cannot be decrypted.
    if (dbUrl && err instanceof Error)
      err.message += ' (BENCH_DATABASE_URL must name an empty database: drop and re-create it between runs)';
    throw err;
  });
  return { ...server, database: dbUrl ? 'postgres' : 'pglite' };
}
