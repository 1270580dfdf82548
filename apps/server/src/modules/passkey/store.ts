/** SQL for passkeys, their accounts' user handles and the WebAuthn challenges. */
import { and, asc, count, eq, lt } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { accounts, passkeyChallenges, passkeys, passkeyUsers } from '../../platform/db/schema.ts';

export type PasskeyRow = typeof passkeys.$inferSelect;
export type NewPasskey = typeof passkeys.$inferInsert;

export async function userHandleOf(exec: Executor, accountId: number): Promise<string | undefined> {
  const rows = await exec
    .select({ h: passkeyUsers.userHandle })
    .from(passkeyUsers)
    .where(eq(passkeyUsers.accountId, accountId));
  return rows[0]?.h;
}

/** The account's user handle, made with `fresh` the first time (two racing requests agree on one). */
export async function ensureUserHandle(exec: Executor, accountId: number, fresh: string, at: Date): Promise<string> {
  await exec.insert(passkeyUsers).values({ accountId, userHandle: fresh, createdAt: at }).onConflictDoNothing();
  return (await userHandleOf(exec, accountId))!;
}

export function listPasskeys(exec: Executor, accountId: number): Promise<PasskeyRow[]> {
  return exec.select().from(passkeys).where(eq(passkeys.accountId, accountId)).orderBy(asc(passkeys.id));
}

export async function countPasskeys(exec: Executor, accountId: number): Promise<number> {
  const rows = await exec.select({ n: count() }).from(passkeys).where(eq(passkeys.accountId, accountId));
  return rows[0]?.n ?? 0;
}

/** A passkey by its credential id, with the name of its account (the sign-in pipeline's key). */
export async function findByCredentialId(exec: Executor, credentialId: string) {
  const rows = await exec
    .select({ p: passkeys, account: accounts.account })
    .from(passkeys)
    .innerJoin(accounts, eq(accounts.id, passkeys.accountId))
    .where(eq(passkeys.credentialId, credentialId));
  return rows[0];
}

export async function insertPasskey(exec: Executor, row: NewPasskey): Promise<PasskeyRow> {
  return (await exec.insert(passkeys).values(row).returning())[0]!;
}

export async function renamePasskey(exec: Executor, accountId: number, id: number, name: string) {
  const rows = await exec
    .update(passkeys)
    .set({ name })
    .where(and(eq(passkeys.id, id), eq(passkeys.accountId, accountId)))
    .returning();
  return rows[0];
}

export async function deletePasskey(exec: Executor, accountId: number, id: number) {
  const rows = await exec
    .delete(passkeys)
    .where(and(eq(passkeys.id, id), eq(passkeys.accountId, accountId)))
    .returning();
  return rows[0];
}

/**
 * Records a use, atomically: the counter only moves forward (or stays 0 for authenticators that
 * keep none), so of two requests replaying one assertion at most one wins.
 */
export async function recordUse(exec: Executor, id: number, counter: number, at: Date): Promise<boolean> {
  const rows = await exec
    .update(passkeys)
    .set({ counter, lastUsedAt: at })
    .where(and(eq(passkeys.id, id), counter === 0 ? eq(passkeys.counter, 0) : lt(passkeys.counter, counter)))
    .returning({ id: passkeys.id });
  return rows.length > 0;
}

export async function insertChallenge(exec: Executor, row: typeof passkeyChallenges.$inferInsert) {
  await exec.insert(passkeyChallenges).values(row);
}

/** Removes a session's earlier registration challenges (one pending registration per session). */
export async function dropSessionChallenges(exec: Executor, sessionId: string) {
  await exec
    .delete(passkeyChallenges)
    .where(and(eq(passkeyChallenges.sessionId, sessionId), eq(passkeyChallenges.purpose, 'register')));
}

/** Takes (deletes) a challenge: it is used once, whatever the outcome. Expired ones are not returned. */
export async function takeChallenge(
  exec: Executor,
  where:
    | { id: string; purpose: 'login' }
    | { sessionId: string; purpose: 'register' }
    | { accountId: number; challenge: string; purpose: 'mfa' },
  now: Date,
) {
  const key =
    'id' in where
      ? eq(passkeyChallenges.id, where.id)
      : 'sessionId' in where
        ? eq(passkeyChallenges.sessionId, where.sessionId)
        : and(eq(passkeyChallenges.accountId, where.accountId), eq(passkeyChallenges.challenge, where.challenge));
  const rows = await exec
    .delete(passkeyChallenges)
    .where(and(key, eq(passkeyChallenges.purpose, where.purpose)))
    .returning();
  return rows.find((r) => r.expiresAt > now);
}

export async function purgePasskeyChallenges(exec: Executor, before: Date) {
  await exec.delete(passkeyChallenges).where(lt(passkeyChallenges.expiresAt, before));
}
