/**
 * Runs several independent INSERT/UPDATE/DELETE builders as ONE SQL statement (data-modifying
 * CTEs). One statement is atomic on its own, so a hot path such as a successful login commits
 * all its writes in a single round trip instead of BEGIN + n statements + COMMIT.
 * The writes must not depend on each other's effects (they all see the same snapshot) and must
 * not touch the same row twice.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Executor } from './client.ts';

export async function writeAll(exec: Executor, writes: SQLWrapper[]): Promise<void> {
  const last = writes.at(-1);
  if (!last) return;
  // getSQL() embeds the statement itself; embedding the builder would wrap it as a subquery.
  const ctes: SQL[] = writes.slice(0, -1).map((w, i) => sql`${sql.raw(`w${i}`)} as (${w.getSQL()})`);
  await exec.execute(ctes.length ? sql`with ${sql.join(ctes, sql`, `)} ${last.getSQL()}` : last.getSQL());
}
