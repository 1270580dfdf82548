/**
 * `npm run test:e2e`: starts the real server (built web, fresh embedded database with the
 * demo data) on a free port, and the three example applications (examples/) registered through
 * the CLI, and a local SMTP sink (scripts/mail-sink.ts) whose messages the specs read from
 * E2E_MAIL_DIR, and runs the browser specs in test/e2e against them in Chromium.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  EXAMPLE_APPS,
  exampleEnv,
  registerExamples,
  startExample,
  type ExampleApp,
  type Registered,
} from './example-apps.ts';
import { startMailSink } from './mail-sink.ts';
import { startHipkiSim } from './hipki-sim.ts';
import { freePort, startServerProcess } from './server-process.ts';
import { startTwFidoSimProcess } from './twfido-sim-process.ts';

const root = path.resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);

if (!fs.existsSync(path.join(root, 'apps/web/dist/index.html'))) {
  console.error('apps/web/dist is missing: run `npm run build` first.');
  process.exit(1);
}
/** An OIDC relying party for the single-sign-on specs, registered through the CLI as an operator would. */
let client = { client_id: '', client_secret: '' };
// The relying party's callback is a small real HTTP server the spec starts on this port.
const rpPort = await freePort();
const rpCallback = `http://127.0.0.1:${rpPort}/callback`;
// The example applications, on 127.0.0.1 (another site than the portal's localhost, as an
// integrated system would be).
const exampleUrls = {} as Record<ExampleApp['key'], string>;
for (const app of EXAMPLE_APPS) exampleUrls[app.key] = `http://127.0.0.1:${await freePort()}`;
let examples = {} as Record<ExampleApp['key'], Registered>;
// Every mail the server sends (臨時密碼 and 備用電子郵件 codes) lands here, one raw file a message.
const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'menhu-e2e-mail-'));
const mail = await startMailSink(mailDir);
// 行動自然人憑證: the TW FidO simulator (its own process); specs approve on its phone page.
const twfido = await startTwFidoSimProcess();
process.once('exit', () => void twfido.stop());
// 自然人憑證: the HiPKI simulator (demo CA trusted by the server, its own OCSP/CRL).
const hipki = await startHipkiSim({ port: await freePort() });
// SSO-10 on for system administrators only: the mfa spec binds sysadmin's authenticator app at
// its first sign-in and every other spec signing in as sysadmin completes the second step through
// test/e2e/support.ts `signIn`; agencyadmin and user01 keep signing in with a password alone.
// 臨時密碼 is offered besides the default methods, its codes mailed to the sink above; 簡訊 with
// the log provider, its codes read from sysadmin's 簡訊發送紀錄; 通行金鑰 with Chromium's virtual
// authenticator (http://localhost is a secure context).
const server = await startServerProcess(
  {
    MFA_REQUIRED_ROLES: 'system_admin',
    SMTP_URL: mail.url,
    LOGIN_METHODS: 'password,totp,temp_password,mobile_moica,sms,qr,moica,passkey',
    ...twfido.env,
    SMS_PROVIDER: 'log',
    HIPKI_URL: hipki.url,
    MOICA_TRUST_ANCHORS: hipki.anchorsFile,
  },
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
      examples = registerExamples(exampleUrls, env);
    },
  },
);
const running: { stop(): Promise<void> }[] = [];
let code = 1;
try {
  for (const app of EXAMPLE_APPS)
    running.push(
      await startExample(
        app,
        exampleEnv(app, examples[app.key], {
          menhuUrl: server.url,
          port: Number(new URL(exampleUrls[app.key]).port),
          appUrl: exampleUrls[app.key],
        }),
        'ignore',
      ),
    );
  const files = fs
    .readdirSync(path.join(root, 'test/e2e'))
    .filter((f) => f.endsWith('.test.ts'))
    // `npm run test:e2e -- examples sso`: only the spec files whose names contain one of these.
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .map((f) => path.join(root, 'test/e2e', f));
  // The authenticator secrets bound during the run, shared by the spec processes (support.ts).
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'menhu-e2e-'));
  running.push({ stop: async () => fs.rmSync(stateDir, { recursive: true, force: true }) });
  const env = {
    ...process.env,
    E2E_BASE_URL: server.url,
    E2E_STATE_DIR: stateDir,
    E2E_MAIL_DIR: mailDir,
    E2E_CLIENT_ID: client.client_id,
    E2E_CLIENT_SECRET: client.client_secret,
    E2E_RP_CALLBACK: rpCallback,
    E2E_EXAMPLE_OIDC_URL: exampleUrls.oidc,
    E2E_EXAMPLE_VERIFY_URL: exampleUrls.verify,
    E2E_EXAMPLE_TRANSFER_URL: exampleUrls.transfer,
    E2E_TWFIDO_SIM_URL: twfido.url,
  };
  const runSpecs = (specs: string[]) =>
    new Promise<number>((resolve) =>
      spawn(process.execPath, ['--test', '--test-concurrency=1', ...specs], { env, stdio: 'inherit' }).on('exit', (c) =>
        resolve(c ?? 1),
      ),
    );
  // The mfa spec alone and first (node --test sorts the files it is given): it is the one that
  // sees sysadmin's first sign-in, the binding screen; the others then use the bound secret.
  const first = files.filter((f) => path.basename(f).startsWith('mfa'));
  const rest = files.filter((f) => !first.includes(f));
  const codes = [first.length ? await runSpecs(first) : 0, rest.length ? await runSpecs(rest) : 0];
  code = codes.find((c) => c !== 0) ?? 0;
} finally {
  await Promise.all(running.map((r) => r.stop()));
  await server.stop();
  await mail.stop();
  await twfido.stop();
  await hipki.stop();
  fs.rmSync(mailDir, { recursive: true, force: true });
}
process.exit(code);
