/** X-1 稽核紀錄: system administrators search and export the audit log. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditPage, AuditQuery } from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/access.ts';
import { sendXlsx } from '../../platform/xlsx.ts';
import { auditXlsx } from './export.ts';
import { audit, auditForExport, searchAudit } from './service.ts';

export function auditRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get(
    '/api/admin/audit',
    { schema: { tags, querystring: AuditQuery, response: { 200: AuditPage } }, config: { access: 'system_admin' } },
    async (req) => ({ ...(await searchAudit(ctx, req.query)), page: req.query.page, pageSize: req.query.pageSize }),
  );

  r.get(
    '/api/admin/audit/export',
    {
      schema: { tags, querystring: AuditQuery.omit({ page: true, pageSize: true }) },
      config: { access: 'system_admin' },
    },
    async (req, reply) => {
      const rows = await auditForExport(ctx, req.query);
      await audit(ctx.db, ctx, actorOf(req), {
        action: 'audit.export',
        after: { filter: req.query, rows: rows.length },
      });
      const data = await auditXlsx(rows);
      return sendXlsx(reply, '稽核紀錄.xlsx', data);
    },
  );
}
