/**
 * `npm run test:e2e`: starts the real server (built web, fresh embedded database with the
 * demo data) on a free port and runs the browser specs in test/e2e against it in Chromium.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, startServerProcess } from './server-process.ts';

const root = path.resolve(import.meta.dirname, '..');

if (!fs.existsSync(path.join(root, 'apps/web/dist/index.html'))) {
  console.error('apps/web/dist is missing: run `npm run build` first.');
  process.exit(1);
}
/** An OIDC relying party for the single-sign-on specs, registered through the CLI as an operator would. */
let client = { client_id: '', client_secret: '' };
// The relying party's callback is a small real HTTP server the spec starts on this port.
const rpPort = await freePort();
const rpCallback = `http://127.0.0.1:${rpPort}/callback`;
const server = await startServerProcess(
  {},
  {
    beforeStart: async (env) => {
      const out = execFileSync(
        process.execPath,
        [
          path.join(root, 'apps/server/src/cli.ts'),
          'clients',
          'add',
          '--name',
          'E2E 測試系統',
          '--redirect-uri',
          rpCallback,
        ],
        { env: { ...process.env, ...env }, encoding: 'utf8' },
      );
      client = JSON.parse(out.trim().split('\n').at(-1)!) as typeof client;
    },
  },
);
let code = 1;
try {
  const files = fs
    .readdirSync(path.join(root, 'test/e2e'))
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(root, 'test/e2e', f));
  const runner = spawn(process.execPath, ['--test', '--test-concurrency=1', ...files], {
    env: {
      ...process.env,
      E2E_BASE_URL: server.url,
      E2E_CLIENT_ID: client.client_id,
      E2E_CLIENT_SECRET: client.client_secret,
      E2E_RP_CALLBACK: rpCallback,
    },
    stdio: 'inherit',
  });
  code = await new Promise<number>((resolve) => runner.on('exit', (c) => resolve(c ?? 1)));
} finally {
  await server.stop();
}
process.exit(code);
