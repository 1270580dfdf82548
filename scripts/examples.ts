/**
 * `npm run examples`: the three example applications (examples/README.md) on this machine.
 *
 *   npm run examples -- register   portal stopped: registers them, keeps their credentials in
 *                                  DATA_DIR/examples.json (the embedded database allows one
 *                                  process at a time, so the CLI cannot run beside the server)
 *   npm run examples               portal running (npm start): starts them on ports 3101–3103
 */
import fs from 'node:fs';
import path from 'node:path';
import { EXAMPLE_APPS, exampleEnv, registerExamples, startExample, type Registered } from './example-apps.ts';

const dataDir = path.resolve(process.env.DATA_DIR || 'data');
const saved = path.join(dataDir, 'examples.json');
const menhuUrl = (process.env.MENHU_URL || 'http://localhost:3000').replace(/\/+$/u, '');
const urlOf = (port: number) => `http://localhost:${port}`;

if (process.argv[2] === 'register') {
  if (fs.existsSync(saved)) {
    console.log(`The examples are already registered (${saved}). Delete that file to register them again.`);
    process.exit(0);
  }
  const urls = Object.fromEntries(EXAMPLE_APPS.map((a) => [a.key, urlOf(a.defaultPort)])) as Record<
    (typeof EXAMPLE_APPS)[number]['key'],
    string
  >;
  try {
    const registered = registerExamples(urls, {});
    fs.mkdirSync(dataDir, { recursive: true });
    // The credentials are secrets: readable by this user only.
    fs.writeFileSync(saved, `${JSON.stringify(registered, null, 2)}\n`, { mode: 0o600 });
  } catch {
    console.error('\nRegistration failed (see above). Is the portal still running? Stop it first (Ctrl-C).');
    process.exit(1);
  }
  console.log(`Registered the three example applications; credentials saved in ${saved}.`);
  console.log('Now start the portal (npm start) and, in another terminal, npm run examples.');
  process.exit(0);
}

if (!fs.existsSync(saved)) {
  console.error('The examples are not registered yet: stop the portal and run `npm run examples -- register`.');
  process.exit(1);
}
const registered = JSON.parse(fs.readFileSync(saved, 'utf8')) as Record<string, Registered>;
const started = await Promise.allSettled(
  EXAMPLE_APPS.map((app) =>
    startExample(
      app,
      exampleEnv(app, registered[app.key]!, { menhuUrl, port: app.defaultPort, appUrl: urlOf(app.defaultPort) }),
    ),
  ),
);
const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
const stopAll = () => Promise.all(running.map((r) => r.stop()));
if (running.length < started.length) {
  for (const s of started) if (s.status === 'rejected') console.error((s.reason as Error).message);
  await stopAll();
  process.exit(1);
}
console.log(`\nThe examples use the portal at ${menhuUrl}; Ctrl-C stops them.`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void stopAll().then(() => process.exit(0)));
