/**
 * The session cookie, set and cleared in one place: HttpOnly, SameSite=Lax, Secure (and the
 * __Host- name) on https, living no longer than a session may.
 */
import type { FastifyReply } from 'fastify';
import type { Ctx } from '../../platform/context.ts';

const options = (ctx: Ctx) => ({
  path: '/',
  httpOnly: true,
  secure: ctx.config.secureCookies,
  sameSite: 'lax' as const,
});

export function setSessionCookie(reply: FastifyReply, ctx: Ctx, token: string): void {
  reply.setCookie(ctx.config.sessionCookie, token, { ...options(ctx), maxAge: ctx.config.session.absoluteMs / 1000 });
}

export function clearSessionCookie(reply: FastifyReply, ctx: Ctx): void {
  reply.clearCookie(ctx.config.sessionCookie, options(ctx));
}
