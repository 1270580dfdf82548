/**
 * Starts scripts/twfido-sim.ts as a child process with a fresh random key and waits until it
 * listens (used by `npm start` and the browser tests). Returns the settings the server needs.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';

export interface TwFidoSimProcess {
  url: string;
  env: { TWFIDO_URL: string; TWFIDO_SP_SERVICE_ID: string; TWFIDO_SP_KEY: string };
  stop(): Promise<void>;
}

export async function startTwFidoSimProcess(opts: { port?: number; host?: string } = {}): Promise<TwFidoSimProcess> {
  const key = crypto.randomBytes(32).toString('base64');
  const serviceId = 'menhu-demo';
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'twfido-sim.ts')], {
    env: {
      ...process.env,
      TWFIDO_SIM_PORT: String(opts.port ?? 0),
      TWFIDO_SIM_HOST: opts.host ?? '127.0.0.1',
      TWFIDO_SP_SERVICE_ID: serviceId,
      TWFIDO_SP_KEY: key,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the TW FidO simulator did not start within 20 s')), 20_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /TWFIDO_SIM_READY (\S+)/u.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the TW FidO simulator exited (${code})`));
    });
  });
  child.stdout.resume();
  return {
    url,
    env: { TWFIDO_URL: url, TWFIDO_SP_SERVICE_ID: serviceId, TWFIDO_SP_KEY: key },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
