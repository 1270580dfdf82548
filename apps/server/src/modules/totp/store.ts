/** SQL for authenticator-app bindings and recovery codes. */
import { and, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { recoveryCodes, totpCredentials } from '../../platform/db/schema.ts';

export type TotpRow = typeof totpCredentials.$inferSelect;

export async function findTotp(exec: Executor, accountId: number): Promise<TotpRow | undefined> {
  return (await exec.select().from(totpCredentials).where(eq(totpCredentials.accountId, accountId)))[0];
}

export async function hasConfirmedTotp(exec: Executor, accountId: number): Promise<boolean> {
  const rows = await exec
    .select({ id: totpCredentials.accountId })
    .from(totpCredentials)
    .where(and(eq(totpCredentials.accountId, accountId), isNotNull(totpCredentials.confirmedAt)));
  return rows.length > 0;
}

/** A pending binding replaces an earlier pending one, never a confirmed one. */
export async function upsertPending(exec: Executor, accountId: number, secretEnc: string, at: Date) {
  return exec
    .insert(totpCredentials)
    .values({ accountId, secretEnc, createdAt: at })
    .onConflictDoUpdate({
      target: totpCredentials.accountId,
      set: { secretEnc, createdAt: at, lastUsedStep: 0, lastUsedAt: null },
      setWhere: isNull(totpCredentials.confirmedAt),
    })
    .returning();
}

/**
 * Records `step` as used, atomically: only if it is later than the last used one (and, unless
 * confirming, the binding is confirmed). Of two requests with the same code, one wins.
 */
export async function claimStep(
  exec: Executor,
  accountId: number,
  step: number,
  at: Date,
  confirm: boolean,
): Promise<boolean> {
  const rows = await exec
    .update(totpCredentials)
    .set({ lastUsedStep: step, lastUsedAt: at, ...(confirm ? { confirmedAt: at } : {}) })
    .where(
      and(
        eq(totpCredentials.accountId, accountId),
        lt(totpCredentials.lastUsedStep, step),
        confirm ? isNull(totpCredentials.confirmedAt) : isNotNull(totpCredentials.confirmedAt),
      ),
    )
    .returning({ id: totpCredentials.accountId });
  return rows.length > 0;
}

export async function deleteTotp(exec: Executor, accountId: number): Promise<void> {
  await exec.delete(totpCredentials).where(eq(totpCredentials.accountId, accountId));
  await exec.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
}

export async function replaceRecoveryCodes(exec: Executor, accountId: number, hashes: string[], at: Date) {
  await exec.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
  await exec.insert(recoveryCodes).values(hashes.map((codeHash) => ({ accountId, codeHash, createdAt: at })));
}

export async function useRecoveryCode(exec: Executor, accountId: number, codeHash: string, at: Date) {
  const rows = await exec
    .update(recoveryCodes)
    .set({ usedAt: at })
    .where(
      and(eq(recoveryCodes.accountId, accountId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)),
    )
    .returning({ id: recoveryCodes.id });
  return rows.length > 0;
}

export async function unusedRecoveryCodes(exec: Executor, accountId: number): Promise<number> {
  const rows = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.accountId, accountId), isNull(recoveryCodes.usedAt)));
  return rows[0]?.n ?? 0;
}
