/** SSO-9 開通帳號 and 忘記密碼 (public: the person cannot sign in yet). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CodeSent,
  RecoveryCodeRequest,
  RecoveryDone,
  RecoveryPassword,
  RecoveryTicket,
  RecoveryVerify,
} from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/access.ts';
import { completeRecovery, requestRecoveryCode, verifyRecoveryCode } from './service.ts';

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
}
