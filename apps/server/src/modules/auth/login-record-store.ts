import { and, count, desc, eq, like, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { accounts, loginRecords, orgs } from '../../platform/db/schema.ts';

export type NewLoginRecord = typeof loginRecords.$inferInsert;

/** Returns the query unexecuted: await it, or compose it with others via writeAll. */
export function insertLoginRecord(exec: Executor, row: NewLoginRecord) {
  return exec.insert(loginRecords).values(row);
}

export async function listLoginRecords(
  exec: Executor,
  f: { accountId?: number; orgPathPrefix?: string },
  limit: number,
  offset: number,
) {
  const parts: SQL[] = [];
  if (f.accountId !== undefined) parts.push(eq(loginRecords.accountId, f.accountId));
  if (f.orgPathPrefix !== undefined) parts.push(like(orgs.path, `${f.orgPathPrefix}%`));
  const where = and(...parts);
  const base = exec
    .select({ r: loginRecords, name: accounts.name })
    .from(loginRecords)
    .leftJoin(accounts, eq(accounts.id, loginRecords.accountId))
    .leftJoin(orgs, eq(orgs.id, accounts.orgId));
  const [rows, totals] = await Promise.all([
    base.where(where).orderBy(desc(loginRecords.id)).limit(limit).offset(offset),
    exec
      .select({ n: count() })
      .from(loginRecords)
      .leftJoin(accounts, eq(accounts.id, loginRecords.accountId))
      .leftJoin(orgs, eq(orgs.id, accounts.orgId))
      .where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}
