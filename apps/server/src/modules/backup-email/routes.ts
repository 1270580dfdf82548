/** SSO-5 備用信箱 self-service and 臨時密碼 sign-in. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  BackupEmailStatus,
  CodeSent,
  EmailCodeConfirm,
  EmailInput,
  Ok,
  PasswordConfirm,
  SignInResponse,
  TempPasswordLogin,
} from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { setSessionCookie } from '../auth/session-cookie.ts';
import { actorOf, requireAuth, sessionToken } from '../../platform/http/access.ts';
import {
  backupEmailStatus,
  confirmBinding,
  loginWithTempPassword,
  requestBinding,
  requestTempPassword,
  unbindBackupEmail,
} from './service.ts';

export function backupEmailRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const me = { access: 'user' as const };
  const cookie = ctx.config.sessionCookie;

  r.get(
    '/api/me/backup-email',
    { schema: { tags: ['me'], response: { 200: BackupEmailStatus } }, config: me },
    async (req) => backupEmailStatus(ctx, requireAuth(req).accountId),
  );
  r.post(
    '/api/me/backup-email',
    { schema: { tags: ['me'], body: EmailInput, response: { 200: CodeSent } }, config: me },
    async (req) => requestBinding(ctx, requireAuth(req), req.body.email, actorOf(req)),
  );
  r.post(
    '/api/me/backup-email/confirm',
    { schema: { tags: ['me'], body: EmailCodeConfirm, response: { 200: Ok } }, config: me },
    async (req) => confirmBinding(ctx, requireAuth(req), req.body.code, actorOf(req)),
  );
  r.delete(
    '/api/me/backup-email',
    { schema: { tags: ['me'], body: PasswordConfirm, response: { 200: Ok } }, config: me },
    async (req) => unbindBackupEmail(ctx, requireAuth(req), req.body.password, actorOf(req)),
  );

  r.post(
    '/api/auth/temp-password',
    { schema: { tags: ['auth'], body: EmailInput, response: { 200: CodeSent } }, config: { access: 'public' } },
    async (req) => requestTempPassword(ctx, req.body.email, actorOf(req)),
  );
  r.post(
    '/api/auth/login/temp-password',
    {
      schema: { tags: ['auth'], body: TempPasswordLogin, response: { 200: SignInResponse } },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const result = await loginWithTempPassword(
        ctx,
        { ...req.body, previousToken: sessionToken(req, cookie) },
        actorOf(req),
      );
      setSessionCookie(reply, ctx, result.token);
      return result.body;
    },
  );
}
