/** SSO-5 簡訊: self-service number binding, 簡訊登入, the second step's send, and 簡訊發送紀錄. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CodeSent,
  Ok,
  PageQuery,
  PasswordConfirm,
  SignInResponse,
  SmsBindRequest,
  SmsCodeConfirm,
  SmsLogin,
  SmsLoginSend,
  SmsMessage,
  SmsStatus,
  page,
} from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { actorOf, requireAuth, sessionToken } from '../../platform/http/access.ts';
import { setSessionCookie } from '../auth/session-cookie.ts';
import {
  confirmBinding,
  listSmsMessages,
  loginWithSms,
  requestBinding,
  requestLoginCode,
  sendMfaCode,
  smsStatus,
  unbindNumber,
} from './service.ts';

const SmsMessagePage = page(SmsMessage);

export function smsRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const me = { access: 'user' as const };
  const cookie = ctx.config.sessionCookie;

  r.get('/api/me/sms', { schema: { tags: ['me'], response: { 200: SmsStatus } }, config: me }, async (req) =>
    smsStatus(ctx, requireAuth(req).accountId),
  );
  r.post(
    '/api/me/sms',
    { schema: { tags: ['me'], body: SmsBindRequest, response: { 200: CodeSent } }, config: me },
    async (req) => requestBinding(ctx, requireAuth(req), req.body, actorOf(req)),
  );
  r.post(
    '/api/me/sms/confirm',
    { schema: { tags: ['me'], body: SmsCodeConfirm, response: { 200: Ok } }, config: me },
    async (req) => confirmBinding(ctx, requireAuth(req), req.body.code, actorOf(req)),
  );
  r.delete(
    '/api/me/sms',
    { schema: { tags: ['me'], body: PasswordConfirm, response: { 200: Ok } }, config: me },
    async (req) => unbindNumber(ctx, requireAuth(req), req.body.password, actorOf(req)),
  );

  r.post(
    '/api/auth/sms',
    { schema: { tags: ['auth'], body: SmsLoginSend, response: { 200: CodeSent } }, config: { access: 'public' } },
    async (req) => requestLoginCode(ctx, req.body.account, actorOf(req)),
  );
  r.post(
    '/api/auth/login/sms',
    { schema: { tags: ['auth'], body: SmsLogin, response: { 200: SignInResponse } }, config: { access: 'public' } },
    async (req, reply) => {
      const result = await loginWithSms(ctx, { ...req.body, previousToken: sessionToken(req, cookie) }, actorOf(req));
      setSessionCookie(reply, ctx, result.token);
      return result.body;
    },
  );
  // The second step: a pending session asks for its code, then POST /api/auth/mfa/sms {code}.
  r.post(
    '/api/auth/mfa/sms/send',
    {
      schema: { tags: ['auth'], response: { 200: CodeSent.extend({ phone: z.string() }) } },
      config: { access: 'user', allowMfaPending: true },
    },
    async (req) => sendMfaCode(ctx, requireAuth(req), actorOf(req)),
  );

  r.get(
    '/api/admin/sms-messages',
    {
      schema: { tags: ['admin'], querystring: PageQuery, response: { 200: SmsMessagePage } },
      config: { access: 'system_admin' },
    },
    async (req) => listSmsMessages(ctx, req.query.page, req.query.pageSize),
  );
}
