/** SQL for backup addresses and e-mailed one-time codes. */
import { and, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { accounts, backupEmails, emailCodes } from '../../platform/db/schema.ts';

export async function findBackupEmail(exec: Executor, accountId: number) {
  return (await exec.select().from(backupEmails).where(eq(backupEmails.accountId, accountId)))[0];
}

/** The account a backup address is bound to (case-insensitive), with its sign-in name. */
export async function accountByBackupEmail(exec: Executor, email: string) {
  return (
    await exec
      .select({ accountId: backupEmails.accountId, account: accounts.account })
      .from(backupEmails)
      .innerJoin(accounts, eq(accounts.id, backupEmails.accountId))
      .where(sql`lower(${backupEmails.email}) = ${email.toLowerCase()}`)
  )[0];
}

export async function saveBackupEmail(exec: Executor, accountId: number, email: string, at: Date) {
  await exec
    .insert(backupEmails)
    .values({ accountId, email, boundAt: at })
    .onConflictDoUpdate({ target: backupEmails.accountId, set: { email, boundAt: at } });
}

export async function deleteBackupEmail(exec: Executor, accountId: number): Promise<void> {
  await exec.delete(backupEmails).where(eq(backupEmails.accountId, accountId));
}

export async function insertCode(exec: Executor, row: typeof emailCodes.$inferInsert): Promise<void> {
  await exec.insert(emailCodes).values(row);
}

/** The newest unused, unexpired code of a purpose (earlier ones are superseded). */
export async function latestCode(exec: Executor, accountId: number, purpose: string, now: Date) {
  return (
    await exec
      .select()
      .from(emailCodes)
      .where(
        and(
          eq(emailCodes.accountId, accountId),
          eq(emailCodes.purpose, purpose),
          isNull(emailCodes.usedAt),
          sql`${emailCodes.expiresAt} > ${now}`,
        ),
      )
      .orderBy(desc(emailCodes.createdAt), desc(emailCodes.id))
      .limit(1)
  )[0];
}

/** Counts an attempt; returns the attempts so far (the code dies after a few). */
export async function countCodeAttempt(exec: Executor, id: number): Promise<number> {
  const rows = await exec
    .update(emailCodes)
    .set({ attempts: sql`${emailCodes.attempts} + 1` })
    .where(eq(emailCodes.id, id))
    .returning({ attempts: emailCodes.attempts });
  return rows[0]?.attempts ?? Number.MAX_SAFE_INTEGER;
}

/** Marks a code used, atomically: of two requests with it, one wins. */
export async function useCode(exec: Executor, id: number, at: Date): Promise<boolean> {
  const rows = await exec
    .update(emailCodes)
    .set({ usedAt: at })
    .where(and(eq(emailCodes.id, id), isNull(emailCodes.usedAt)))
    .returning({ id: emailCodes.id });
  return rows.length > 0;
}

export async function purgeCodes(exec: Executor, before: Date): Promise<void> {
  await exec.delete(emailCodes).where(lte(emailCodes.expiresAt, before));
}

export async function findCodeById(exec: Executor, id: number) {
  return (await exec.select().from(emailCodes).where(eq(emailCodes.id, id)))[0];
}
