/** PORTAL-3 系統列表: the systems a person sees, their 常用系統, opening one, and the catalogue (system admins). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  App,
  AdminCategory,
  AdminSystem,
  CategoryInput,
  CategoryUpdate,
  Launcher,
  LaunchResult,
  SystemInput,
  SystemUpdate,
} from '@menhu/contracts';
import { api } from './client.ts';

export const launcherKey = ['launcher'] as const;
const adminKey = ['launcher-admin'] as const;
const categoriesKey = [...adminKey, 'categories'] as const;
const systemsKey = [...adminKey, 'systems'] as const;

export function useLauncher() {
  return useQuery({ queryKey: launcherKey, queryFn: () => api<Launcher>('/api/launcher'), staleTime: 60_000 });
}

/** The list with `favourites` as the person's new order, and each system's flag to match. */
function withFavourites(l: Launcher, favourites: number[]): Launcher {
  const set = new Set(favourites);
  return { ...l, favourites, systems: l.systems.map((s) => ({ ...s, favourite: set.has(s.id) })) };
}

const favouritesMutation = ['launcher', 'favourites'] as const;

/**
 * 常用系統: every change (add, remove, reorder) saves the whole new list. The page shows the new
 * list at once; saves run one at a time in click order, so a quick second click can neither
 * start from a stale list nor be overtaken by the first. After the last save, and after any
 * failure, the list is read back from the server.
 */
export function useSaveFavourites() {
  const qc = useQueryClient();
  const mutation = useMutation({
    mutationKey: favouritesMutation,
    scope: { id: 'launcher-favourites' },
    mutationFn: (systemIds: number[]) =>
      api<{ systemIds: number[] }>('/api/launcher/favourites', { method: 'PUT', body: { systemIds } }),
    onSettled: (_data, error) => {
      if (error || qc.isMutating({ mutationKey: favouritesMutation }) === 1)
        return qc.invalidateQueries({ queryKey: launcherKey });
    },
  });
  /** Applies `change` to the current favourites, shows the result and saves it. */
  const save = (change: (favourites: number[]) => number[]): Promise<unknown> => {
    const current = qc.getQueryData<Launcher>(launcherKey);
    if (!current) return Promise.resolve();
    const next = change(current.favourites);
    void qc.cancelQueries({ queryKey: launcherKey });
    qc.setQueryData(launcherKey, withFavourites(current, next));
    return mutation.mutateAsync(next);
  };
  return { save, isPending: mutation.isPending };
}

/** Where to send the browser for a system; asked at the click, since a transfer ticket lasts 60 s. */
export function launchSystem(id: number): Promise<LaunchResult> {
  return api<LaunchResult>(`/api/launcher/systems/${id}/launch`, { method: 'POST' });
}

// ---- 系統列表管理 (system administrators) ------------------------------------------------------

export function useAdminCategories() {
  return useQuery({
    queryKey: categoriesKey,
    queryFn: () => api<{ items: AdminCategory[] }>('/api/admin/launcher/categories').then((r) => r.items),
  });
}

export function useAdminSystems() {
  return useQuery({
    queryKey: systemsKey,
    queryFn: () => api<{ items: AdminSystem[] }>('/api/admin/launcher/systems').then((r) => r.items),
  });
}

/** A catalogue change: afterwards the admin lists and everyone's 系統列表 in this browser are reloaded. */
function useCatalogueMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: adminKey }),
        qc.invalidateQueries({ queryKey: launcherKey }),
      ]);
    },
  });
}

export const useCreateCategory = () =>
  useCatalogueMutation((body: CategoryInput) =>
    api<AdminCategory>('/api/admin/launcher/categories', { method: 'POST', body }),
  );
export const useUpdateCategory = () =>
  useCatalogueMutation(({ id, ...body }: CategoryUpdate & { id: number }) =>
    api<AdminCategory>(`/api/admin/launcher/categories/${id}`, { method: 'PATCH', body }),
  );
export const useDeleteCategory = () =>
  useCatalogueMutation((id: number) => api<{ ok: true }>(`/api/admin/launcher/categories/${id}`, { method: 'DELETE' }));

export const useCreateSystem = () =>
  useCatalogueMutation((body: SystemInput) =>
    api<AdminSystem>('/api/admin/launcher/systems', { method: 'POST', body }),
  );
export const useUpdateSystem = () =>
  useCatalogueMutation(({ id, ...body }: SystemUpdate & { id: number }) =>
    api<AdminSystem>(`/api/admin/launcher/systems/${id}`, { method: 'PATCH', body }),
  );
export const useDeleteSystem = () =>
  useCatalogueMutation((id: number) => api<{ ok: true }>(`/api/admin/launcher/systems/${id}`, { method: 'DELETE' }));

/**
 * Applications a tile can open through (system admins): active ones with an approved 單一登入
 * or 轉登 service, for the 介接應用系統 picker.
 */
export function useLaunchableApps(enabled: boolean) {
  return useQuery({
    queryKey: [...adminKey, 'apps'],
    enabled,
    queryFn: async () => {
      const page = await api<{ items: App[] }>('/api/integrations/apps?all=true&status=active&pageSize=200');
      return page.items.filter((a) =>
        a.services.some((s) => (s.service === 'sso' || s.service === 'transfer') && s.status === 'approved'),
      );
    },
  });
}
