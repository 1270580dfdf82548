/**
 * Test harness: a real database per test file (in-memory PGlite by default, a fresh
 * PostgreSQL database when TEST_DATABASE_URL is set), migrated, with a TestClock and the
 * app built exactly as main builds it.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import { TestClock } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { deriveKeys, IdNumberCipher } from '../platform/crypto.ts';
import { openDatabase, type Database } from '../platform/db/client.ts';
import { migrate } from '../platform/db/migrate.ts';
import { BuiltinDirectory } from '../modules/directory/builtin-directory.ts';

export const ORIGIN = 'http://localhost:3000';

/** A route as registered, with the access it declares (undefined = none). */
export interface RegisteredRoute {
  methods: string[];
  url: string;
  access: string | undefined;
}

export interface Harness {
  app: FastifyInstance;
  /** Every route the app registered, in order. */
  routes: RegisteredRoute[];
  ctx: Ctx;
  clock: TestClock;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

async function freshPostgres(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: pg } = await import('pg');
  const name = `menhu_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function createHarness(env: Record<string, string> = {}): Promise<Harness> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PUBLIC_URL: ORIGIN,
    DATA_DIR: path.join(os.tmpdir(), 'menhu-test-unused'),
    WEB_DIST: path.join(os.tmpdir(), 'menhu-no-web'),
    // Second factors are tested where they are the subject (totp/*.test.ts); elsewhere an
    // administrator signs in with a password alone.
    MFA_REQUIRED_ROLES: 'none',
    ...env,
  });
  const testUrl = process.env.TEST_DATABASE_URL;
  const pgdb = testUrl ? await freshPostgres(testUrl) : null;
  const database = await openDatabase(pgdb ? { databaseUrl: pgdb.url, poolSize: 5 } : { memory: true });
  await migrate(database);
  const clock = new TestClock();
  const keys = deriveKeys(crypto.randomBytes(32));
  const ctx: Ctx = {
    db: database.db,
    config,
    clock,
    keys,
    cipher: new IdNumberCipher(keys),
    directory: new BuiltinDirectory(database.db),
  };
  const routes: RegisteredRoute[] = [];
  const onRoute = (r: RouteOptions) => {
    routes.push({
      methods: ([] as string[]).concat(r.method),
      url: r.url,
      access: (r.config as { access?: string } | undefined)?.access,
    });
  };
  // TEST_LOG=1 shows the server's own log (unhandled errors) when a test needs explaining.
  const logger = process.env.TEST_LOG ? { level: 'warn' } : false;
  const app = await buildApp({ ctx, database, onRoute, logger });
  await app.ready();
  return {
    app,
    routes,
    ctx,
    clock,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
      await pgdb?.drop();
    },
  };
}
