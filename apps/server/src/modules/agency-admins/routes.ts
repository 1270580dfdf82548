/** ACC-5 機關管理員查詢: public, intranet only (seed 000: 僅提供府內網路環境使用). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AgencyAdminAnswer, AgencyAdminQuery, PublicOrgList } from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { agencyAdminsOf, publicOrgs } from './service.ts';

export function agencyAdminRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const intranet = { access: 'public' as const, intranetOnly: true };
  r.get(
    '/api/public/orgs',
    { schema: { tags: ['public'], response: { 200: PublicOrgList } }, config: intranet },
    async () => publicOrgs(ctx),
  );
  r.get(
    '/api/public/agency-admins',
    {
      schema: { tags: ['public'], querystring: AgencyAdminQuery, response: { 200: AgencyAdminAnswer } },
      config: intranet,
    },
    async (req) => agencyAdminsOf(ctx, req.query.orgId),
  );
}
