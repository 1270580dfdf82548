/**
 * `npm start`: builds the web app when its build is missing or older than its sources, then
 * runs the server (which migrates and, on an empty embedded database, loads the demo data).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startTwFidoSimProcess } from './twfido-sim-process.ts';

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

// 行動自然人憑證 for the demo: without TW FidO settings, a local simulator (its own process) plays
// TW FidO and the person's phone, and the server is pointed at it.
if (!process.env.TWFIDO_URL && process.env.NODE_ENV !== 'production') {
  try {
    const port = Number(process.env.TWFIDO_SIM_PORT ?? 3900);
    // Port taken (another checkout running)? Any free one will do; its URL is printed.
    const sim = await startTwFidoSimProcess({ port }).catch(() => startTwFidoSimProcess({ port: 0 }));
    Object.assign(process.env, sim.env);
    console.log(`行動自然人憑證 simulator (TW FidO): ${sim.url} — open it to approve sign-ins`);
    process.once('exit', () => void sim.stop());
  } catch (e) {
    console.warn(`The TW FidO simulator did not start (${(e as Error).message}); 行動自然人憑證 is off.`);
  }
}

// 自然人憑證 for the demo (development only, HIPKI_SIM=false to use a real HiPKI service): the
// HiPKI simulator on :61161 with its demo CA trusted — sign in with a demo software card.
if (process.env.HIPKI_SIM !== 'false' && !process.env.MOICA_TRUST_ANCHORS && process.env.NODE_ENV !== 'production') {
  try {
    const { startHipkiSim } = await import('./hipki-sim.ts');
    const sim = await startHipkiSim({ port: Number(process.env.HIPKI_SIM_PORT ?? 61161) });
    process.env.HIPKI_URL ||= sim.url;
    process.env.MOICA_TRUST_ANCHORS = sim.anchorsFile;
    console.log(`HiPKI simulator on ${sim.url}/popupForm (demo PIN ${process.env.HIPKI_SIM_PIN ?? '123456'})`);
  } catch (e) {
    console.warn(`The HiPKI simulator did not start (${(e as Error).message}); 自然人憑證 is off.`);
  }
}

await import('../apps/server/src/main.ts');
