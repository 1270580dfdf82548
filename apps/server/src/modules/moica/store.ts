/** SQL for 自然人憑證 bindings and the challenges cards sign. */
import { and, asc, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { accounts, moicaBindings, moicaChallenges } from '../../platform/db/schema.ts';

export type MoicaBindingRow = typeof moicaBindings.$inferSelect;
export type MoicaChallengeRow = typeof moicaChallenges.$inferSelect;

export async function insertChallenge(exec: Executor, row: typeof moicaChallenges.$inferInsert): Promise<void> {
  await exec.insert(moicaChallenges).values(row);
}

/** Marks the challenge used — atomically, so of two requests with one challenge only one gets it. */
export async function consumeChallenge(
  exec: Executor,
  idHash: string,
  purpose: 'login' | 'bind',
  now: Date,
): Promise<MoicaChallengeRow | undefined> {
  const rows = await exec
    .update(moicaChallenges)
    .set({ usedAt: now })
    .where(
      and(
        eq(moicaChallenges.idHash, idHash),
        eq(moicaChallenges.purpose, purpose),
        isNull(moicaChallenges.usedAt),
        gt(moicaChallenges.expiresAt, now),
      ),
    )
    .returning();
  return rows[0];
}

export async function purgeChallenges(exec: Executor, before: Date): Promise<void> {
  await exec.delete(moicaChallenges).where(lt(moicaChallenges.expiresAt, before));
}

/** The binding of a certificate (by its SHA-256 fingerprint) with its account's name. */
export async function findBindingByFingerprint(exec: Executor, fingerprint: string) {
  const rows = await exec
    .select({ binding: moicaBindings, account: accounts.account })
    .from(moicaBindings)
    .innerJoin(accounts, eq(accounts.id, moicaBindings.accountId))
    .where(eq(moicaBindings.fingerprint, fingerprint));
  return rows[0];
}

export async function listBindings(exec: Executor, accountId: number): Promise<MoicaBindingRow[]> {
  return exec
    .select()
    .from(moicaBindings)
    .where(eq(moicaBindings.accountId, accountId))
    .orderBy(asc(moicaBindings.createdAt), asc(moicaBindings.id));
}

export async function findBinding(exec: Executor, accountId: number, id: number): Promise<MoicaBindingRow | undefined> {
  const rows = await exec
    .select()
    .from(moicaBindings)
    .where(and(eq(moicaBindings.accountId, accountId), eq(moicaBindings.id, id)));
  return rows[0];
}

export async function insertBinding(exec: Executor, row: typeof moicaBindings.$inferInsert): Promise<MoicaBindingRow> {
  return (await exec.insert(moicaBindings).values(row).returning())[0]!;
}

export async function deleteBinding(
  exec: Executor,
  accountId: number,
  id: number,
): Promise<MoicaBindingRow | undefined> {
  const rows = await exec
    .delete(moicaBindings)
    .where(and(eq(moicaBindings.accountId, accountId), eq(moicaBindings.id, id)))
    .returning();
  return rows[0];
}

export async function touchBinding(exec: Executor, id: number, at: Date): Promise<void> {
  await exec.update(moicaBindings).set({ lastUsedAt: at }).where(eq(moicaBindings.id, id));
}
