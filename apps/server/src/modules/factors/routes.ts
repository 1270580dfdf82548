/** ACC-3 登入安全: GET /api/me/factors lists every bound factor with its last use. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { FactorList } from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { requireAuth } from '../../platform/http/access.ts';
import { factorOverview } from './service.ts';

export function factorRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/me/factors',
    { schema: { tags: ['me'], response: { 200: FactorList } }, config: { access: 'user' } },
    async (req) => {
      const auth = requireAuth(req);
      return factorOverview(ctx, auth.accountId, auth.roles);
    },
  );
}
