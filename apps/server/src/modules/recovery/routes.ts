/** SSO-9 開通帳號 and 忘記密碼 (public: the person cannot sign in yet). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CodeSent,
  MobileMoicaId,
  MobileMoicaStarted,
  RecoveryMobileMoicaStart,
  RecoveryMobileMoicaStatus,
  RecoveryCodeRequest,
  RecoveryDone,
  RecoveryPassword,
  RecoveryTicket,
  RecoveryVerify,
} from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/access.ts';
import { bindingCookieName } from '../mobile-moica/routes.ts';
import {
  completeRecovery,
  pollRecoveryMobileMoica,
  requestRecoveryCode,
  startRecoveryMobileMoica,
  verifyRecoveryCode,
} from './service.ts';

export function recoveryRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const open = { access: 'public' as const };
  r.post(
    '/api/auth/recovery/code',
    { schema: { tags: ['auth'], body: RecoveryCodeRequest, response: { 200: CodeSent } }, config: open },
    async (req) => requestRecoveryCode(ctx, req.body, actorOf(req)),
  );
  r.post(
    '/api/auth/recovery/verify',
    { schema: { tags: ['auth'], body: RecoveryVerify, response: { 200: RecoveryTicket } }, config: open },
    async (req) => verifyRecoveryCode(ctx, req.body, actorOf(req)),
  );
  r.post(
    '/api/auth/recovery/password',
    { schema: { tags: ['auth'], body: RecoveryPassword, response: { 200: RecoveryDone } }, config: open },
    async (req) => completeRecovery(ctx, req.body, actorOf(req)),
  );

  // 身分驗證 by 行動自然人憑證: the sign-in's transactions, bound to this browser the same way.
  const binding = bindingCookieName(ctx);
  const cookieOptions = { path: '/', httpOnly: true, secure: ctx.config.secureCookies, sameSite: 'lax' as const };
  r.post(
    '/api/auth/recovery/mobile-moica',
    {
      schema: { tags: ['auth'], body: RecoveryMobileMoicaStart, response: { 200: MobileMoicaStarted } },
      config: open,
    },
    async (req, reply) => {
      const started = await startRecoveryMobileMoica(ctx, req.body, actorOf(req));
      reply.setCookie(binding, started.browserSecret, {
        ...cookieOptions,
        maxAge: (ctx.config.twfido?.timeLimitSeconds ?? 60) + 300,
      });
      return started.body;
    },
  );
  r.get(
    '/api/auth/recovery/mobile-moica/:id',
    {
      schema: { tags: ['auth'], params: MobileMoicaId, response: { 200: RecoveryMobileMoicaStatus } },
      config: open,
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return pollRecoveryMobileMoica(
        ctx,
        { handle: req.params.id, browserSecret: req.cookies[binding] ?? null },
        actorOf(req),
      );
    },
  );
}
