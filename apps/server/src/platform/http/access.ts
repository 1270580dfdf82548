/**
 * Deny by default (ASVS V4): every API route declares `config.access`; a route without one
 * is refused. This hook also resolves the session cookie and applies the CSRF defence
 * (same-origin Origin on every state-changing request, plus the session-bound token for
 * signed-in ones) before the body is even parsed.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, Ctx } from '../context.ts';
import { safeEqual } from '../crypto.ts';
import { AppError } from './errors.ts';
import type { Service } from '@menhu/contracts';
import { resolveSession, type AuthContext } from '../../modules/auth/session-service.ts';
import { authenticateApp, type CallingApp } from '../../modules/integrations/app-auth.ts';
import { zoneOf } from '../../modules/auth/zones.ts';

/**
 * 'app': server-to-server integration APIs (/api/v1): no cookies, no browser, so no session and
 * no Origin check; the calling application is authenticated here by X-Apcode / X-Aptoken for
 * the route's `appService`.
 */
export type Access = 'public' | 'user' | 'agency_admin' | 'system_admin' | 'app';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Reachable by a session limited to changing an expired or forced password. */
    allowRestricted?: boolean;
    /** access 'app': the integration service the calling application must be approved for. */
    appService?: Service;
    /** Reachable by an MFA-pending session (SSO-10: completing the second step, binding a first factor). */
    allowMfaPending?: boolean;
    /** SSO-6: reachable from the intranet only (INTRANET_CIDRS), e.g. 機關管理員查詢, 帳號申請. */
    intranetOnly?: boolean;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
    /** access 'app': the authenticated calling application and its approved service settings. */
    callingApp: CallingApp | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionToken(req: FastifyRequest, cookieName: string): string | null {
  return req.cookies[cookieName] ?? null;
}

export function actorOf(req: FastifyRequest): Actor {
  return {
    accountId: req.auth?.accountId ?? null,
    account: req.auth?.account ?? null,
    ip: req.ip ?? null,
    userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'].slice(0, 400) : null,
  };
}

export function requireCallingApp(req: FastifyRequest): CallingApp {
  if (!req.callingApp) throw new AppError('MENHU_ERR_APP_UNAUTHORIZED');
  return req.callingApp;
}

export function requireAuth(req: FastifyRequest): AuthContext {
  if (!req.auth) throw new AppError('MENHU_ERR_UNAUTHENTICATED');
  return req.auth;
}

function hasAccess(auth: AuthContext, access: Access): boolean {
  switch (access) {
    case 'public':
    case 'user':
      return true;
    case 'app':
      return false;
    case 'agency_admin':
      return auth.roles.includes('agency_admin') || auth.roles.includes('system_admin');
    case 'system_admin':
      return auth.roles.includes('system_admin');
  }
}

export function registerAccessControl(app: FastifyInstance, ctx: Ctx): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('callingApp', null);
  app.addHook('onRequest', async (req) => {
    if (req.is404) return;
    const access = req.routeOptions.config.access;
    if (!access) throw new AppError('MENHU_ERR_FORBIDDEN'); // undeclared route: deny
    if (access === 'app') {
      // Server to server: no session or Origin; the application proves itself before anything
      // else is looked at (deny by default: an 'app' route without its service is refused).
      const service = req.routeOptions.config.appService;
      if (!service) throw new AppError('MENHU_ERR_FORBIDDEN');
      req.callingApp = await authenticateApp(ctx, req, service);
      return;
    }

    if (req.routeOptions.config.intranetOnly && zoneOf(ctx.config, req.ip ?? null) !== 'intranet')
      throw new AppError('MENHU_ERR_INTRANET_ONLY');

    const token = sessionToken(req, ctx.config.sessionCookie);
    req.auth = token ? await resolveSession(ctx, token) : null;

    if (!SAFE_METHODS.has(req.method)) {
      // Login CSRF and cross-site form posts: the browser's Origin must be ours.
      if (req.headers.origin !== ctx.config.publicOrigin) throw new AppError('MENHU_ERR_CSRF');
    }
    if (access === 'public') return;
    if (!req.auth) throw new AppError('MENHU_ERR_UNAUTHENTICATED');
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, req.auth.csrfToken)) throw new AppError('MENHU_ERR_CSRF');
    }
    // An MFA-pending cookie is not yet a portal session: 401 everywhere but the second step.
    if (req.auth.restriction === 'mfa' && !req.routeOptions.config.allowMfaPending)
      throw new AppError('MENHU_ERR_MFA_REQUIRED');
    if (req.auth.restriction === 'password_change' && !req.routeOptions.config.allowRestricted)
      throw new AppError('MENHU_ERR_PASSWORD_CHANGE_REQUIRED');
    if (!hasAccess(req.auth, access)) throw new AppError('MENHU_ERR_FORBIDDEN');
  });
}
