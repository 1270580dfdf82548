/** SSO-5 行動自然人憑證 sign-in: start (ID number → push) and the page's poll. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { MobileMoicaId, MobileMoicaStart, MobileMoicaStarted, MobileMoicaStatus } from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { actorOf, sessionToken } from '../../platform/http/access.ts';
import { setSessionCookie } from '../auth/session-cookie.ts';
import { pollMobileMoica, startMobileMoica } from './service.ts';

/** Binds a transaction to the browser that started it (HttpOnly; its hash is stored). */
export const bindingCookieName = (ctx: Ctx) => (ctx.config.secureCookies ? '__Host-menhu_mmca' : 'menhu_mmca');

export function mobileMoicaRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  const binding = bindingCookieName(ctx);
  const cookieOptions = { path: '/', httpOnly: true, secure: ctx.config.secureCookies, sameSite: 'lax' as const };
  const clearBinding = (reply: FastifyReply) => reply.clearCookie(binding, cookieOptions);

  r.post(
    '/api/auth/mobile-moica',
    {
      schema: { tags, body: MobileMoicaStart, response: { 200: MobileMoicaStarted } },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const started = await startMobileMoica(ctx, req.body.idNumber, actorOf(req));
      reply.setCookie(binding, started.browserSecret, {
        ...cookieOptions,
        maxAge: (ctx.config.twfido?.timeLimitSeconds ?? 60) + 300,
      });
      return started.body;
    },
  );

  r.get(
    '/api/auth/mobile-moica/:id',
    {
      schema: { tags, params: MobileMoicaId, response: { 200: MobileMoicaStatus } },
      config: { access: 'public' },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const polled = await pollMobileMoica(
        ctx,
        {
          handle: req.params.id,
          browserSecret: req.cookies[binding] ?? null,
          previousToken: sessionToken(req, ctx.config.sessionCookie),
        },
        actorOf(req),
      );
      if (polled.token) {
        setSessionCookie(reply, ctx, polled.token);
        clearBinding(reply);
      }
      return polled.body;
    },
  );
}
