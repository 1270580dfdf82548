/** Sign-in, sign-out and the signed-in person's own sessions and records (SSO-7, SSO-11). */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  LOGIN_METHOD_LABELS,
  MAX_ID,
  LoginRecord,
  LoginMethods,
  LoginRequest,
  MfaPasswordRequest,
  SECOND_FACTOR_METHODS,
  MfaRequest,
  PasskeyLogin,
  SignInResponse,
  TotpLoginRequest,
  Ok,
  PageQuery,
  SessionList,
  page,
} from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { actorOf, requireAuth, sessionToken } from '../../platform/http/access.ts';
import { AppError } from '../../platform/http/errors.ts';
import { buildXlsx, sendXlsx, taipeiTime } from '../../platform/xlsx.ts';
import { audit } from '../audit/service.ts';
import { completeMfa, loginWithPassword, loginWithTotp } from './login-service.ts';
import { methodsFor } from './zones.ts';
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts';
import { listSessions, revokeSession } from './session-service.ts';
import { listLoginRecords } from './login-record-store.ts';
import { managedScope } from '../accounts/policy.ts';

export function presentLoginRecord(r: Awaited<ReturnType<typeof listLoginRecords>>['rows'][number]): LoginRecord {
  return {
    id: r.r.id,
    at: r.r.at.toISOString(),
    account: r.r.accountName,
    accountId: r.r.accountId,
    name: r.name,
    method: r.r.method,
    success: r.r.success,
    reason: r.r.reason,
    ip: r.r.ip,
    userAgent: r.r.userAgent,
  };
}

const LoginRecordPage = page(LoginRecord);

export function authRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookie = ctx.config.sessionCookie;

  const setSession = (reply: FastifyReply, token: string) => setSessionCookie(reply, ctx, token);

  r.get(
    '/api/auth/methods',
    { schema: { tags: ['auth'], response: { 200: LoginMethods } }, config: { access: 'public' } },
    async (req) => {
      const { zone, methods } = methodsFor(ctx.config, req.ip, actorOf(req).userAgent);
      return {
        zone,
        methods: methods.map((m) => ({ method: m.method, unavailable: m.unavailable as 'intranet_only' | null })),
      };
    },
  );

  r.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], body: LoginRequest, response: { 200: SignInResponse } },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const result = await loginWithPassword(
        ctx,
        { ...req.body, previousToken: sessionToken(req, cookie) },
        actorOf(req),
      );
      setSession(reply, result.token);
      return result.body;
    },
  );

  r.post(
    '/api/auth/login/totp',
    {
      schema: { tags: ['auth'], body: TotpLoginRequest, response: { 200: SignInResponse } },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const result = await loginWithTotp(ctx, { ...req.body, previousToken: sessionToken(req, cookie) }, actorOf(req));
      setSession(reply, result.token);
      return result.body;
    },
  );

  // SSO-10 second step, from an MFA-pending session only.
  const pendingOnly = { access: 'user' as const, allowMfaPending: true };
  for (const method of SECOND_FACTOR_METHODS)
    r.post(
      `/api/auth/mfa/${method}`,
      {
        schema: {
          tags: ['auth'],
          body: method === 'password' ? MfaPasswordRequest : method === 'passkey' ? PasskeyLogin : MfaRequest,
          response: { 200: SignInResponse },
        },
        config: pendingOnly,
      },
      async (req, reply) => {
        const auth = requireAuth(req);
        const body = req.body as { code?: string; password?: string; response?: unknown };
        const credential = body.code ?? body.password ?? (body.response ? JSON.stringify(body.response) : '');
        const result = await completeMfa(
          ctx,
          auth,
          { method, credential, token: sessionToken(req, cookie)! },
          actorOf(req),
        );
        setSession(reply, result.token);
        return result.body;
      },
    );

  r.post(
    '/api/auth/logout',
    {
      schema: { tags: ['auth'], response: { 200: Ok } },
      config: { access: 'user', allowRestricted: true, allowMfaPending: true },
    },
    async (req, reply) => {
      const auth = requireAuth(req);
      await ctx.db.transaction(async (tx) => {
        await revokeSession(ctx, tx, auth.sessionId, auth.accountId);
        await audit(tx, ctx, actorOf(req), {
          action: 'logout',
          target: { type: 'account', id: auth.accountId, label: auth.account },
        });
      });
      clearSessionCookie(reply, ctx);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/me/sessions',
    { schema: { tags: ['me'], response: { 200: SessionList } }, config: { access: 'user' } },
    async (req) => {
      const auth = requireAuth(req);
      const rows = await listSessions(ctx, auth.accountId);
      return {
        items: rows.map((s) => ({
          id: s.id,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
          expiresAt: s.expiresAt.toISOString(),
          ip: s.ip,
          userAgent: s.userAgent,
          method: s.method,
          current: s.id === auth.sessionId,
        })),
      };
    },
  );

  r.delete(
    '/api/me/sessions/:id',
    {
      schema: { tags: ['me'], params: z.object({ id: z.string().uuid() }), response: { 200: Ok } },
      config: { access: 'user' },
    },
    async (req) => {
      const auth = requireAuth(req);
      await ctx.db.transaction(async (tx) => {
        if (!(await revokeSession(ctx, tx, req.params.id, auth.accountId))) throw new AppError('MENHU_ERR_NOT_FOUND');
        await audit(tx, ctx, actorOf(req), {
          action: 'session.revoke',
          target: { type: 'session', id: req.params.id, label: auth.account },
        });
      });
      return { ok: true as const };
    },
  );

  r.get(
    '/api/me/login-records',
    {
      schema: { tags: ['me'], querystring: PageQuery, response: { 200: LoginRecordPage } },
      config: { access: 'user' },
    },
    async (req) => {
      const auth = requireAuth(req);
      const { page: p, pageSize } = req.query;
      const { rows, total } = await listLoginRecords(
        ctx.db,
        { accountId: auth.accountId },
        pageSize,
        (p - 1) * pageSize,
      );
      return { items: rows.map(presentLoginRecord), total, page: p, pageSize };
    },
  );

  const AdminRecordsQuery = PageQuery.extend({ accountId: z.coerce.number().int().positive().max(MAX_ID).optional() });
  const adminRecords = async (
    auth: ReturnType<typeof requireAuth>,
    accountId: number | undefined,
    limit: number,
    offset: number,
  ) => {
    const scope = managedScope(auth);
    // Agency admins see their agency subtree; system admins see everything.
    return listLoginRecords(
      ctx.db,
      { ...(accountId ? { accountId } : {}), ...(scope ? { orgPathPrefix: scope[0] ?? '/nothing/' } : {}) },
      limit,
      offset,
    );
  };

  r.get(
    '/api/admin/login-records',
    {
      schema: { tags: ['admin'], querystring: AdminRecordsQuery, response: { 200: LoginRecordPage } },
      config: { access: 'agency_admin' },
    },
    async (req) => {
      const auth = requireAuth(req);
      const { page: p, pageSize, accountId } = req.query;
      const { rows, total } = await adminRecords(auth, accountId, pageSize, (p - 1) * pageSize);
      return { items: rows.map(presentLoginRecord), total, page: p, pageSize };
    },
  );

  r.get(
    '/api/admin/login-records/export',
    {
      schema: { tags: ['admin'], querystring: AdminRecordsQuery.omit({ page: true, pageSize: true }) },
      config: { access: 'agency_admin' },
    },
    async (req, reply) => {
      const auth = requireAuth(req);
      const { rows } = await adminRecords(auth, req.query.accountId, 50_000, 0);
      const data = await buildXlsx(
        '登入紀錄',
        [
          { header: '時間', width: 20, value: (x) => taipeiTime(x.at) },
          { header: '帳號', value: (x) => x.account },
          { header: '姓名', value: (x) => x.name },
          {
            header: '登入方式',
            value: (x) => LOGIN_METHOD_LABELS[x.method as keyof typeof LOGIN_METHOD_LABELS]?.zh ?? x.method,
          },
          { header: '結果', value: (x) => (x.success ? '成功' : '失敗') },
          { header: '原因', value: (x) => x.reason },
          { header: 'IP', value: (x) => x.ip },
        ],
        rows.map(presentLoginRecord),
      );
      return sendXlsx(reply, '登入紀錄.xlsx', data);
    },
  );
}
