import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { accountRoles, accounts, orgs, sessions } from '../../platform/db/schema.ts';

export type SessionRow = typeof sessions.$inferSelect;
export type NewSessionRow = typeof sessions.$inferInsert;

export async function insertSession(exec: Executor, row: NewSessionRow): Promise<void> {
  await exec.insert(sessions).values(row);
}

/** The session and everything a request needs about its account, in one query. */
export async function findSessionByTokenHash(exec: Executor, tokenHash: string) {
  const rows = await exec
    .select({
      s: sessions,
      account: accounts.account,
      name: accounts.name,
      status: accounts.status,
      orgId: accounts.orgId,
      orgPath: orgs.path,
      roles: sql<
        string[]
      >`coalesce((select array_agg(r.role order by r.role) from ${accountRoles} r where r.account_id = ${accounts.id}), '{}')`,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .innerJoin(orgs, eq(orgs.id, accounts.orgId))
    .where(eq(sessions.tokenHash, tokenHash));
  return rows[0];
}

export async function touchSession(exec: Executor, id: string, at: Date): Promise<void> {
  await exec.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function revokeSessionRow(exec: Executor, id: string, accountId: number | null, at: Date) {
  const cond = accountId === null ? eq(sessions.id, id) : and(eq(sessions.id, id), eq(sessions.accountId, accountId));
  return exec
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(cond, isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
}

export async function revokeAllForAccount(exec: Executor, accountId: number, at: Date, exceptId?: string) {
  const cond = exceptId
    ? and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt), sql`${sessions.id} <> ${exceptId}`)
    : and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt));
  return exec.update(sessions).set({ revokedAt: at }).where(cond).returning({ id: sessions.id });
}

export async function activeSessionsOf(exec: Executor, accountId: number, now: Date, idleMs: number) {
  const idleCutoff = new Date(now.getTime() - idleMs);
  return exec
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.accountId, accountId),
        isNull(sessions.revokedAt),
        sql`${sessions.expiresAt} > ${now}`,
        sql`${sessions.lastSeenAt} > ${idleCutoff}`,
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
}

/** Housekeeping: sessions past their absolute expiry or revoked long ago. */
export async function purgeSessions(exec: Executor, before: Date): Promise<void> {
  await exec.delete(sessions).where(or(lt(sessions.expiresAt, before), lt(sessions.revokedAt, before)));
}

export async function clearRestriction(exec: Executor, id: string): Promise<void> {
  await exec.update(sessions).set({ restriction: null }).where(eq(sessions.id, id));
}
