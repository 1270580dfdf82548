/** SQL of the launcher (PORTAL-3 系統列表): categories, systems, visibility, favourites. */
import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { systemCategories, systemFavourites, systems, systemVisibility } from '../../platform/db/schema.ts';

export type CategoryRow = typeof systemCategories.$inferSelect;
export type NewCategoryRow = typeof systemCategories.$inferInsert;
export type SystemRow = typeof systems.$inferSelect;
export type NewSystemRow = typeof systems.$inferInsert;

/**
 * "An enabled system this person sees": it has no visibility rows (everyone sees it), or one
 * of its rows names an organisation in `orgIds` — the person's organisation and its ancestors.
 * ${systems}.id, not ${systems.id}: in a one-table select Drizzle leaves columns unqualified,
 * and inside the subquery a bare name would not mean the outer system.
 */
function visibleTo(orgIds: number[]): SQL {
  const named = orgIds.length
    ? sql`or exists (select 1 from ${systemVisibility} v where v.system_id = ${systems}.id and v.org_id in (${sql.join(
        orgIds.map((id) => sql`${id}`),
        sql`, `,
      )}))`
    : sql``;
  return sql`${systems}.enabled and (not exists (select 1 from ${systemVisibility} v where v.system_id = ${systems}.id) ${named})`;
}

const systemOrder = [asc(systems.sortOrder), asc(systems.id)];

export async function listVisibleSystems(exec: Executor, orgIds: number[]): Promise<SystemRow[]> {
  return exec
    .select()
    .from(systems)
    .where(visibleTo(orgIds))
    .orderBy(...systemOrder);
}

export async function findVisibleSystem(exec: Executor, id: number, orgIds: number[]): Promise<SystemRow | undefined> {
  return (
    await exec
      .select()
      .from(systems)
      .where(and(eq(systems.id, id), visibleTo(orgIds)))
  )[0];
}

// ---- categories ------------------------------------------------------------------------------

const categoryOrder = [asc(systemCategories.sortOrder), asc(systemCategories.id)];

export async function listCategories(exec: Executor): Promise<CategoryRow[]> {
  return exec
    .select()
    .from(systemCategories)
    .orderBy(...categoryOrder);
}

export async function listCategoriesWithCounts(exec: Executor) {
  return exec
    .select({
      c: systemCategories,
      systemCount: sql<number>`(select count(*)::int from ${systems} s where s.category_id = ${systemCategories}.id)`,
    })
    .from(systemCategories)
    .orderBy(...categoryOrder);
}

export async function findCategoryById(exec: Executor, id: number): Promise<CategoryRow | undefined> {
  return (await exec.select().from(systemCategories).where(eq(systemCategories.id, id)))[0];
}

export async function findCategoryByName(exec: Executor, name: string): Promise<CategoryRow | undefined> {
  return (await exec.select().from(systemCategories).where(eq(systemCategories.name, name)))[0];
}

export async function insertCategory(exec: Executor, row: NewCategoryRow): Promise<CategoryRow> {
  return (await exec.insert(systemCategories).values(row).returning())[0]!;
}

export async function updateCategoryRow(exec: Executor, id: number, set: Partial<NewCategoryRow>): Promise<void> {
  await exec.update(systemCategories).set(set).where(eq(systemCategories.id, id));
}

export async function deleteCategoryRow(exec: Executor, id: number): Promise<void> {
  await exec.delete(systemCategories).where(eq(systemCategories.id, id));
}

export async function countSystemsInCategory(exec: Executor, categoryId: number): Promise<number> {
  const rows = await exec.select({ n: count() }).from(systems).where(eq(systems.categoryId, categoryId));
  return rows[0]?.n ?? 0;
}

// ---- systems (catalogue) ---------------------------------------------------------------------

export async function listAllSystems(exec: Executor): Promise<SystemRow[]> {
  return exec
    .select()
    .from(systems)
    .orderBy(...systemOrder);
}

export async function listSystemNames(exec: Executor): Promise<string[]> {
  return (await exec.select({ name: systems.name }).from(systems)).map((r) => r.name);
}

export async function findSystemById(exec: Executor, id: number): Promise<SystemRow | undefined> {
  return (await exec.select().from(systems).where(eq(systems.id, id)))[0];
}

/** Locks the system's row for the rest of the transaction (concurrent edits of its visibility). */
export async function lockSystem(exec: Executor, id: number): Promise<SystemRow | undefined> {
  return (await exec.select().from(systems).where(eq(systems.id, id)).for('update'))[0];
}

export async function insertSystem(exec: Executor, row: NewSystemRow): Promise<SystemRow> {
  return (await exec.insert(systems).values(row).returning())[0]!;
}

export async function updateSystemRow(exec: Executor, id: number, set: Partial<NewSystemRow>): Promise<void> {
  await exec.update(systems).set(set).where(eq(systems.id, id));
}

export async function deleteSystemRow(exec: Executor, id: number): Promise<void> {
  await exec.delete(systems).where(eq(systems.id, id));
}

/** Visibility organisation ids per system, for the given systems (all when `ids` is omitted). */
export async function visibilityOf(exec: Executor, ids?: number[]): Promise<Map<number, number[]>> {
  if (ids && !ids.length) return new Map();
  const rows = await exec
    .select()
    .from(systemVisibility)
    .where(ids ? inArray(systemVisibility.systemId, ids) : undefined)
    .orderBy(asc(systemVisibility.systemId), asc(systemVisibility.orgId));
  const out = new Map<number, number[]>();
  for (const r of rows) out.set(r.systemId, [...(out.get(r.systemId) ?? []), r.orgId]);
  return out;
}

export async function replaceVisibility(exec: Executor, systemId: number, orgIds: number[]): Promise<void> {
  await exec.delete(systemVisibility).where(eq(systemVisibility.systemId, systemId));
  if (orgIds.length) await exec.insert(systemVisibility).values(orgIds.map((orgId) => ({ systemId, orgId })));
}

// ---- favourites ------------------------------------------------------------------------------

/** The person's favourite system ids in their order (including ones they cannot see now). */
export async function favouriteIds(exec: Executor, accountId: number): Promise<number[]> {
  const rows = await exec
    .select({ id: systemFavourites.systemId })
    .from(systemFavourites)
    .where(eq(systemFavourites.accountId, accountId))
    .orderBy(asc(systemFavourites.position), asc(systemFavourites.systemId));
  return rows.map((r) => r.id);
}

/** Serialises favourite changes per person: two tabs saving at once must not collide on the key. */
export async function lockFavourites(exec: Executor, lockKey: number, accountId: number): Promise<void> {
  await exec.execute(sql`select pg_advisory_xact_lock(${lockKey}, ${accountId})`);
}

/** Replaces the favourites among `replaceable` with `systemIds`, in that order; others stay. */
export async function replaceFavourites(
  exec: Executor,
  accountId: number,
  replaceable: number[],
  systemIds: number[],
): Promise<void> {
  if (replaceable.length)
    await exec
      .delete(systemFavourites)
      .where(and(eq(systemFavourites.accountId, accountId), inArray(systemFavourites.systemId, replaceable)));
  if (systemIds.length)
    await exec
      .insert(systemFavourites)
      .values(systemIds.map((systemId, position) => ({ accountId, systemId, position })));
}
