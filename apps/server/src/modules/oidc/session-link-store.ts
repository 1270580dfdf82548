/** SQL for the links between OIDC engine sessions and portal sessions (back-channel logout). */
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { oidcSessionLinks, sessions } from '../../platform/db/schema.ts';

export async function upsertLink(
  exec: Executor,
  row: { oidcUid: string; portalSessionId: string; accountId: number; at: Date },
): Promise<void> {
  await exec
    .insert(oidcSessionLinks)
    .values({ oidcUid: row.oidcUid, portalSessionId: row.portalSessionId, accountId: row.accountId, updatedAt: row.at })
    .onConflictDoUpdate({
      target: oidcSessionLinks.oidcUid,
      set: { portalSessionId: row.portalSessionId, accountId: row.accountId, updatedAt: row.at },
      // Unchanged links are not rewritten (an authorization request per system sign-in).
      setWhere: sql`${oidcSessionLinks.portalSessionId} <> excluded.portal_session_id`,
    });
}

/**
 * The account's engine sessions whose portal session has ended (revoked, expired, idle or gone):
 * those are the ones to log out of every system.
 */
export async function orphanedLinks(exec: Executor, accountId: number, now: Date, idleCutoff: Date) {
  return exec
    .select({ oidcUid: oidcSessionLinks.oidcUid })
    .from(oidcSessionLinks)
    .leftJoin(
      sessions,
      and(
        eq(sessions.id, oidcSessionLinks.portalSessionId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        gt(sessions.lastSeenAt, idleCutoff),
      ),
    )
    .where(and(eq(oidcSessionLinks.accountId, accountId), isNull(sessions.id)));
}

export async function deleteLink(exec: Executor, oidcUid: string): Promise<void> {
  await exec.delete(oidcSessionLinks).where(eq(oidcSessionLinks.oidcUid, oidcUid));
}

export async function purgeLinks(exec: Executor, before: Date): Promise<void> {
  await exec.delete(oidcSessionLinks).where(lt(oidcSessionLinks.updatedAt, before));
}
