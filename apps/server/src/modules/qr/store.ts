/** SQL for 手機掃碼登入: bound phones (device keys) and one-time sign-in challenges. */
import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { qrChallenges, qrDevices } from '../../platform/db/schema.ts';

export type QrDeviceRow = typeof qrDevices.$inferSelect;
export type QrChallengeRow = typeof qrChallenges.$inferSelect;

export async function insertDevice(exec: Executor, row: typeof qrDevices.$inferInsert): Promise<QrDeviceRow> {
  return (await exec.insert(qrDevices).values(row).returning())[0]!;
}

export async function listDevices(exec: Executor, accountId: number): Promise<QrDeviceRow[]> {
  return exec.select().from(qrDevices).where(eq(qrDevices.accountId, accountId)).orderBy(asc(qrDevices.createdAt));
}

export async function findDevice(exec: Executor, id: string): Promise<QrDeviceRow | undefined> {
  return (await exec.select().from(qrDevices).where(eq(qrDevices.id, id)))[0];
}

export async function renameDevice(exec: Executor, accountId: number, id: string, name: string) {
  return exec
    .update(qrDevices)
    .set({ name })
    .where(and(eq(qrDevices.id, id), eq(qrDevices.accountId, accountId)))
    .returning();
}

export async function deleteDevice(exec: Executor, accountId: number, id: string) {
  return exec
    .delete(qrDevices)
    .where(and(eq(qrDevices.id, id), eq(qrDevices.accountId, accountId)))
    .returning();
}

export async function touchDevice(exec: Executor, id: string, at: Date): Promise<void> {
  await exec.update(qrDevices).set({ lastUsedAt: at }).where(eq(qrDevices.id, id));
}

export async function insertChallenge(exec: Executor, row: typeof qrChallenges.$inferInsert): Promise<void> {
  await exec.insert(qrChallenges).values(row);
}

export async function findChallenge(exec: Executor, idHash: string): Promise<QrChallengeRow | undefined> {
  return (await exec.select().from(qrChallenges).where(eq(qrChallenges.idHash, idHash)))[0];
}

/** Decides a pending, unexpired challenge once: of two approvals, one wins. */
export async function decideChallenge(
  exec: Executor,
  idHash: string,
  what: { status: 'approved' | 'rejected'; deviceId: string; accountId: number },
  now: Date,
): Promise<boolean> {
  const rows = await exec
    .update(qrChallenges)
    .set({ ...what, decidedAt: now })
    .where(and(eq(qrChallenges.idHash, idHash), eq(qrChallenges.status, 'pending'), gt(qrChallenges.expiresAt, now)))
    .returning({ id: qrChallenges.idHash });
  return rows.length > 0;
}

/**
 * Redeems an approved challenge once, by the browser holding its secret, for the account that
 * approved it, while it lives (`notBefore` = now minus the grace after expiry).
 */
export async function redeemChallenge(
  exec: Executor,
  idHash: string,
  secretHash: string,
  accountId: number,
  now: Date,
  notBefore: Date,
): Promise<boolean> {
  const rows = await exec
    .update(qrChallenges)
    .set({ status: 'redeemed', redeemedAt: now })
    .where(
      and(
        eq(qrChallenges.idHash, idHash),
        eq(qrChallenges.secretHash, secretHash),
        eq(qrChallenges.status, 'approved'),
        eq(qrChallenges.accountId, accountId),
        gt(qrChallenges.expiresAt, notBefore),
      ),
    )
    .returning({ id: qrChallenges.idHash });
  return rows.length > 0;
}

/** Housekeeping: challenges live two minutes; nothing is learnt from old ones. */
export async function purgeChallenges(exec: Executor, before: Date): Promise<void> {
  await exec.delete(qrChallenges).where(lt(qrChallenges.expiresAt, before));
}

export async function countDevices(exec: Executor, accountId: number): Promise<number> {
  const rows = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(qrDevices)
    .where(eq(qrDevices.accountId, accountId));
  return rows[0]?.n ?? 0;
}
