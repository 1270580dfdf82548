/** SQL for the factor overview: the last successful sign-in of each method. */
import { and, eq, max } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { loginRecords } from '../../platform/db/schema.ts';

export async function lastUseByMethod(exec: Executor, accountId: number): Promise<Map<string, Date>> {
  const rows = await exec
    .select({ method: loginRecords.method, at: max(loginRecords.at) })
    .from(loginRecords)
    .where(and(eq(loginRecords.accountId, accountId), eq(loginRecords.success, true)))
    .groupBy(loginRecords.method);
  return new Map(rows.filter((r) => r.at).map((r) => [r.method, r.at!]));
}
