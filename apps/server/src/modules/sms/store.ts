/** SQL for bound mobile numbers, text-message codes and the messages themselves. */
import { and, count, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { accounts, smsCodes, smsMessages, smsNumbers } from '../../platform/db/schema.ts';

export async function findNumber(exec: Executor, accountId: number) {
  return (await exec.select().from(smsNumbers).where(eq(smsNumbers.accountId, accountId)))[0];
}

export async function hasNumber(exec: Executor, accountId: number): Promise<boolean> {
  return (await findNumber(exec, accountId)) !== undefined;
}

/** The account and its number by sign-in name (lower-case), when it has one. */
export async function numberByAccountName(exec: Executor, name: string) {
  return (
    await exec
      .select({ accountId: smsNumbers.accountId, phoneEnc: smsNumbers.phoneEnc, status: accounts.status })
      .from(smsNumbers)
      .innerJoin(accounts, eq(accounts.id, smsNumbers.accountId))
      .where(eq(accounts.account, name))
  )[0];
}

export async function saveNumber(
  exec: Executor,
  row: { accountId: number; phoneEnc: string; phoneMasked: string; boundAt: Date },
): Promise<void> {
  await exec
    .insert(smsNumbers)
    .values({ ...row, lastUsedAt: null })
    .onConflictDoUpdate({
      target: smsNumbers.accountId,
      set: { phoneEnc: row.phoneEnc, phoneMasked: row.phoneMasked, boundAt: row.boundAt, lastUsedAt: null },
    });
}

export async function deleteNumber(exec: Executor, accountId: number): Promise<boolean> {
  const rows = await exec
    .delete(smsNumbers)
    .where(eq(smsNumbers.accountId, accountId))
    .returning({ id: smsNumbers.accountId });
  return rows.length > 0;
}

export async function touchNumber(exec: Executor, accountId: number, at: Date): Promise<void> {
  await exec.update(smsNumbers).set({ lastUsedAt: at }).where(eq(smsNumbers.accountId, accountId));
}

export async function insertCode(exec: Executor, row: typeof smsCodes.$inferInsert): Promise<void> {
  await exec.insert(smsCodes).values(row);
}

/** The newest unused, unexpired code of a purpose (earlier ones are superseded). */
export async function latestCode(exec: Executor, accountId: number, purpose: string, now: Date) {
  return (
    await exec
      .select()
      .from(smsCodes)
      .where(
        and(
          eq(smsCodes.accountId, accountId),
          eq(smsCodes.purpose, purpose),
          isNull(smsCodes.usedAt),
          sql`${smsCodes.expiresAt} > ${now}`,
        ),
      )
      .orderBy(desc(smsCodes.createdAt), desc(smsCodes.id))
      .limit(1)
  )[0];
}

/** Counts an attempt; returns the attempts so far (the code dies after a few). */
export async function countCodeAttempt(exec: Executor, id: number): Promise<number> {
  const rows = await exec
    .update(smsCodes)
    .set({ attempts: sql`${smsCodes.attempts} + 1` })
    .where(eq(smsCodes.id, id))
    .returning({ attempts: smsCodes.attempts });
  return rows[0]?.attempts ?? Number.MAX_SAFE_INTEGER;
}

/** Marks a code used, atomically: of two requests with it, one wins. */
export async function useCode(exec: Executor, id: number, at: Date): Promise<boolean> {
  const rows = await exec
    .update(smsCodes)
    .set({ usedAt: at })
    .where(and(eq(smsCodes.id, id), isNull(smsCodes.usedAt)))
    .returning({ id: smsCodes.id });
  return rows.length > 0;
}

export async function insertMessage(exec: Executor, row: typeof smsMessages.$inferInsert): Promise<number> {
  const rows = await exec.insert(smsMessages).values(row).returning({ id: smsMessages.id });
  return rows[0]!.id;
}

export async function findMessage(exec: Executor, id: number) {
  return (await exec.select().from(smsMessages).where(eq(smsMessages.id, id)))[0];
}

export async function updateMessage(
  exec: Executor,
  id: number,
  set: Partial<typeof smsMessages.$inferInsert>,
): Promise<void> {
  await exec.update(smsMessages).set(set).where(eq(smsMessages.id, id));
}

export async function listMessages(exec: Executor, limit: number, offset: number) {
  const [rows, [total]] = await Promise.all([
    exec.select().from(smsMessages).orderBy(desc(smsMessages.id)).limit(limit).offset(offset),
    exec.select({ n: count() }).from(smsMessages),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function purgeSms(exec: Executor, codesBefore: Date, messagesBefore: Date): Promise<void> {
  await exec.delete(smsCodes).where(lte(smsCodes.expiresAt, codesBefore));
  await exec.delete(smsMessages).where(lte(smsMessages.createdAt, messagesBefore));
}
