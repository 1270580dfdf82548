/**
 * Applies the committed SQL migrations in order, each in its own transaction, under an
 * advisory lock so several nodes starting together migrate once.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './client.ts';

const MIGRATIONS_DIR = path.join(import.meta.dirname, '../../../migrations');
const LOCK_ID = 728_460_101; // arbitrary, fixed: "menhu migrations"

export interface MigrationResult {
  applied: string[];
  total: number;
}

export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/u.test(f))
    .sort();
  return database.withSession(async (query) => {
    await query(`SELECT pg_advisory_lock(${LOCK_ID})`);
    const applied: string[] = [];
    try {
      await query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const done = new Set((await query('SELECT name FROM schema_migrations')).map((r) => String(r.name)));
      for (const file of files) {
        if (done.has(file)) continue;
        const body = fs.readFileSync(path.join(dir, file), 'utf8').replaceAll('--> statement-breakpoint', '');
        const name = file.replaceAll("'", "''");
        try {
          await query(`BEGIN;\n${body}\n;\nINSERT INTO schema_migrations(name) VALUES ('${name}');\nCOMMIT;`);
        } catch (err) {
          await query('ROLLBACK').catch(() => {});
          throw new Error(`Migration ${file} failed: ${(err as Error).message}`, { cause: err });
        }
        applied.push(file);
      }
    } finally {
      await query(`SELECT pg_advisory_unlock(${LOCK_ID})`);
    }
    return { applied, total: files.length };
  });
}
