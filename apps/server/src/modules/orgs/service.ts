/**
 * ACC-1 organisation tree. Each organisation keeps a materialised path of ids so scope checks
 * ("this agency and all its descendants") are one prefix comparison; moves rewrite the
 * subtree's paths in the same transaction and refuse cycles.
 */
import { sql } from 'drizzle-orm';
import type { Org, OrgInput, OrgType, OrgUpdate } from '@menhu/contracts';
import type { Actor, Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit, diff } from '../audit/service.ts';
import {
  findOrgByCode,
  findOrgById,
  insertOrg,
  listOrgsWithCounts,
  rewriteSubtreePaths,
  updateOrgRow,
  type OrgRow,
} from './store.ts';

/** Advisory-lock key for organisation moves (any fixed number). */
const ORG_MOVES_LOCK = 7_302;

function present(o: OrgRow, accountCount = 0): Org {
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    shortName: o.shortName,
    type: o.type as OrgType,
    parentId: o.parentId,
    mailQuota: o.mailQuota,
    accountCount,
  };
}

const auditView = (o: OrgRow) => ({
  code: o.code,
  name: o.name,
  shortName: o.shortName,
  type: o.type,
  parentId: o.parentId,
  mailQuota: o.mailQuota,
});

export async function listOrgs(ctx: Ctx): Promise<Org[]> {
  const rows = await listOrgsWithCounts(ctx.db);
  return rows.map((r) => present(r.o, r.accountCount));
}

async function parentPath(exec: Executor, parentId: number | null): Promise<string> {
  if (parentId === null) return '/';
  const parent = await findOrgById(exec, parentId);
  if (!parent) throw new AppError('MENHU_ERR_VALIDATION', [{ path: 'parentId', message: 'unknown parent' }]);
  return parent.path;
}

export async function createOrgIn(ctx: Ctx, exec: Executor, input: OrgInput, actor: Actor): Promise<OrgRow> {
  if (await findOrgByCode(exec, input.code)) throw new AppError('MENHU_ERR_CONFLICT', { field: 'code' });
  const now = ctx.clock.now();
  const created = await insertOrg(
    exec,
    { ...input, createdAt: now, updatedAt: now },
    await parentPath(exec, input.parentId),
  );
  await audit(exec, ctx, actor, {
    action: 'org.create',
    target: { type: 'org', id: created.id, label: created.code },
    after: auditView(created),
  });
  return created;
}

export async function createOrg(ctx: Ctx, input: OrgInput, actor: Actor): Promise<Org> {
  return present(await ctx.db.transaction((tx) => createOrgIn(ctx, tx, input, actor)));
}

/** Applies field changes and, when the parent changes, moves the subtree. */
export async function updateOrgIn(
  ctx: Ctx,
  exec: Executor,
  id: number,
  input: OrgUpdate,
  actor: Actor,
): Promise<OrgRow> {
  const before = await findOrgById(exec, id);
  if (!before) throw new AppError('MENHU_ERR_NOT_FOUND');
  const moving = input.parentId !== undefined && input.parentId !== before.parentId;
  if (moving) {
    // Moves are serialised: two concurrent moves (A under B, B under A) would each pass the
    // cycle check against the other's old position.
    await exec.execute(sql`select pg_advisory_xact_lock(${ORG_MOVES_LOCK})`);
    const newParentPath = await parentPath(exec, input.parentId!);
    if (newParentPath.startsWith(before.path)) throw new AppError('MENHU_ERR_ORG_CYCLE');
    await rewriteSubtreePaths(exec, before.path, `${newParentPath}${id}/`);
  }
  const { parentId, ...fields } = input;
  await updateOrgRow(exec, id, { ...fields, ...(moving ? { parentId } : {}), updatedAt: ctx.clock.now() });
  const after = (await findOrgById(exec, id))!;
  const change = diff(auditView(before), auditView(after));
  if (change)
    await audit(exec, ctx, actor, {
      action: moving ? 'org.move' : 'org.update',
      target: { type: 'org', id, label: after.code },
      ...change,
    });
  return after;
}

export async function updateOrg(ctx: Ctx, id: number, input: OrgUpdate, actor: Actor): Promise<Org> {
  return present(await ctx.db.transaction((tx) => updateOrgIn(ctx, tx, id, input, actor)));
}
