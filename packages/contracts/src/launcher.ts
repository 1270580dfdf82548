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

const id = z.number().int().positive().max(MAX_ID);
const sortOrder = z.number().int().min(0).max(10000);

export const Category = z.object({ id: z.number().int(), name: z.string(), sortOrder: z.number().int() });
export type Category = z.infer<typeof Category>;
const categoryFields = { name: text(50).min(1), sortOrder };
export const CategoryInput = z.object({ ...categoryFields, sortOrder: sortOrder.default(0) });
export type CategoryInput = z.infer<typeof CategoryInput>;
/** PATCH: only the fields sent change (no defaults, unlike CategoryInput). */
export const CategoryUpdate = z.object(categoryFields).partial();
export type CategoryUpdate = z.infer<typeof CategoryUpdate>;
/** A category as the administrators see it: how many systems use it (a used one cannot be deleted). */
export const AdminCategory = Category.extend({ systemCount: z.number().int() });
export type AdminCategory = z.infer<typeof AdminCategory>;
export const CategoryList = z.object({ items: z.array(AdminCategory) });

export const LauncherSystem = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  categoryId: z.number().int(),
  launchMode: LaunchMode,
  url: z.string(),
  favourite: z.boolean(),
});
export type LauncherSystem = z.infer<typeof LauncherSystem>;
export const Launcher = z.object({
  /** The categories that hold at least one system the caller sees, in display order. */
  categories: z.array(Category),
  systems: z.array(LauncherSystem),
  /** Favourite system ids in the person's order. */
  favourites: z.array(z.number().int()),
});
export type Launcher = z.infer<typeof Launcher>;
export const FavouritesInput = z.object({ systemIds: z.array(id).max(100) });
export type FavouritesInput = z.infer<typeof FavouritesInput>;
export const LaunchResult = z.object({ url: z.string() });
export type LaunchResult = z.infer<typeof LaunchResult>;

const systemFields = {
  name: text(100).min(1),
  description: optionalText(300),
  categoryId: id,
  launchMode: LaunchMode,
  url: HttpUrl,
  /** The integrated application behind an 'oidc' or 'transfer' tile ('transfer' requires one). */
  appId: id.nullable().optional(),
  enabled: z.boolean(),
  sortOrder,
  /** Orgs whose subtrees see the system; empty = everyone. */
  visibleOrgIds: z.array(id).max(500),
};
export const SystemInput = z.object({
  ...systemFields,
  enabled: systemFields.enabled.default(true),
  sortOrder: sortOrder.default(0),
  visibleOrgIds: systemFields.visibleOrgIds.default([]),
});
export type SystemInput = z.infer<typeof SystemInput>;
/** PATCH: only the fields sent change (no defaults, unlike SystemInput). */
export const SystemUpdate = z.object(systemFields).partial();
export type SystemUpdate = z.infer<typeof SystemUpdate>;
/** Plain types, not the input rules: a response is never refused for a row written before a rule tightened. */
export const AdminSystem = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  categoryId: z.number().int(),
  launchMode: LaunchMode,
  url: z.string(),
  appId: z.number().int().nullable(),
  appName: z.string().nullable(),
  enabled: z.boolean(),
  sortOrder: z.number().int(),
  visibleOrgIds: z.array(z.number().int()),
});
export type AdminSystem = z.infer<typeof AdminSystem>;
export const AdminSystemList = z.object({ items: z.array(AdminSystem) });
