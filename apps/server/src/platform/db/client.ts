/**
 * Opens the database: embedded PGlite persisted under DATA_DIR when DATABASE_URL is unset,
 * PostgreSQL through a `pg` pool otherwise (ARCHITECTURE principle 2). Both are exposed as
 * the same Drizzle database type, so stores never know which engine they talk to.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { QueryResult } from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A store function accepts either the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs raw SQL on one dedicated connection (migrations, advisory locks). */
  withSession<T>(fn: (query: RawQuery) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Raw SQL; several statements allowed when there are no parameters. */
export type RawQuery = (sqlText: string) => Promise<Record<string, unknown>[]>;

export class DataDirInUseError extends Error {}

/** PGlite is single-process: a lock file stops a second process (say, the CLI) from corrupting it. */
function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, 'menhu.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lockFile, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new DataDirInUseError(
          `The data directory ${dir} is in use by process ${pid} (is the server running?). Stop it first, or set DATABASE_URL to use PostgreSQL.`,
        );
      }
      fs.rmSync(lockFile, { force: true }); // stale lock from a process that died
    }
  }
  throw new DataDirInUseError(`Could not lock the data directory ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openDatabase(opts: {
  databaseUrl?: string | undefined;
  dataDir?: string;
  poolSize?: number;
  /** In-memory PGlite (tests). */
  memory?: boolean;
}): Promise<Database> {
  if (opts.databaseUrl) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    pool.on('error', () => {
      /* idle client errors surface on the next query; never crash the process */
    });
    const db = drizzle(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      withSession: async (fn) => {
        const conn = await pool.connect();
        try {
          return await fn(async (s) => {
            const res = (await conn.query(s)) as unknown as QueryResult | QueryResult[];
            return Array.isArray(res) ? (res.at(-1)?.rows ?? []) : res.rows;
          });
        } finally {
          conn.release();
        }
      },
      ping: async () => {
        await pool.query('select 1');
      },
      close: () => pool.end(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  let unlock = () => {};
  let client;
  if (opts.memory) {
    client = await PGlite.create();
  } else {
    const dir = path.join(opts.dataDir ?? './data', 'pgdata');
    unlock = lockDataDir(opts.dataDir ?? './data');
    try {
      client = await PGlite.create(dir);
    } catch (err) {
      unlock();
      throw err;
    }
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    withSession: (fn) =>
      fn(async (s) => {
        const res = await client.exec(s);
        return (res.at(-1)?.rows ?? []) as Record<string, unknown>[];
      }),
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      await client.close();
      unlock();
    },
  };
}
