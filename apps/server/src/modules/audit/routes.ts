/** X-1 稽核紀錄: system administrators search and export the audit log. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AUDIT_ACTION_LABELS, AuditPage, AuditQuery } from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/access.ts';
import { buildXlsx, sendXlsx, taipeiTime } from '../../platform/xlsx.ts';
import { audit, auditForExport, searchAudit } from './service.ts';

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

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
      const data = await buildXlsx(
        '稽核紀錄',
        [
          { header: '時間', width: 20, value: (e) => taipeiTime(e.at) },
          { header: '操作者', value: (e) => e.actor },
          { header: '動作', width: 18, value: (e) => AUDIT_ACTION_LABELS[e.action]?.zh ?? e.action },
          { header: '對象', value: (e) => e.targetLabel },
          { header: '結果', value: (e) => (e.result === 'success' ? '成功' : '失敗') },
          { header: '變更前', width: 40, value: (e) => json(e.before) },
          { header: '變更後', width: 40, value: (e) => json(e.after) },
          { header: 'IP', value: (e) => e.ip },
        ],
        rows,
      );
      return sendXlsx(reply, '稽核紀錄.xlsx', data);
    },
  );
}
