import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { passwordMeetsPolicy } from '@menhu/contracts';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createContext } from './platform/bootstrap.ts';
import { openDatabase } from './platform/db/client.ts';
import { systems } from './platform/db/schema.ts';
import { ORIGIN } from './test-support/harness.ts';

const CLI = path.join(import.meta.dirname, 'cli.ts');
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'menhu-cli-test-'));
let dirs = 0;
const freshDir = () => fs.mkdtempSync(path.join(tmpRoot, `d${++dirs}-`));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as an operator would, with only the environment given (no DATABASE_URL leaks in). */
function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: tmpRoot, env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', ...env }, timeout: 120_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const file = (name: string, text: string) => {
  const p = path.join(tmpRoot, name);
  fs.writeFileSync(p, text);
  return p;
};

after(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

/** The real application on a data directory the CLI prepared (the CLI must not be running). */
async function withServer(dataDir: string, check: (app: FastifyInstance) => Promise<void>): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PUBLIC_URL: ORIGIN,
    WEB_DIST: path.join(tmpRoot, 'no-web'),
  });
  const database = await openDatabase({ dataDir: config.dataDir });
  const app = await buildApp({ ctx: createContext(config, database), database });
  try {
    await check(app);
  } finally {
    await app.close();
    await database.close();
  }
}

describe('the menhu CLI', () => {
  describe('an operator setting up a portal (in order, on one data directory)', () => {
    let env: Record<string, string>;
    before(() => {
      env = { DATA_DIR: freshDir() };
    });

    test('migrate applies every migration to a new data directory', async () => {
      const r = await cli(['migrate'], env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Applied \d+ migration\(s\): 0000_init\.sql, /u);
    });

    test('migrate again says the database is up to date', async () => {
      const r = await cli(['migrate'], env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Database is up to date \(\d+ migrations\)\.$/mu);
    });

    test('seed --demo loads the demo city and prints its counts', async () => {
      const r = await cli(['seed', '--demo'], env);
      assert.equal(r.code, 0, r.stderr);
      const m = /Demo data loaded: (\d+) organisations, (\d+) accounts, (\d+) agency admins\./u.exec(r.stdout);
      assert.ok(m, r.stdout);
      assert.ok(Number(m[1]) >= 50 && Number(m[2]) >= 250 && Number(m[3]) >= 48, r.stdout);
    });

    test('seed --demo again says the data is already present and changes nothing', async () => {
      const r = await cli(['seed', '--demo'], env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /already present; nothing changed/u);
    });

    let oneTime = '';
    test('create-admin prints a one-time password', async () => {
      const r = await cli(['create-admin', '--account', 'ops01', '--name', '維運', '--org', '399010000A'], env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Created system administrator ops01 \(維運\) in 嘉禾市政府資訊中心\./u);
      const m = /One-time password: (\S+)/u.exec(r.stdout);
      assert.ok(m, r.stdout);
      oneTime = m[1]!;
      assert.ok(passwordMeetsPolicy(oneTime, 'ops01'));
    });

    test('the one-time password signs in as a system admin who must first bind a second factor', async () => {
      await withServer(env.DATA_DIR!, async (app) => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { origin: ORIGIN },
          payload: { account: 'ops01', password: oneTime },
        });
        assert.equal(res.statusCode, 200, res.body);
        // Administrators need a second factor by default (SSO-10); a new one binds it first,
        // then changes the one-time password.
        assert.equal(res.json().mfaRequired, true);
        assert.equal(res.json().enrolRequired, true);
      });
    });

    test('create-admin for a taken account name exits 1 saying so', async () => {
      const r = await cli(['create-admin', '--account', 'OPS01', '--name', '又一個', '--org', '399010000A'], env);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /already exists.*"field":"account"/u);
      assert.doesNotMatch(r.stdout, /One-time password/u);
    });

    test('create-admin for an unknown organisation code exits 1 and says to import organisations', async () => {
      const r = await cli(['create-admin', '--account', 'ops02', '--name', '維運', '--org', 'NOPE0000'], env);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /No organisation with code NOPE0000\. Import organisations first/u);
    });

    test('create-admin with a malformed account name exits 1 naming the field', async () => {
      const r = await cli(['create-admin', '--account', "x' OR 1=1", '--name', '維運', '--org', '399010000A'], env);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^account: /mu);
    });

    test('apps add registers an application with approved services and prints its credentials once', async () => {
      const r = await cli(
        [
          'apps',
          'add',
          '--name',
          '範例系統',
          '--url',
          'http://127.0.0.1:3101/',
          '--org',
          '399010000A',
          '--contact-email',
          'ops@example.gov.tw',
          '--service',
          'sso',
          '--service',
          'verify',
          '--redirect-uri',
          'http://127.0.0.1:3101/callback',
          '--backchannel-logout-uri',
          'http://127.0.0.1:3101/backchannel-logout',
          '--claims',
          'name,org_code',
        ],
        env,
      );
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trim().split('\n');
      assert.equal(lines.length, 1, r.stdout);
      const out = JSON.parse(lines[0]!) as Record<string, unknown>;
      assert.deepEqual(Object.keys(out), ['id', 'apcode', 'aptoken', 'client_id', 'client_secret']);
      await withServer(env.DATA_DIR!, async (app) => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/verify',
          headers: { 'x-apcode': String(out.apcode), 'x-aptoken': String(out.aptoken) },
          payload: { account: 'user01', password: 'Menhu@2026demo' },
        });
        assert.equal(res.statusCode, 200, res.body);
        assert.deepEqual(Object.keys(res.json().claims).sort(), ['name', 'org_code']);
      });
    });

    test('apps add --tile lists the application in 系統列表 opening by transfer login; an unknown category writes nothing', async () => {
      const common = ['apps', 'add', '--url', 'https://doc.example.gov.tw/', '--org', '399010000A'].concat([
        '--contact-email',
        'ops@example.gov.tw',
        '--service',
        'transfer',
        '--entry-url',
        'https://doc.example.gov.tw/entry',
      ]);
      const bad = await cli([...common, '--name', '無分類系統', '--tile', '不存在的分類'], env);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /No 系統列表 category named 不存在的分類/u);
      const ok = await cli([...common, '--name', '公文轉登系統', '--tile', '行政作業'], env);
      assert.equal(ok.code, 0, ok.stderr);
      const { id } = JSON.parse(ok.stdout.trim()) as { id: number };
      const database = await openDatabase({ dataDir: env.DATA_DIR! });
      const rows = await database.db
        .select()
        .from(systems)
        .finally(() => database.close());
      const tile = rows.find((r) => r.name === '公文轉登系統');
      assert.equal(tile?.launchMode, 'transfer');
      assert.equal(tile?.appId, id);
      assert.equal(
        rows.some((r) => r.name === '無分類系統'),
        false,
      );
    });

    test('apps add for an unknown organisation code exits 1 saying so', async () => {
      const r = await cli(
        ['apps', 'add', '--name', 'x', '--url', 'https://x.example.gov.tw/', '--org', 'NOPE0000'].concat([
          '--contact-email',
          'ops@example.gov.tw',
          '--service',
          'verify',
        ]),
        env,
      );
      assert.equal(r.code, 1);
      assert.match(r.stderr, /No organisation with code NOPE0000/u);
    });

    test('import-orgs of a good file reports what it created, and a second run that nothing changed', async () => {
      const csv = file(
        'good.csv',
        '機關代碼,機關全銜,機關簡稱,機關類型,上層機關代碼\n399990000A,嘉禾市政府新局,新局,府內單位,399000000A\n',
      );
      const first = await cli(['import-orgs', csv], env);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /1 created, 0 updated, 0 unchanged, 0 rejected\./u);
      const second = await cli(['import-orgs', csv], env);
      assert.match(second.stdout, /0 created, 0 updated, 1 unchanged, 0 rejected\./u);
    });

    test('import-orgs of a file without a required column exits 1 with a clear message', async () => {
      const csv = file('bad.csv', 'code,name\n399980000A,沒有類型的機關\n');
      const r = await cli(['import-orgs', csv], env);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /The CSV file is not valid\..*missing column/u);
    });

    test('import-orgs with rejected rows lists each and exits 1, keeping the valid rows', async () => {
      const csv = file(
        'mixed.csv',
        'code,name,short_name,type,parent_code\n399970000A,有效,有效,internal,\nbad!,壞,壞,internal,\n399960000A,缺上層,缺上層,internal,NOPE\n',
      );
      const r = await cli(['import-orgs', csv], env);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /line 3 \(bad!\): rejected — code: /u);
      assert.match(r.stdout, /line 4 \(399960000A\): rejected — parent code NOPE not found/u);
      assert.match(r.stdout, /1 created, 0 updated, 0 unchanged, 2 rejected\./u);
    });
  });

  describe('refusals before any data is touched', { concurrency: true }, () => {
    test('seed without --demo exits 1 with the usage', async () => {
      const r = await cli(['seed'], { DATA_DIR: freshDir() });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /seed needs --demo/u);
      assert.match(r.stderr, /Usage: /u);
    });

    test('create-admin without its options exits 1 with the usage', async () => {
      const r = await cli(['create-admin', '--account', 'ops03'], { DATA_DIR: freshDir() });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /create-admin needs --account, --name and --org/u);
    });

    test('import-orgs of a file that does not exist exits 1 saying so', async () => {
      const missing = path.join(tmpRoot, 'no-such-file.csv');
      const r = await cli(['import-orgs', missing], { DATA_DIR: freshDir() });
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`File not found: ${missing.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}`, 'u'));
    });

    test('import-orgs without a file exits 1 with the usage', async () => {
      const r = await cli(['import-orgs'], { DATA_DIR: freshDir() });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /import-orgs needs a CSV file/u);
    });

    test('apps add without what a service needs exits 1 naming it', async () => {
      const base = ['apps', 'add', '--name', 'x', '--url', 'https://x.example.gov.tw/', '--org', '399010000A'];
      const contact = ['--contact-email', 'ops@example.gov.tw'];
      const cases: [string[], RegExp][] = [
        [[...base, '--service', 'verify'], /apps add needs --name, --url, --org, --contact-email/u],
        [[...base, ...contact, '--service', 'sso'], /--service sso needs at least one --redirect-uri/u],
        [[...base, ...contact, '--service', 'transfer'], /--service transfer needs --entry-url/u],
        [[...base, ...contact, '--service', 'fax'], /--service takes sso, verify, transfer \(not fax\)/u],
        [[...base, ...contact, '--service', 'verify', '--claims', 'name,id_number'], /^claims\.1: /mu],
      ];
      for (const [args, message] of cases) {
        const r = await cli(args, { DATA_DIR: freshDir() });
        assert.equal(r.code, 1, args.join(' '));
        assert.match(r.stderr, message);
      }
    });

    test('an unknown command exits 1 with the usage', async () => {
      const r = await cli(['frobnicate'], { DATA_DIR: freshDir() });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^Unknown command: frobnicate/u);
      assert.match(r.stderr, /Usage: npm run menhu -- <command>/u);
    });

    test('help prints the usage and exits 0', async () => {
      const r = await cli(['help'], { DATA_DIR: freshDir() });
      assert.equal(r.code, 0);
      assert.match(r.stdout, /Commands:\n {2}migrate/u);
    });

    test('seed --demo in production exits 1', async () => {
      const dir = freshDir();
      const r = await cli(['seed', '--demo'], {
        DATA_DIR: dir,
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://x.example',
      });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /Demo data cannot be loaded in production\./u);
    });

    test('production with a plain-http PUBLIC_URL exits 1 naming it', async () => {
      const r = await cli(['migrate'], {
        DATA_DIR: freshDir(),
        NODE_ENV: 'production',
        PUBLIC_URL: 'http://x.example',
      });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /PUBLIC_URL must be https:\/\/ in production/u);
    });

    test('a bad setting exits 1 naming the variable', async () => {
      const r = await cli(['migrate'], { DATA_DIR: freshDir(), LOCKOUT_THRESHOLD: 'many' });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /Invalid configuration:\n {2}LOCKOUT_THRESHOLD: /u);
    });

    test('a data directory held by a running process is refused', async () => {
      const dir = freshDir();
      fs.writeFileSync(path.join(dir, 'menhu.lock'), String(process.pid));
      const r = await cli(['migrate'], { DATA_DIR: dir });
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`is in use by process ${process.pid}`, 'u'));
      assert.ok(!fs.existsSync(path.join(dir, 'pgdata')), 'nothing was opened');
    });
  });
});
