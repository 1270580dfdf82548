/** PORTAL-3 系統列表管理 (system administrators): categories, systems and their visibility. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AdminCategory,
  AdminSystem,
  AdminSystemList,
  CategoryInput,
  CategoryList,
  CategoryUpdate,
  IdParam,
  Ok,
  SystemInput,
  SystemUpdate,
} from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/access.ts';
import { createCategory, deleteCategory, listAdminCategories, updateCategory } from './category-service.ts';
import { createSystem, deleteSystem, listAdminSystems, updateSystem } from './system-service.ts';

export function adminLauncherRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['launcher'];
  const sysadmin = { access: 'system_admin' as const };
  const ok = { ok: true as const };

  r.get(
    '/api/admin/launcher/categories',
    { schema: { tags, response: { 200: CategoryList } }, config: sysadmin },
    async () => ({ items: await listAdminCategories(ctx) }),
  );

  r.post(
    '/api/admin/launcher/categories',
    { schema: { tags, body: CategoryInput, response: { 200: AdminCategory } }, config: sysadmin },
    async (req) => createCategory(ctx, req.body, actorOf(req)),
  );

  r.patch(
    '/api/admin/launcher/categories/:id',
    { schema: { tags, params: IdParam, body: CategoryUpdate, response: { 200: AdminCategory } }, config: sysadmin },
    async (req) => updateCategory(ctx, req.params.id, req.body, actorOf(req)),
  );

  r.delete(
    '/api/admin/launcher/categories/:id',
    { schema: { tags, params: IdParam, response: { 200: Ok } }, config: sysadmin },
    async (req) => {
      await deleteCategory(ctx, req.params.id, actorOf(req));
      return ok;
    },
  );

  r.get(
    '/api/admin/launcher/systems',
    { schema: { tags, response: { 200: AdminSystemList } }, config: sysadmin },
    async () => ({ items: await listAdminSystems(ctx) }),
  );

  r.post(
    '/api/admin/launcher/systems',
    { schema: { tags, body: SystemInput, response: { 200: AdminSystem } }, config: sysadmin },
    async (req) => createSystem(ctx, req.body, actorOf(req)),
  );

  r.patch(
    '/api/admin/launcher/systems/:id',
    { schema: { tags, params: IdParam, body: SystemUpdate, response: { 200: AdminSystem } }, config: sysadmin },
    async (req) => updateSystem(ctx, req.params.id, req.body, actorOf(req)),
  );

  r.delete(
    '/api/admin/launcher/systems/:id',
    { schema: { tags, params: IdParam, response: { 200: Ok } }, config: sysadmin },
    async (req) => {
      await deleteSystem(ctx, req.params.id, actorOf(req));
      return ok;
    },
  );
}
