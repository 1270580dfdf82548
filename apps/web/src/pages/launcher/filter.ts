/** 系統搜尋 and 分類項目 on the list the server answered (it is small: the systems one person sees). */
import type { LauncherSystem } from '@menhu/contracts';

export type CategoryChoice = number | 'all';

export function matchSystems(systems: LauncherSystem[], query: string, category: CategoryChoice): LauncherSystem[] {
  const q = query.trim().toLowerCase();
  return systems.filter(
    (s) =>
      (category === 'all' || s.categoryId === category) &&
      (!q || s.name.toLowerCase().includes(q) || (s.description ?? '').toLowerCase().includes(q)),
  );
}

/** `ids` with the one at `from` moved one place up (-1) or down (+1). */
export function moved(ids: number[], from: number, step: -1 | 1): number[] {
  const to = from + step;
  if (from < 0 || to < 0 || to >= ids.length) return ids;
  const next = [...ids];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}
