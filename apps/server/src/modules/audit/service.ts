/**
 * the one audit writer. Callers pass their open transaction so the record commits or
 * rolls back with the change it describes (Documenso's rule).
 */
import type { AuditEvent, AuditQuery } from '@menhu/contracts';
import type { Actor, Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { insertAuditEvent, searchAuditEvents, type AuditRow } from './store.ts';

export interface AuditInput {
  action: string;
  result?: 'success' | 'failure';
  target?: { type: string; id: string | number; label?: string | null };
  before?: unknown;
  after?: unknown;
}

export async function audit(exec: Executor, ctx: Pick<Ctx, 'clock'>, actor: Actor, input: AuditInput): Promise<void> {
  await auditQuery(exec, ctx, actor, input);
}

/** The audit insert as an unexecuted query, for composing into one statement (platform/db/write-all). */
export function auditQuery(exec: Executor, ctx: Pick<Ctx, 'clock'>, actor: Actor, input: AuditInput) {
  return insertAuditEvent(exec, {
    at: ctx.clock.now(),
    actorId: actor.accountId,
    actorName: actor.account,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target ? String(input.target.id) : null,
    targetLabel: input.target?.label ?? null,
    result: input.result ?? 'success',
    before: input.before ?? null,
    after: input.after ?? null,
    ip: actor.ip,
    userAgent: actor.userAgent,
  });
}

/** Only the fields that differ, so "before/after" shows the change and nothing else. */
export function diff<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] === undefined) continue;
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}

export function presentAuditEvent(r: AuditRow): AuditEvent {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actor: r.actorName,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    targetLabel: r.targetLabel,
    result: r.result as 'success' | 'failure',
    before: r.before ?? null,
    after: r.after ?? null,
    ip: r.ip,
    userAgent: r.userAgent,
  };
}

/** ACC-4: the change, status and login history of one account (its audit events as target). */
export async function auditOfAccount(
  ctx: Ctx,
  accountId: number,
  limit: number,
  offset: number,
): Promise<{ items: AuditEvent[]; total: number }> {
  const { rows, total } = await searchAuditEvents(
    ctx.db,
    { target: { type: 'account', id: String(accountId) } },
    limit,
    offset,
  );
  return { items: rows.map(presentAuditEvent), total };
}

export async function searchAudit(ctx: Ctx, q: AuditQuery): Promise<{ items: AuditEvent[]; total: number }> {
  const { rows, total } = await searchAuditEvents(ctx.db, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map(presentAuditEvent), total };
}

/** Export is bounded so one click cannot exhaust the server; the UI says to narrow the filter. */
export const AUDIT_EXPORT_LIMIT = 50_000;

export async function auditForExport(ctx: Ctx, q: Omit<AuditQuery, 'page' | 'pageSize'>): Promise<AuditEvent[]> {
  const { rows } = await searchAuditEvents(ctx.db, q, AUDIT_EXPORT_LIMIT, 0);
  return rows.map(presentAuditEvent);
}
