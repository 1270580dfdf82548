/**
 * Starts the real server (`apps/server/src/main.ts`) in its own process on a free port with a
 * fresh data directory, waits until it is ready, and stops it again. Used by the browser tests
 * (scripts/e2e.ts) and the benchmarks (bench/).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface ServerProcess {
  url: string;
  stop(): Promise<void>;
}

/** `env` overrides the defaults (a fresh embedded database with the demo data, warn-level logs). */
export async function startServerProcess(
  env: Record<string, string> = {},
  opts: {
    serverOutput?: 'inherit' | 'ignore';
    readyWithinMs?: number;
    /** Runs before the server starts, with the environment it will get (e.g. CLI set-up). */
    beforeStart?: (env: Record<string, string>) => Promise<void>;
  } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'menhu-run-'));
  const serverEnv: Record<string, string> = {
    PORT: String(port),
    PUBLIC_URL: url,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
    SEED_DEMO: 'true',
    ...env,
  };
  await opts.beforeStart?.(serverEnv);
  const child = spawn(process.execPath, [path.join(root, 'apps/server/src/main.ts')], {
    env: { ...process.env, ...serverEnv },
    stdio: ['ignore', opts.serverOutput ?? 'inherit', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const until = Date.now() + (opts.readyWithinMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error('the server exited during start');
    }
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { url, stop };
    } catch {
      /* still starting */
    }
    if (Date.now() > until) {
      await stop();
      throw new Error(`the server at ${url} did not become ready`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
