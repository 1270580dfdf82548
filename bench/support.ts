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

/**
 * The server with the demo data: on PostgreSQL when BENCH_DATABASE_URL is set (a database it
 * may fill), otherwise on a fresh embedded PGlite directory.
 */
export async function startServer(): Promise<BenchServer> {
  const dbUrl = process.env.BENCH_DATABASE_URL ?? '';
  const server = await startServerProcess({ DATABASE_URL: dbUrl }, { serverOutput: 'ignore' });
  return { ...server, database: dbUrl ? 'postgres' : 'pglite' };
}
