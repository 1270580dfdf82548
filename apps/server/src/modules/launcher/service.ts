/**
 * PORTAL-3 系統列表 for every signed-in person: the systems their organisation sees, their
 * 常用系統 (favourites) in their own order, and opening a system the way its tile says.
 */
import type { Launcher, LauncherSystem, LaunchMode } from '@menhu/contracts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { oidcLaunchUrl } from '../integrations/oidc-launch.ts';
import { issueTransferTicket } from '../integrations/transfer.ts';
import {
  favouriteIds,
  findVisibleSystem,
  listCategories,
  listVisibleSystems,
  lockFavourites,
  replaceFavourites,
  type SystemRow,
} from './store.ts';
import { orgLineage, type Viewer } from './visibility.ts';

/** Advisory-lock namespace for one person's favourites (any fixed number; the account id is the second key). */
const FAVOURITES_LOCK = 7_303;

function present(s: SystemRow, favourite: boolean): LauncherSystem {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    categoryId: s.categoryId,
    launchMode: s.launchMode as LaunchMode,
    url: s.url,
    favourite,
  };
}

export async function getLauncher(ctx: Ctx, viewer: Viewer): Promise<Launcher> {
  const [categories, visible, favourites] = await Promise.all([
    listCategories(ctx.db),
    listVisibleSystems(ctx.db, orgLineage(viewer.orgPath)),
    favouriteIds(ctx.db, viewer.accountId),
  ]);
  const visibleIds = new Set(visible.map((s) => s.id));
  // A favourite the person cannot see now (disabled, or limited to another agency) is kept but not shown.
  const shownFavourites = favourites.filter((id) => visibleIds.has(id));
  const favouriteSet = new Set(shownFavourites);
  const usedCategories = new Set(visible.map((s) => s.categoryId));
  return {
    categories: categories
      .filter((c) => usedCategories.has(c.id))
      .map((c) => ({ id: c.id, name: c.name, sortOrder: c.sortOrder })),
    systems: visible.map((s) => present(s, favouriteSet.has(s.id))),
    favourites: shownFavourites,
  };
}

/**
 * 常用系統: the list sent becomes the person's favourites in that order (adding, removing and
 * reordering are all "save the new list"). Every id must be a system the person sees; favourites
 * of systems they cannot see right now are left alone, since they could not have meant to drop them.
 */
export async function saveFavourites(ctx: Ctx, viewer: Viewer, systemIds: number[]): Promise<number[]> {
  if (new Set(systemIds).size !== systemIds.length)
    throw new AppError('MENHU_ERR_VALIDATION', [{ path: 'systemIds', message: 'duplicate system' }]);
  return ctx.db.transaction(async (tx) => {
    await lockFavourites(tx, FAVOURITES_LOCK, viewer.accountId);
    const visibleIds = (await listVisibleSystems(tx, orgLineage(viewer.orgPath))).map((s) => s.id);
    const visible = new Set(visibleIds);
    const unknown = systemIds.filter((id) => !visible.has(id));
    if (unknown.length)
      throw new AppError('MENHU_ERR_VALIDATION', [
        { path: 'systemIds', message: `unknown system ${unknown.join(',')}` },
      ]);
    await replaceFavourites(tx, viewer.accountId, visibleIds, systemIds);
    return systemIds;
  });
}

/**
 * Where the browser goes to open a system. A transfer ticket lives 60 s, so it is issued now, at
 * the click, never with the list. A system the person cannot see answers 404 like a missing one.
 */
export async function launchSystem(ctx: Ctx, viewer: Viewer, systemId: number, actor: Actor): Promise<string> {
  const system = await findVisibleSystem(ctx.db, systemId, orgLineage(viewer.orgPath));
  if (!system) throw new AppError('MENHU_ERR_NOT_FOUND');
  switch (system.launchMode as LaunchMode) {
    case 'link':
      return system.url;
    case 'oidc':
      return system.appId === null ? system.url : oidcLaunchUrl(ctx, system.appId, system.url);
    case 'transfer':
      // The application may have been deleted since (its id set to null): nothing to log in to.
      if (system.appId === null) throw new AppError('MENHU_ERR_LAUNCH_UNAVAILABLE');
      return (await issueTransferTicket(ctx, { appId: system.appId, accountId: viewer.accountId }, actor)).url;
  }
}
