/** PORTAL-3 系統列表: every signed-in person lists, favourites and opens the systems they see. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { FavouritesInput, IdParam, Launcher, LaunchResult } from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { actorOf, requireAuth } from '../../platform/http/access.ts';
import { getLauncher, launchSystem, saveFavourites } from './service.ts';

export function launcherRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['launcher'];
  const user = { access: 'user' as const };

  r.get('/api/launcher', { schema: { tags, response: { 200: Launcher } }, config: user }, async (req) =>
    getLauncher(ctx, requireAuth(req)),
  );

  r.put(
    '/api/launcher/favourites',
    { schema: { tags, body: FavouritesInput, response: { 200: FavouritesInput } }, config: user },
    async (req) => ({ systemIds: await saveFavourites(ctx, requireAuth(req), req.body.systemIds) }),
  );

  r.post(
    '/api/launcher/systems/:id/launch',
    { schema: { tags, params: IdParam, response: { 200: LaunchResult } }, config: user },
    async (req) => ({ url: await launchSystem(ctx, requireAuth(req), req.params.id, actorOf(req)) }),
  );
}
