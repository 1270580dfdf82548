import { and, count, desc, eq, gte, ilike, lte, or, type SQL } from 'drizzle-orm';
import type { AuditQuery } from '@menhu/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { auditEvents } from '../../platform/db/schema.ts';

export type NewAuditEvent = typeof auditEvents.$inferInsert;
export type AuditRow = typeof auditEvents.$inferSelect;

/** Returns the query unexecuted: await it, or compose it with others via writeAll. */
export function insertAuditEvent(exec: Executor, event: NewAuditEvent) {
  return exec.insert(auditEvents).values(event);
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/gu, (c) => `\\${c}`);
}

export type AuditFilter = Omit<AuditQuery, 'page' | 'pageSize'> & { target?: { type: string; id: string } };

function filters(q: AuditFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (q.target) parts.push(and(eq(auditEvents.targetType, q.target.type), eq(auditEvents.targetId, q.target.id)));
  if (q.account) {
    const like = `%${escapeLike(q.account)}%`;
    parts.push(or(ilike(auditEvents.actorName, like), ilike(auditEvents.targetLabel, like)));
  }
  if (q.action) parts.push(eq(auditEvents.action, q.action));
  if (q.result) parts.push(eq(auditEvents.result, q.result));
  if (q.from) parts.push(gte(auditEvents.at, new Date(q.from)));
  if (q.to) parts.push(lte(auditEvents.at, new Date(q.to)));
  return and(...parts);
}

export async function searchAuditEvents(
  exec: Executor,
  q: AuditFilter,
  limit: number,
  offset: number,
): Promise<{ rows: AuditRow[]; total: number }> {
  const where = filters(q);
  const [rows, totals] = await Promise.all([
    exec.select().from(auditEvents).where(where).orderBy(desc(auditEvents.id)).limit(limit).offset(offset),
    exec.select({ n: count() }).from(auditEvents).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}
