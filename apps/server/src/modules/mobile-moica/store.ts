import { and, eq, inArray, lt, lte } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { accounts, mobileMoicaTransactions } from '../../platform/db/schema.ts';

export type MobileMoicaRow = typeof mobileMoicaTransactions.$inferSelect;
export type MobileMoicaStatusValue = MobileMoicaRow['status'];

export async function insertTransaction(exec: Executor, row: typeof mobileMoicaTransactions.$inferInsert) {
  await exec.insert(mobileMoicaTransactions).values(row);
}

export async function findTransaction(exec: Executor, handleHash: string): Promise<MobileMoicaRow | undefined> {
  const rows = await exec
    .select()
    .from(mobileMoicaTransactions)
    .where(eq(mobileMoicaTransactions.handleHash, handleHash));
  return rows[0];
}

/** Moves a transaction on from one of `from`; false when another request moved it first. */
export async function moveTransaction(
  exec: Executor,
  handleHash: string,
  from: string[],
  set: Partial<Pick<MobileMoicaRow, 'status' | 'spTicketId' | 'expiresAt'>>,
): Promise<boolean> {
  const rows = await exec
    .update(mobileMoicaTransactions)
    .set(set)
    .where(and(eq(mobileMoicaTransactions.handleHash, handleHash), inArray(mobileMoicaTransactions.status, from)))
    .returning({ h: mobileMoicaTransactions.handleHash });
  return rows.length === 1;
}

/**
 * Claims the right to ask TW FidO now: one request in the interval wins (others see "pending"),
 * so however often browsers poll, TW FidO is asked at most once per interval and transaction.
 */
export async function claimPoll(exec: Executor, handleHash: string, now: Date, next: Date): Promise<boolean> {
  const rows = await exec
    .update(mobileMoicaTransactions)
    .set({ nextPollAt: next })
    .where(
      and(
        eq(mobileMoicaTransactions.handleHash, handleHash),
        eq(mobileMoicaTransactions.status, 'pending'),
        lte(mobileMoicaTransactions.nextPollAt, now),
      ),
    )
    .returning({ h: mobileMoicaTransactions.handleHash });
  return rows.length === 1;
}

/** Single use: the approved transaction is deleted by the one request that completes it. */
export async function consumeTransaction(exec: Executor, handleHash: string): Promise<boolean> {
  const rows = await exec
    .delete(mobileMoicaTransactions)
    .where(and(eq(mobileMoicaTransactions.handleHash, handleHash), eq(mobileMoicaTransactions.status, 'pending')))
    .returning({ h: mobileMoicaTransactions.handleHash });
  return rows.length === 1;
}

export async function findAccountByIdIndex(exec: Executor, index: string) {
  const rows = await exec
    .select({ id: accounts.id, account: accounts.account })
    .from(accounts)
    .where(eq(accounts.idNumberIndex, index));
  return rows[0];
}

export async function accountName(exec: Executor, id: number): Promise<string> {
  const rows = await exec.select({ account: accounts.account }).from(accounts).where(eq(accounts.id, id));
  return rows[0]?.account ?? String(id);
}

/** Housekeeping: transactions past their end (kept a while so the page can still read the outcome). */
export async function purgeMobileMoica(exec: Executor, before: Date): Promise<void> {
  await exec.delete(mobileMoicaTransactions).where(lt(mobileMoicaTransactions.expiresAt, before));
}

/** Single use of a recovery ticket: the approved transaction is deleted with the password change. */
export async function consumeApproved(exec: Executor, handleHash: string): Promise<boolean> {
  const rows = await exec
    .delete(mobileMoicaTransactions)
    .where(and(eq(mobileMoicaTransactions.handleHash, handleHash), eq(mobileMoicaTransactions.status, 'approved')))
    .returning({ h: mobileMoicaTransactions.handleHash });
  return rows.length === 1;
}
