/** PORTAL-3 系統列表: categories, systems, favourites (常用系統) and how a tile opens its system. */
import { z } from 'zod';
import { MAX_ID, optionalText, text } from './common.ts';
import { HttpUrl } from './integrations.ts';

export const LAUNCH_MODES = ['link', 'oidc', 'transfer'] as const;
export const LaunchMode = z.enum(LAUNCH_MODES);
export type LaunchMode = z.infer<typeof LaunchMode>;
export const LAUNCH_MODE_LABELS: Record<LaunchMode, { zh: string; en: string }> = {
  link: { zh: '一般連結', en: 'Plain link' },
  oidc: { zh: '單一登入', en: 'Single sign-on' },
  transfer: { zh: '轉登', en: 'Transfer login' },
};

export const Category = z.object({ id: z.number().int(), name: z.string(), sortOrder: z.number().int() });
export const CategoryInput = z.object({
  name: text(50).min(1),
  sortOrder: z.number().int().min(0).max(10000).default(0),
});

export const LauncherSystem = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  categoryId: z.number().int(),
  launchMode: LaunchMode,
  url: z.string(),
  favourite: z.boolean(),
});
export const Launcher = z.object({
  categories: z.array(Category),
  systems: z.array(LauncherSystem),
  /** Favourite system ids in the person's order. */
  favourites: z.array(z.number().int()),
});
export const FavouritesInput = z.object({ systemIds: z.array(z.number().int().positive().max(MAX_ID)).max(100) });
export const LaunchResult = z.object({ url: z.string() });

export const SystemInput = z.object({
  name: text(100).min(1),
  description: optionalText(300),
  categoryId: z.number().int().positive().max(MAX_ID),
  launchMode: LaunchMode,
  url: HttpUrl,
  /** The integrated application behind an 'oidc' or 'transfer' tile. */
  appId: z.number().int().positive().max(MAX_ID).nullable().optional(),
  enabled: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(10000).default(0),
  /** Orgs whose subtrees see the system; empty = everyone. */
  visibleOrgIds: z.array(z.number().int().positive().max(MAX_ID)).max(500).default([]),
});
export const AdminSystem = SystemInput.extend({
  id: z.number().int(),
  appName: z.string().nullable(),
  description: z.string().nullable(),
  appId: z.number().int().nullable(),
});
export const AdminSystemList = z.object({ items: z.array(AdminSystem) });
export const CategoryList = z.object({ items: z.array(Category) });
