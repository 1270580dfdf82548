/**
 * Benchmark support: progress lines, a real server in its own process (seeded), a cookie jar,
 * percentiles and the server's CPU time.
 */
import fs from 'node:fs';
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

/** A failure that ends a bench with exit code 1 and no JSON line (not a crash). */
export class BenchFailure extends Error {}

/** A browser's cookie jar (every cookie sent on every path, as in the flow tests). */
export class Jar {
  private readonly cookies = new Map<string, string>();
  constructor(from?: Jar) {
    if (from) for (const [k, v] of from.cookies) this.cookies.set(k, v);
  }
  remember(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
  }
  get header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** The p-th percentile (nearest rank) of ascending `sorted`; NaN when empty. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * CPU seconds used so far by this process's children — the server — from Linux's /proc (null
 * elsewhere). On a shared machine, CPU per operation varies much less than operations per second.
 */
export function serverCpuSeconds(): number | null {
  try {
    const children = fs.readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8');
    let ticks = 0;
    for (const pid of children.trim().split(/\s+/u).filter(Boolean)) {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime, in USER_HZ (100 on Linux)
    }
    return ticks / 100;
  } catch {
    return null;
  }
}
