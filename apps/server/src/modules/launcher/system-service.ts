/** PORTAL-3 系統列表管理: the systems system administrators list, and who sees each one. */
import type { AdminSystem, LaunchMode, SystemInput, SystemUpdate } from '@menhu/contracts';
import type { Actor, Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit, diff } from '../audit/service.ts';
import { findApp } from '../integrations/store.ts';
import { findOrgById } from '../orgs/store.ts';
import {
  deleteSystemRow,
  findCategoryById,
  findSystemById,
  insertSystem,
  listAllSystems,
  lockSystem,
  replaceVisibility,
  updateSystemRow,
  visibilityOf,
  type SystemRow,
} from './store.ts';

type Fields = Omit<SystemInput, 'appId' | 'description'> & { appId: number | null; description: string | null };

const fieldsOf = (s: SystemRow, visibleOrgIds: number[]): Fields => ({
  name: s.name,
  description: s.description,
  categoryId: s.categoryId,
  launchMode: s.launchMode as LaunchMode,
  url: s.url,
  appId: s.appId,
  enabled: s.enabled,
  sortOrder: s.sortOrder,
  visibleOrgIds,
});

const target = (s: { id: number; name: string }) => ({ type: 'system', id: s.id, label: s.name });

/** The application names behind the given systems, by application id. */
async function appNames(exec: Executor, rows: SystemRow[]): Promise<Map<number, string>> {
  const ids = [...new Set(rows.map((r) => r.appId).filter((id): id is number => id !== null))];
  const found = await Promise.all(ids.map((id) => findApp(exec, id)));
  return new Map(found.filter((f) => f !== undefined).map((f) => [f.app.id, f.app.name]));
}

function present(s: SystemRow, visibleOrgIds: number[], names: Map<number, string>): AdminSystem {
  return { id: s.id, ...fieldsOf(s, visibleOrgIds), appName: s.appId === null ? null : (names.get(s.appId) ?? null) };
}

export async function listAdminSystems(ctx: Ctx): Promise<AdminSystem[]> {
  const rows = await listAllSystems(ctx.db);
  const [visibility, names] = await Promise.all([visibilityOf(ctx.db), appNames(ctx.db, rows)]);
  return rows.map((s) => present(s, visibility.get(s.id) ?? [], names));
}

const invalid = (path: string, message: string) => new AppError('MENHU_ERR_VALIDATION', [{ path, message }]);

/** The references a system holds must exist; a 轉登 tile needs the application that redeems its ticket. */
async function checkFields(exec: Executor, f: Fields): Promise<void> {
  if (!(await findCategoryById(exec, f.categoryId))) throw invalid('categoryId', 'unknown category');
  if (f.launchMode === 'transfer' && f.appId === null) throw invalid('appId', 'transfer login needs an application');
  if (f.appId !== null && !(await findApp(exec, f.appId))) throw invalid('appId', 'unknown application');
  for (const orgId of f.visibleOrgIds)
    if (!(await findOrgById(exec, orgId))) throw invalid('visibleOrgIds', `unknown organisation ${orgId}`);
}

/** Trims to what is stored: no empty description, each organisation once, in id order. */
function normalise(f: Fields): Fields {
  return {
    ...f,
    description: f.description ? f.description : null,
    visibleOrgIds: [...new Set(f.visibleOrgIds)].sort((a, b) => a - b),
  };
}

async function presentOne(ctx: Ctx, exec: Executor, id: number): Promise<AdminSystem> {
  const row = (await findSystemById(exec, id))!;
  const [visibility, names] = await Promise.all([visibilityOf(exec, [id]), appNames(exec, [row])]);
  return present(row, visibility.get(id) ?? [], names);
}

export async function createSystem(ctx: Ctx, input: SystemInput, actor: Actor): Promise<AdminSystem> {
  const f = normalise({ ...input, description: input.description ?? null, appId: input.appId ?? null });
  return ctx.db.transaction(async (tx) => {
    await checkFields(tx, f);
    const now = ctx.clock.now();
    const { visibleOrgIds, ...columns } = f;
    const created = await insertSystem(tx, { ...columns, createdAt: now, updatedAt: now });
    await replaceVisibility(tx, created.id, visibleOrgIds);
    await audit(tx, ctx, actor, { action: 'system.create', target: target(created), after: f });
    return presentOne(ctx, tx, created.id);
  });
}

export async function updateSystem(ctx: Ctx, id: number, input: SystemUpdate, actor: Actor): Promise<AdminSystem> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockSystem(tx, id);
    if (!row) throw new AppError('MENHU_ERR_NOT_FOUND');
    const before = fieldsOf(row, (await visibilityOf(tx, [id])).get(id) ?? []);
    const sent = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<Fields>;
    const after = normalise({ ...before, ...sent });
    await checkFields(tx, after);
    const change = diff(before, after);
    if (change) {
      const { visibleOrgIds, ...columns } = after;
      await updateSystemRow(tx, id, { ...columns, updatedAt: ctx.clock.now() });
      if ('visibleOrgIds' in change.after) await replaceVisibility(tx, id, visibleOrgIds);
      await audit(tx, ctx, actor, { action: 'system.update', target: target({ id, name: after.name }), ...change });
    }
    return presentOne(ctx, tx, id);
  });
}

/** Deleting a system also drops its visibility rows and everyone's favourite of it (cascade). */
export async function deleteSystem(ctx: Ctx, id: number, actor: Actor): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await lockSystem(tx, id);
    if (!row) throw new AppError('MENHU_ERR_NOT_FOUND');
    const before = fieldsOf(row, (await visibilityOf(tx, [id])).get(id) ?? []);
    await deleteSystemRow(tx, id);
    await audit(tx, ctx, actor, { action: 'system.delete', target: target(row), before });
  });
}
