import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { passwordHistory } from '../../platform/db/schema.ts';

export async function recentPasswordHashes(exec: Executor, accountId: number, n: number): Promise<string[]> {
  const rows = await exec
    .select({ hash: passwordHistory.hash })
    .from(passwordHistory)
    .where(eq(passwordHistory.accountId, accountId))
    .orderBy(desc(passwordHistory.id))
    .limit(n);
  return rows.map((r) => r.hash);
}

/** Appends the new hash and keeps only the newest `keep` entries. */
export async function pushPasswordHistory(
  exec: Executor,
  accountId: number,
  hash: string,
  keep: number,
  at: Date,
): Promise<void> {
  await exec.insert(passwordHistory).values({ accountId, hash, createdAt: at });
  const kept = await exec
    .select({ id: passwordHistory.id })
    .from(passwordHistory)
    .where(eq(passwordHistory.accountId, accountId))
    .orderBy(desc(passwordHistory.id))
    .limit(keep);
  const ids = kept.map((r) => r.id);
  if (ids.length)
    await exec
      .delete(passwordHistory)
      .where(and(eq(passwordHistory.accountId, accountId), notInArray(passwordHistory.id, ids)));
}
