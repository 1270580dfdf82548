/** SSO-5 實體自然人憑證: HiPKI location, challenges, sign-in, and self-service bindings. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  MAX_ID,
  MoicaBinding,
  MoicaBindingList,
  MoicaChallenge,
  MoicaConfig,
  MoicaSignature,
  Ok,
  PasswordConfirm,
  SignInResponse,
} from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { actorOf, requireAuth, sessionToken } from '../../platform/http/access.ts';
import { setSessionCookie } from '../auth/session-cookie.ts';
import { assertMethodAllowed } from '../auth/zones.ts';
import { bindMoica, issueChallenge, loginWithMoica, moicaBindings, unbindMoica } from './service.ts';

export function moicaRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const me = { access: 'user' as const };
  const cookie = ctx.config.sessionCookie;

  r.get(
    '/api/auth/moica/config',
    { schema: { tags: ['auth'], response: { 200: MoicaConfig } }, config: { access: 'public' } },
    async () => ({ hipkiUrl: ctx.config.moica.hipkiUrl }),
  );

  r.post(
    '/api/auth/moica/challenge',
    { schema: { tags: ['auth'], response: { 200: MoicaChallenge } }, config: { access: 'public' } },
    async (req) => {
      const actor = actorOf(req);
      assertMethodAllowed(ctx.config, 'moica', actor.ip, actor.userAgent);
      return issueChallenge(ctx, 'login', null, actor.ip);
    },
  );

  r.post(
    '/api/auth/login/moica',
    {
      schema: { tags: ['auth'], body: MoicaSignature, response: { 200: SignInResponse } },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const result = await loginWithMoica(ctx, { ...req.body, previousToken: sessionToken(req, cookie) }, actorOf(req));
      setSessionCookie(reply, ctx, result.token);
      return result.body;
    },
  );

  r.get('/api/me/moica', { schema: { tags: ['me'], response: { 200: MoicaBindingList } }, config: me }, async (req) =>
    moicaBindings(ctx, requireAuth(req).accountId),
  );

  r.post(
    '/api/me/moica/challenge',
    { schema: { tags: ['me'], response: { 200: MoicaChallenge } }, config: me },
    async (req) => issueChallenge(ctx, 'bind', requireAuth(req).accountId, actorOf(req).ip),
  );

  r.post(
    '/api/me/moica',
    { schema: { tags: ['me'], body: MoicaSignature, response: { 200: MoicaBinding } }, config: me },
    async (req) => bindMoica(ctx, requireAuth(req), req.body, actorOf(req)),
  );

  r.delete(
    '/api/me/moica/:id',
    {
      schema: {
        tags: ['me'],
        params: z.object({ id: z.coerce.number().int().positive().max(MAX_ID) }),
        body: PasswordConfirm,
        response: { 200: Ok },
      },
      config: me,
    },
    async (req) => {
      await unbindMoica(ctx, requireAuth(req), req.params.id, req.body.password, actorOf(req));
      return { ok: true as const };
    },
  );
}
