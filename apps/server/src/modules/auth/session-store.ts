import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../platform/db/client.ts';
import { accounts, orgs, sessions } from '../../platform/db/schema.ts';
import { accountWithOrgColumns, flatten } from '../accounts/store.ts';

export type SessionRow = typeof sessions.$inferSelect;
export type NewSessionRow = typeof sessions.$inferInsert;

/** Returns the query unexecuted: await it, or compose it with others via writeAll. */
export function insertSession(exec: Executor, row: NewSessionRow) {
  return exec.insert(sessions).values(row);
}

function prepareSessionLookup(db: Db) {
  return db
    .select({ s: sessions, ...accountWithOrgColumns })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .innerJoin(orgs, eq(orgs.id, accounts.orgId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare('menhu_session_by_token');
}

const sessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();

/**
 * The session and everything a request needs about its account, in one query: every signed-in
 * request pays for exactly this, so /api/me and the guards need nothing more. A prepared
 * statement: built once per database, and planned once per connection on PostgreSQL.
 */
export async function findSessionByTokenHash(db: Db, tokenHash: string) {
  let lookup = sessionLookups.get(db);
  if (!lookup) sessionLookups.set(db, (lookup = prepareSessionLookup(db)));
  const row = (await lookup.execute({ tokenHash }))[0];
  return row && { s: row.s, account: flatten(row) };
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
    .returning({ id: sessions.id, accountId: sessions.accountId });
}

/** Returns the query unexecuted: await it, or compose it with others via writeAll. */
export function revokeByTokenHash(exec: Executor, tokenHash: string, at: Date) {
  return exec
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
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
