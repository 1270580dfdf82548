/** ACC-1 組織管理: everyone reads the tree; system administrators change it. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, ImportReport, Org, OrgInput, OrgList, OrgUpdate } from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/access.ts';
import { AppError } from '../../platform/http/errors.ts';
import { importOrgs } from './import-orgs.ts';
import { createOrg, listOrgs, updateOrg } from './service.ts';

export const ORG_CSV_MAX_BYTES = 2_097_152;

export function orgRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['orgs'];
  const sysadmin = { access: 'system_admin' as const };

  r.get('/api/orgs', { schema: { tags, response: { 200: OrgList } }, config: { access: 'user' } }, async () => ({
    items: await listOrgs(ctx),
  }));

  r.post(
    '/api/admin/orgs',
    { schema: { tags, body: OrgInput, response: { 200: Org } }, config: sysadmin },
    async (req) => createOrg(ctx, req.body, actorOf(req)),
  );

  r.patch(
    '/api/admin/orgs/:id',
    { schema: { tags, params: IdParam, body: OrgUpdate, response: { 200: Org } }, config: sysadmin },
    async (req) => updateOrg(ctx, req.params.id, req.body, actorOf(req)),
  );

  r.post(
    '/api/admin/orgs/import',
    { schema: { tags, response: { 200: ImportReport } }, config: sysadmin, bodyLimit: ORG_CSV_MAX_BYTES },
    async (req) => {
      if (typeof req.body !== 'string') throw new AppError('MENHU_ERR_UNSUPPORTED_MEDIA');
      return importOrgs(ctx, req.body, actorOf(req));
    },
  );
}
