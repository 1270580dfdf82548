/** PORTAL-3 系統列表管理: the categories (分類項目) system administrators keep. */
import type { AdminCategory, CategoryInput, CategoryUpdate } from '@menhu/contracts';
import type { Actor, Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError, sqlState } from '../../platform/http/errors.ts';
import { audit, diff } from '../audit/service.ts';
import {
  countSystemsInCategory,
  deleteCategoryRow,
  findCategoryById,
  findCategoryByName,
  insertCategory,
  listCategoriesWithCounts,
  updateCategoryRow,
  type CategoryRow,
} from './store.ts';

const present = (c: CategoryRow, systemCount: number): AdminCategory => ({
  id: c.id,
  name: c.name,
  sortOrder: c.sortOrder,
  systemCount,
});
const auditView = (c: CategoryRow) => ({ name: c.name, sortOrder: c.sortOrder });
const target = (c: CategoryRow) => ({ type: 'system_category', id: c.id, label: c.name });

export async function listAdminCategories(ctx: Ctx): Promise<AdminCategory[]> {
  return (await listCategoriesWithCounts(ctx.db)).map((r) => present(r.c, r.systemCount));
}

async function refuseTakenName(exec: Executor, name: string, exceptId?: number): Promise<void> {
  const taken = await findCategoryByName(exec, name);
  if (taken && taken.id !== exceptId) throw new AppError('MENHU_ERR_CONFLICT', { field: 'name' });
}

export async function createCategory(ctx: Ctx, input: CategoryInput, actor: Actor): Promise<AdminCategory> {
  return ctx.db.transaction(async (tx) => {
    await refuseTakenName(tx, input.name);
    const created = await insertCategory(tx, { name: input.name, sortOrder: input.sortOrder });
    await audit(tx, ctx, actor, { action: 'category.create', target: target(created), after: auditView(created) });
    return present(created, 0);
  });
}

export async function updateCategory(
  ctx: Ctx,
  id: number,
  input: CategoryUpdate,
  actor: Actor,
): Promise<AdminCategory> {
  return ctx.db.transaction(async (tx) => {
    const before = await findCategoryById(tx, id);
    if (!before) throw new AppError('MENHU_ERR_NOT_FOUND');
    if (input.name !== undefined) await refuseTakenName(tx, input.name, id);
    if (input.name !== undefined || input.sortOrder !== undefined) await updateCategoryRow(tx, id, input);
    const after = (await findCategoryById(tx, id))!;
    const change = diff(auditView(before), auditView(after));
    if (change) await audit(tx, ctx, actor, { action: 'category.update', target: target(after), ...change });
    return present(after, await countSystemsInCategory(tx, id));
  });
}

/** A category still holding systems is not deleted: its systems would have nowhere to be listed. */
export async function deleteCategory(ctx: Ctx, id: number, actor: Actor): Promise<void> {
  try {
    await ctx.db.transaction(async (tx) => {
      const before = await findCategoryById(tx, id);
      if (!before) throw new AppError('MENHU_ERR_NOT_FOUND');
      const used = await countSystemsInCategory(tx, id);
      if (used) throw new AppError('MENHU_ERR_CONFLICT', { field: 'categoryId', systems: used });
      await deleteCategoryRow(tx, id);
      await audit(tx, ctx, actor, { action: 'category.delete', target: target(before), before: auditView(before) });
    });
  } catch (err) {
    // A system added to the category by another request after the count: the foreign key refuses the delete.
    if (sqlState(err) === '23503') throw new AppError('MENHU_ERR_CONFLICT', { field: 'categoryId' });
    throw err;
  }
}
