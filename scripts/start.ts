/**
 * `npm start`: builds the web app when its build is missing or older than its sources, then
 * runs the server (which migrates and, on an empty embedded database, loads the demo data).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const index = path.join(root, 'apps/web/dist/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function webIsStale(): boolean {
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  const sources = [
    path.join(root, 'apps/web/src'),
    path.join(root, 'packages/contracts/src'),
    path.join(root, 'apps/web/index.html'),
  ];
  return sources.some(
    (s) => fs.existsSync(s) && (fs.statSync(s).isDirectory() ? newestMtime(s) : fs.statSync(s).mtimeMs) > built,
  );
}

if (webIsStale()) {
  console.log('Building the web app (first start, or sources changed)…');
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const res = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: path.join(root, 'apps/web'),
    stdio: 'inherit',
  });
  if (res.status !== 0) {
    console.error('The web build failed; see the messages above.');
    process.exit(res.status ?? 1);
  }
}

// HIPKI_SIM=true (development only): the HiPKI simulator on :61161 with its demo CA trusted, and
// 自然人憑證 offered — sign in with a demo software card (scripts/hipki-sim.ts).
if (process.env.HIPKI_SIM === 'true' && process.env.NODE_ENV !== 'production') {
  const { startHipkiSim } = await import('./hipki-sim.ts');
  const sim = await startHipkiSim({ port: Number(process.env.HIPKI_SIM_PORT ?? 61161) });
  process.env.HIPKI_URL ||= sim.url;
  process.env.MOICA_TRUST_ANCHORS ||= sim.anchorsFile;
  process.env.LOGIN_METHODS ||= 'password,totp,temp_password,moica';
  console.log(`HiPKI simulator on ${sim.url}/popupForm (demo PIN ${process.env.HIPKI_SIM_PIN ?? '123456'})`);
}

await import('../apps/server/src/main.ts');
