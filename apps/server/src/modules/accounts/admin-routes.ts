/** ACC-4 管理主控台 › 帳號管理: accounts within the administrator's scope. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ACCOUNT_STATUS_LABELS,
  AccountCreate,
  AccountCreated,
  AccountDetail,
  AccountListQuery,
  AccountPage,
  AccountUpdate,
  AuditPage,
  IdParam,
  PageQuery,
  Ok,
  PasswordResetResult,
  ROLE_LABELS,
  RoleChange,
  StatusChange,
  type AccountStatus,
} from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { actorOf, requireAuth } from '../../platform/http/access.ts';
import { buildXlsx, sendXlsx, taipeiTime } from '../../platform/xlsx.ts';
import { auditXlsx } from '../audit/export.ts';
import {
  accountHistory,
  changeRole,
  changeStatus,
  createAccount,
  forcePasswordChange,
  getAccount,
  resetPassword,
  resetSecondFactor,
  revokeSessionsOf,
  searchAccounts,
  unlockAccount,
  updateAccount,
} from './service.ts';

export const ACCOUNT_EXPORT_LIMIT = 100_000;

export function adminAccountRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const admin = { access: 'agency_admin' as const };
  const tags = ['admin/accounts'];
  const principal = (req: FastifyRequest) => requireAuth(req);

  r.get(
    '/api/admin/accounts',
    { schema: { tags, querystring: AccountListQuery, response: { 200: AccountPage } }, config: admin },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      const res = await searchAccounts(ctx, principal(req), filter, pageSize, (page - 1) * pageSize);
      return { ...res, page, pageSize };
    },
  );

  r.get(
    '/api/admin/accounts/export',
    { schema: { tags, querystring: AccountListQuery.omit({ page: true, pageSize: true }) }, config: admin },
    async (req, reply) => {
      const { items } = await searchAccounts(ctx, principal(req), req.query, ACCOUNT_EXPORT_LIMIT, 0);
      const data = await buildXlsx(
        '帳號清單',
        [
          { header: '帳號', value: (a) => a.account },
          { header: '姓名', value: (a) => a.name },
          { header: '職稱', value: (a) => a.title },
          { header: '機關代碼', value: (a) => a.org.code },
          { header: '機關名稱', width: 30, value: (a) => a.org.name },
          { header: '公務郵件', width: 28, value: (a) => a.email },
          { header: '帳號狀態', value: (a) => ACCOUNT_STATUS_LABELS[a.status as AccountStatus].zh },
          { header: '登入許可狀態', value: (a) => (a.locked ? '鎖定' : '正常') },
          { header: '角色', width: 24, value: (a) => a.roles.map((x) => ROLE_LABELS[x].zh).join('、') },
          { header: '最後登入時間', width: 20, value: (a) => taipeiTime(a.lastLoginAt) },
        ],
        items,
      );
      return sendXlsx(reply, '帳號清單.xlsx', data);
    },
  );

  r.post(
    '/api/admin/accounts',
    {
      schema: {
        tags,
        body: AccountCreate,
        response: { 200: AccountCreated },
      },
      config: admin,
    },
    async (req) => createAccount(ctx, principal(req), req.body, actorOf(req)),
  );

  r.get(
    '/api/admin/accounts/:id',
    { schema: { tags, params: IdParam, response: { 200: AccountDetail } }, config: admin },
    async (req) => getAccount(ctx, principal(req), req.params.id),
  );

  r.get(
    '/api/admin/accounts/:id/history',
    { schema: { tags, params: IdParam, querystring: PageQuery, response: { 200: AuditPage } }, config: admin },
    async (req) => {
      const { page, pageSize } = req.query;
      const res = await accountHistory(ctx, principal(req), req.params.id, pageSize, (page - 1) * pageSize);
      return { ...res, page, pageSize };
    },
  );

  r.get(
    '/api/admin/accounts/:id/history/export',
    { schema: { tags, params: IdParam }, config: admin },
    async (req, reply) => {
      const { items } = await accountHistory(ctx, principal(req), req.params.id, ACCOUNT_EXPORT_LIMIT, 0);
      return sendXlsx(reply, '帳號異動紀錄.xlsx', await auditXlsx(items));
    },
  );

  r.patch(
    '/api/admin/accounts/:id',
    { schema: { tags, params: IdParam, body: AccountUpdate, response: { 200: AccountDetail } }, config: admin },
    async (req) => updateAccount(ctx, principal(req), req.params.id, req.body, actorOf(req)),
  );

  r.post(
    '/api/admin/accounts/:id/status',
    { schema: { tags, params: IdParam, body: StatusChange, response: { 200: AccountDetail } }, config: admin },
    async (req) => changeStatus(ctx, principal(req), req.params.id, req.body.status, actorOf(req)),
  );

  r.post(
    '/api/admin/accounts/:id/unlock',
    { schema: { tags, params: IdParam, response: { 200: AccountDetail } }, config: admin },
    async (req) => unlockAccount(ctx, principal(req), req.params.id, actorOf(req)),
  );

  r.post(
    '/api/admin/accounts/:id/reset-password',
    { schema: { tags, params: IdParam, response: { 200: PasswordResetResult } }, config: admin },
    async (req) => resetPassword(ctx, principal(req), req.params.id, actorOf(req)),
  );

  r.post(
    '/api/admin/accounts/:id/force-password-change',
    { schema: { tags, params: IdParam, response: { 200: AccountDetail } }, config: admin },
    async (req) => forcePasswordChange(ctx, principal(req), req.params.id, actorOf(req)),
  );

  r.post(
    '/api/admin/accounts/:id/roles',
    { schema: { tags, params: IdParam, body: RoleChange, response: { 200: AccountDetail } }, config: admin },
    async (req) => changeRole(ctx, principal(req), req.params.id, req.body.role, req.body.granted, actorOf(req)),
  );

  r.post(
    '/api/admin/accounts/:id/reset-totp',
    { schema: { tags, params: IdParam, response: { 200: Ok } }, config: admin },
    async (req) => {
      await resetSecondFactor(ctx, principal(req), req.params.id, actorOf(req));
      return { ok: true as const };
    },
  );

  r.post(
    '/api/admin/accounts/:id/revoke-sessions',
    { schema: { tags, params: IdParam, response: { 200: Ok.extend({ revoked: z.number().int() }) } }, config: admin },
    async (req) => ({
      ok: true as const,
      revoked: await revokeSessionsOf(ctx, principal(req), req.params.id, actorOf(req)),
    }),
  );
}
