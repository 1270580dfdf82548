/**
 * `npm run test:e2e`: starts the real server (built web, fresh embedded database with the
 * demo data) on a free port and runs the browser specs in test/e2e against it in Chromium.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServerProcess } from './server-process.ts';

const root = path.resolve(import.meta.dirname, '..');

if (!fs.existsSync(path.join(root, 'apps/web/dist/index.html'))) {
  console.error('apps/web/dist is missing: run `npm run build` first.');
  process.exit(1);
}
const server = await startServerProcess();
let code = 1;
try {
  const files = fs
    .readdirSync(path.join(root, 'test/e2e'))
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(root, 'test/e2e', f));
  const runner = spawn(process.execPath, ['--test', '--test-concurrency=1', ...files], {
    env: { ...process.env, E2E_BASE_URL: server.url },
    stdio: 'inherit',
  });
  code = await new Promise<number>((resolve) => runner.on('exit', (c) => resolve(c ?? 1)));
} finally {
  await server.stop();
}
process.exit(code);
