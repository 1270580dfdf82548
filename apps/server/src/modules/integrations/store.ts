/** SQL of the integrations module (INT-1..4, SSO-2, SSO-3). */
import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import {
  accounts,
  integrationApps,
  integrationCallStats,
  integrationReviews,
  integrationServices,
  orgs,
  transferTickets,
} from '../../platform/db/schema.ts';

export type AppRow = typeof integrationApps.$inferSelect;
export type NewAppRow = typeof integrationApps.$inferInsert;
export type ServiceRow = typeof integrationServices.$inferSelect;

const appColumns = {
  app: integrationApps,
  orgName: orgs.name,
  orgPath: orgs.path,
  ownerName: accounts.name,
};

function selectApps(exec: Executor) {
  return exec
    .select(appColumns)
    .from(integrationApps)
    .innerJoin(orgs, eq(orgs.id, integrationApps.orgId))
    .leftJoin(accounts, eq(accounts.id, integrationApps.ownerId));
}
export type AppWithNames = Awaited<ReturnType<ReturnType<typeof selectApps>['execute']>>[number];

export async function findApp(exec: Executor, id: number): Promise<AppWithNames | undefined> {
  return (await selectApps(exec).where(eq(integrationApps.id, id)))[0];
}

/** Locks the application row for the rest of the transaction (status changes, reviews). */
export async function lockApp(exec: Executor, id: number): Promise<AppRow | undefined> {
  return (await exec.select().from(integrationApps).where(eq(integrationApps.id, id)).for('update'))[0];
}

export async function findAppByApcode(exec: Executor, apcode: string): Promise<AppRow | undefined> {
  return (await exec.select().from(integrationApps).where(eq(integrationApps.apcode, apcode)))[0];
}

export async function searchApps(
  exec: Executor,
  filter: { ownerId?: number; q?: string | null; status?: string },
  pageNo: number,
  pageSize: number,
): Promise<{ rows: AppWithNames[]; total: number }> {
  const conds: SQL[] = [];
  if (filter.ownerId !== undefined) conds.push(eq(integrationApps.ownerId, filter.ownerId));
  if (filter.status) conds.push(eq(integrationApps.status, filter.status));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(integrationApps.name, like), ilike(integrationApps.apcode, like), ilike(orgs.name, like))!);
  }
  const where = conds.length ? and(...conds) : undefined;
  const [rows, totals] = await Promise.all([
    selectApps(exec)
      .where(where)
      .orderBy(desc(integrationApps.id))
      .limit(pageSize)
      .offset((pageNo - 1) * pageSize),
    exec.select({ n: count() }).from(integrationApps).innerJoin(orgs, eq(orgs.id, integrationApps.orgId)).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

export async function insertApp(exec: Executor, row: NewAppRow): Promise<AppRow> {
  return (await exec.insert(integrationApps).values(row).returning())[0]!;
}

export async function updateApp(exec: Executor, id: number, set: Partial<NewAppRow>): Promise<void> {
  await exec.update(integrationApps).set(set).where(eq(integrationApps.id, id));
}

export async function servicesOf(exec: Executor, appIds: number[]): Promise<ServiceRow[]> {
  if (!appIds.length) return [];
  return exec
    .select()
    .from(integrationServices)
    .where(inArray(integrationServices.appId, appIds))
    .orderBy(asc(integrationServices.id));
}

export async function findService(exec: Executor, appId: number, service: string): Promise<ServiceRow | undefined> {
  return (
    await exec
      .select()
      .from(integrationServices)
      .where(and(eq(integrationServices.appId, appId), eq(integrationServices.service, service)))
  )[0];
}

export async function upsertServiceRequest(
  exec: Executor,
  row: { appId: number; service: string; request: unknown; requestedAt: Date; requestedBy: number | null },
): Promise<ServiceRow> {
  return (
    await exec
      .insert(integrationServices)
      .values({ ...row, status: 'pending' })
      .onConflictDoUpdate({
        target: [integrationServices.appId, integrationServices.service],
        set: {
          status: 'pending',
          request: row.request,
          requestedAt: row.requestedAt,
          requestedBy: row.requestedBy,
          reviewedAt: null,
          reviewedBy: null,
          reason: null,
        },
      })
      .returning()
  )[0]!;
}

export async function updateService(
  exec: Executor,
  id: number,
  set: Partial<typeof integrationServices.$inferInsert>,
): Promise<void> {
  await exec.update(integrationServices).set(set).where(eq(integrationServices.id, id));
}

export async function insertReview(exec: Executor, row: typeof integrationReviews.$inferInsert): Promise<void> {
  await exec.insert(integrationReviews).values(row);
}

export async function reviewsOf(exec: Executor, serviceId: number) {
  return exec
    .select()
    .from(integrationReviews)
    .where(eq(integrationReviews.serviceId, serviceId))
    .orderBy(desc(integrationReviews.at), desc(integrationReviews.id));
}

export async function pendingRequests(exec: Executor) {
  return exec
    .select({
      s: integrationServices,
      appName: integrationApps.name,
      apcode: integrationApps.apcode,
      orgName: orgs.name,
      requestedBy: accounts.name,
    })
    .from(integrationServices)
    .innerJoin(integrationApps, eq(integrationApps.id, integrationServices.appId))
    .innerJoin(orgs, eq(orgs.id, integrationApps.orgId))
    .leftJoin(accounts, eq(accounts.id, integrationServices.requestedBy))
    .where(and(eq(integrationServices.status, 'pending'), eq(integrationApps.status, 'active')))
    .orderBy(asc(integrationServices.requestedAt));
}

/** Adds counted calls; additive, so every node may flush its own counts at any time. */
export async function addCallCounts(
  exec: Executor,
  rows: { appId: number; service: string; day: string; calls: number; failures: number }[],
): Promise<void> {
  if (!rows.length) return;
  await exec
    .insert(integrationCallStats)
    .values(rows)
    .onConflictDoUpdate({
      target: [integrationCallStats.appId, integrationCallStats.service, integrationCallStats.day],
      set: {
        calls: sql`${integrationCallStats.calls} + excluded.calls`,
        failures: sql`${integrationCallStats.failures} + excluded.failures`,
      },
    });
}

export async function callStats(exec: Executor, filter: { appId: number; from: string; to: string; service?: string }) {
  const conds = [
    eq(integrationCallStats.appId, filter.appId),
    gte(integrationCallStats.day, filter.from),
    lte(integrationCallStats.day, filter.to),
  ];
  if (filter.service) conds.push(eq(integrationCallStats.service, filter.service));
  return exec
    .select()
    .from(integrationCallStats)
    .where(and(...conds))
    .orderBy(asc(integrationCallStats.day), asc(integrationCallStats.service));
}

export async function totalCalls(exec: Executor, appIds: number[]) {
  if (!appIds.length) return [];
  return exec
    .select({
      appId: integrationCallStats.appId,
      service: integrationCallStats.service,
      calls: sql<number>`sum(${integrationCallStats.calls})::int`,
    })
    .from(integrationCallStats)
    .where(inArray(integrationCallStats.appId, appIds))
    .groupBy(integrationCallStats.appId, integrationCallStats.service);
}

export async function insertTicket(exec: Executor, row: typeof transferTickets.$inferInsert): Promise<void> {
  await exec.insert(transferTickets).values(row);
}

/**
 * Marks a ticket used, atomically: of two concurrent redemptions exactly one gets the row back.
 * Returns undefined when the ticket does not exist, was used, or belongs to another application;
 * `peekTicket` tells which, for the error message.
 */
export async function consumeTicket(exec: Executor, hash: string, appId: number, now: Date) {
  return (
    await exec
      .update(transferTickets)
      .set({ usedAt: now })
      .where(
        and(
          eq(transferTickets.hash, hash),
          eq(transferTickets.appId, appId),
          isNull(transferTickets.usedAt),
          sql`${transferTickets.expiresAt} > ${now}`,
        ),
      )
      .returning()
  )[0];
}

export async function peekTicket(exec: Executor, hash: string) {
  return (await exec.select().from(transferTickets).where(eq(transferTickets.hash, hash)))[0];
}

export async function purgeTickets(exec: Executor, before: Date): Promise<void> {
  await exec.delete(transferTickets).where(lte(transferTickets.expiresAt, before));
}
