/** 通行金鑰 (passkeys): self-service under /api/me/passkeys and discoverable sign-in under /api/auth. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  IdParam,
  Ok,
  Passkey,
  PasskeyList,
  PasskeyLogin,
  PasskeyOptions,
  PasskeyRegistrationFinish,
  PasskeyRegistrationStart,
  PasskeyRemove,
  PasskeyRename,
  SignInResponse,
} from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { actorOf, requireAuth, sessionToken } from '../../platform/http/access.ts';
import { setSessionCookie } from '../auth/session-cookie.ts';
import {
  beginPasskeyLogin,
  beginPasskeySecondFactor,
  beginRegistration,
  CHALLENGE_TTL_MS,
  finishRegistration,
  listOwnPasskeys,
  loginWithPasskey,
  removeOwnPasskey,
  renameOwnPasskey,
} from './service.ts';

export function passkeyRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const me = { access: 'user' as const };
  const tags = ['me'];
  // The sign-in challenge's id travels in its own short-lived cookie, so an assertion is only
  // accepted from the browser that asked for the challenge.
  const challengeCookie = ctx.config.secureCookies ? '__Host-menhu-passkey' : 'menhu-passkey';
  const cookieOptions = { path: '/', httpOnly: true, secure: ctx.config.secureCookies, sameSite: 'strict' as const };

  r.get('/api/me/passkeys', { schema: { tags, response: { 200: PasskeyList } }, config: me }, async (req) =>
    listOwnPasskeys(ctx, requireAuth(req).accountId),
  );
  r.post(
    '/api/me/passkeys/options',
    { schema: { tags, body: PasskeyRegistrationStart, response: { 200: PasskeyOptions } }, config: me },
    async (req) => beginRegistration(ctx, requireAuth(req), req.body.password, actorOf(req)),
  );
  r.post(
    '/api/me/passkeys',
    { schema: { tags, body: PasskeyRegistrationFinish, response: { 200: Passkey } }, config: me },
    async (req) => finishRegistration(ctx, requireAuth(req), req.body, actorOf(req)),
  );
  r.patch(
    '/api/me/passkeys/:id',
    { schema: { tags, params: IdParam, body: PasskeyRename, response: { 200: Passkey } }, config: me },
    async (req) => renameOwnPasskey(ctx, requireAuth(req), req.params.id, req.body.name, actorOf(req)),
  );
  r.delete(
    '/api/me/passkeys/:id',
    { schema: { tags, params: IdParam, body: PasskeyRemove, response: { 200: Ok } }, config: me },
    async (req) => removeOwnPasskey(ctx, requireAuth(req), req.params.id, req.body.password, actorOf(req)),
  );

  r.post(
    '/api/auth/passkey/options',
    { schema: { tags: ['auth'], response: { 200: PasskeyOptions } }, config: { access: 'public' } },
    async (req, reply) => {
      const { options, challengeId } = await beginPasskeyLogin(ctx, actorOf(req));
      reply.setCookie(challengeCookie, challengeId, { ...cookieOptions, maxAge: CHALLENGE_TTL_MS / 1000 });
      return options;
    },
  );
  // SSO-10 second step after a password, from the MFA-pending session (then POST /api/auth/mfa/passkey).
  r.post(
    '/api/auth/mfa/passkey/options',
    {
      schema: { tags: ['auth'], response: { 200: PasskeyOptions } },
      config: { access: 'user', allowMfaPending: true },
    },
    async (req) => beginPasskeySecondFactor(ctx, requireAuth(req)),
  );
  r.post(
    '/api/auth/login/passkey',
    {
      schema: { tags: ['auth'], body: PasskeyLogin, response: { 200: SignInResponse } },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const challengeId = req.cookies[challengeCookie] ?? null;
      reply.clearCookie(challengeCookie, cookieOptions);
      const result = await loginWithPasskey(
        ctx,
        { response: req.body.response, challengeId, previousToken: sessionToken(req, ctx.config.sessionCookie) },
        actorOf(req),
      );
      setSessionCookie(reply, ctx, result.token);
      return result.body;
    },
  );
}
