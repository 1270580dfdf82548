/**
 * The three example applications in examples/: how each is registered with the operator CLI
 * (`menhu apps add`) and how it is started. Used by `npm run examples` and by the browser tests.
 */
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export interface ExampleApp {
  key: 'oidc' | 'verify' | 'transfer';
  /** The name it is registered under (and its future launcher tile). */
  name: string;
  dir: string;
  defaultPort: number;
  /** `apps add` options for this example served at `url`. */
  registration(url: string): string[];
}

export const EXAMPLE_APPS: ExampleApp[] = [
  {
    key: 'oidc',
    name: '範例 OIDC 應用系統',
    dir: 'oidc-app',
    defaultPort: 3101,
    registration: (url) => [
      ...['--service', 'sso', '--redirect-uri', `${url}/callback`, '--post-logout-redirect-uri', `${url}/`],
      ...['--backchannel-logout-uri', `${url}/backchannel-logout`, '--initiate-login-uri', `${url}/login`],
    ],
  },
  {
    key: 'verify',
    name: '範例帳號驗證系統',
    dir: 'verify-app',
    defaultPort: 3102,
    registration: () => ['--service', 'verify'],
  },
  {
    key: 'transfer',
    name: '範例轉登系統',
    dir: 'transfer-app',
    defaultPort: 3103,
    registration: (url) => ['--service', 'transfer', '--entry-url', `${url}/entry`],
  },
];

/** What `apps add` prints: the credentials, shown once. */
export interface Registered {
  id: number;
  apcode: string;
  aptoken: string;
  client_id?: string;
  client_secret?: string;
}

/** Runs the CLI as an operator would (the embedded database must not be open elsewhere). */
function menhu(args: string[], env: Record<string, string>): string {
  return execFileSync(process.execPath, [path.join(root, 'apps/server/src/cli.ts'), ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

/**
 * Registers every example (at its URL in `urls`) after loading the demo organisations if the
 * database has none yet: the applications belong to 嘉禾市政府資訊中心 (399010000A).
 */
export function registerExamples(urls: Record<ExampleApp['key'], string>, env: Record<string, string>) {
  menhu(['seed', '--demo'], env);
  const registered = {} as Record<ExampleApp['key'], Registered>;
  for (const app of EXAMPLE_APPS) {
    const url = urls[app.key];
    const out = menhu(
      [
        ...['apps', 'add', '--name', app.name, '--url', `${url}/`, '--org', '399010000A'],
        ...['--contact-name', '資訊中心系統發展科', '--contact-email', 'examples@city.example.gov.tw'],
        ...['--description', `Menhu 介接範例 examples/${app.dir}`],
        // A tile in 系統列表 (資訊服務), opening the example the way it integrates.
        ...['--tile', '資訊服務'],
        ...app.registration(url),
      ],
      env,
    );
    registered[app.key] = JSON.parse(out.trim().split('\n').at(-1)!) as Registered;
  }
  return registered;
}

/** The example's environment: where Menhu is, where it listens, its credentials. */
export function exampleEnv(app: ExampleApp, r: Registered, at: { menhuUrl: string; port: number; appUrl: string }) {
  const credentials: Record<string, string> =
    app.key === 'oidc'
      ? { CLIENT_ID: r.client_id!, CLIENT_SECRET: r.client_secret! }
      : { APCODE: r.apcode, APTOKEN: r.aptoken };
  return { MENHU_URL: at.menhuUrl, PORT: String(at.port), APP_URL: at.appUrl, ...credentials };
}

export interface RunningExample {
  url: string;
  stop(): Promise<void>;
}

/** Starts the example in its own process and waits until it answers. */
export async function startExample(
  app: ExampleApp,
  env: Record<string, string>,
  output: 'inherit' | 'ignore' = 'inherit',
): Promise<RunningExample> {
  const url = env.APP_URL!;
  const child = spawn(process.execPath, [path.join(root, 'examples', app.dir, 'server.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', output, 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  };
  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${app.name} exited during start`);
    try {
      if ((await fetch(`${url}/`)).ok) return { url, stop };
    } catch {
      /* still starting */
    }
    if (Date.now() > until) {
      await stop();
      throw new Error(`${app.name} at ${url} did not start`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
