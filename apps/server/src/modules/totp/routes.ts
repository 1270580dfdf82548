/** SSO-5 / ACC-3 動態驗證碼 self-service: status, bind (QR + confirming code), unbind with the password. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Ok, TotpBinding, TotpConfirm, TotpConfirmed, TotpStatus, TotpUnbind } from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { setSessionCookie } from '../auth/session-cookie.ts';
import { actorOf, requireAuth, sessionToken } from '../../platform/http/access.ts';
import { openSession } from '../auth/login-service.ts';
import { beginBinding, confirmBinding, totpStatus, unbind } from './service.ts';

export function totpRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['me'];
  const cookie = ctx.config.sessionCookie;
  // Binding is also open to an MFA-pending session whose account has no second factor yet
  // (enrolment at first sign-in); a bound account cannot be re-bound from there (409).
  const enrol = { access: 'user' as const, allowMfaPending: true };

  r.get('/api/me/totp', { schema: { tags, response: { 200: TotpStatus } }, config: { access: 'user' } }, async (req) =>
    totpStatus(ctx, requireAuth(req).accountId),
  );

  r.post('/api/me/totp', { schema: { tags, response: { 200: TotpBinding } }, config: enrol }, async (req) =>
    beginBinding(ctx, requireAuth(req)),
  );

  r.post(
    '/api/me/totp/confirm',
    { schema: { tags, body: TotpConfirm, response: { 200: TotpConfirmed } }, config: enrol },
    async (req, reply) => {
      const auth = requireAuth(req);
      const { recoveryCodes } = await confirmBinding(ctx, auth, req.body.code, actorOf(req));
      if (auth.restriction !== 'mfa') return { recoveryCodes, session: null };
      // The confirming code proved the new factor: the pending sign-in becomes a full session.
      const signIn = await openSession(
        ctx,
        auth.profile,
        { method: `${auth.method}+totp`, previousToken: sessionToken(req, cookie) },
        actorOf(req),
      );
      setSessionCookie(reply, ctx, signIn.token);
      return { recoveryCodes, session: 'mfaRequired' in signIn.body ? null : signIn.body };
    },
  );

  r.delete(
    '/api/me/totp',
    { schema: { tags, body: TotpUnbind, response: { 200: Ok } }, config: { access: 'user' } },
    async (req) => {
      await unbind(ctx, requireAuth(req), req.body.password, actorOf(req));
      return { ok: true as const };
    },
  );
}
