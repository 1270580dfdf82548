import { asc, eq, like, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { accounts, orgs } from '../../platform/db/schema.ts';

export type OrgRow = typeof orgs.$inferSelect;
export type NewOrgRow = typeof orgs.$inferInsert;

export async function findOrgById(exec: Executor, id: number): Promise<OrgRow | undefined> {
  return (await exec.select().from(orgs).where(eq(orgs.id, id)))[0];
}

export async function findOrgByCode(exec: Executor, code: string): Promise<OrgRow | undefined> {
  return (await exec.select().from(orgs).where(eq(orgs.code, code.toUpperCase())))[0];
}

export async function listOrgsWithCounts(exec: Executor) {
  return exec
    .select({
      o: orgs,
      // ${orgs}.id, not ${orgs.id}: in a one-table select Drizzle leaves columns unqualified, and a
      // bare "id" inside the subquery would mean the account's id, not the organisation's.
      accountCount: sql<number>`(select count(*)::int from ${accounts} a where a.org_id = ${orgs}.id)`,
    })
    .from(orgs)
    .orderBy(asc(orgs.path));
}

/** Inserts with a placeholder path, then sets the real one (it contains the new id). */
export async function insertOrg(exec: Executor, row: Omit<NewOrgRow, 'path'>, parentPath: string): Promise<OrgRow> {
  const [created] = await exec
    .insert(orgs)
    .values({ ...row, path: `${parentPath}pending/` })
    .returning();
  const path = `${parentPath}${created!.id}/`;
  await exec.update(orgs).set({ path }).where(eq(orgs.id, created!.id));
  return { ...created!, path };
}

export async function updateOrgRow(exec: Executor, id: number, set: Partial<NewOrgRow>): Promise<void> {
  await exec.update(orgs).set(set).where(eq(orgs.id, id));
}

/** Re-roots a subtree: every path under `oldPath` now starts with `newPath`. */
export async function rewriteSubtreePaths(exec: Executor, oldPath: string, newPath: string): Promise<void> {
  await exec
    .update(orgs)
    .set({ path: sql`${newPath} || substr(${orgs.path}, ${oldPath.length + 1})` })
    .where(like(orgs.path, `${oldPath}%`));
}

export async function countChildren(exec: Executor, id: number): Promise<number> {
  const rows = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(orgs)
    .where(eq(orgs.parentId, id));
  return rows[0]?.n ?? 0;
}

export async function countOrgs(exec: Executor): Promise<number> {
  const rows = await exec.select({ n: sql<number>`count(*)::int` }).from(orgs);
  return rows[0]?.n ?? 0;
}
