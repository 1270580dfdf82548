/**
 * buildApp(deps): the Fastify instance, used by main and by tests (app.inject). Listening is
 * main's business, not this file's.
 */
import fs from 'node:fs';
import path from 'node:path';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
  type RouteOptions,
} from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Ctx } from './platform/context.ts';
import type { Database } from './platform/db/client.ts';
import { registerAccessControl } from './platform/http/access.ts';
import { AppError, errorHandler, notFoundHandler } from './platform/http/errors.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { meRoutes } from './modules/accounts/me-routes.ts';
import { adminAccountRoutes } from './modules/accounts/admin-routes.ts';
import { orgRoutes } from './modules/orgs/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import middie from '@fastify/middie';
import { createOidcProvider, OIDC_MOUNT } from './modules/oidc/provider.ts';
import { oidcRoutes } from './modules/oidc/routes.ts';
import { OIDC_PAGE_CSP } from './modules/oidc/pages.ts';
import { logoutHandlers } from './modules/oidc/logout.ts';
import { drainOutbox, startOutbox } from './platform/outbox.ts';
import { integrationRoutes } from './modules/integrations/routes.ts';
import { totpRoutes } from './modules/totp/routes.ts';
import { qrRoutes } from './modules/qr/routes.ts';
import { backupEmailRoutes } from './modules/backup-email/routes.ts';
import { passkeyRoutes } from './modules/passkey/routes.ts';
import { recoveryRoutes } from './modules/recovery/routes.ts';
import { factorRoutes } from './modules/factors/routes.ts';
import { agencyAdminRoutes } from './modules/agency-admins/routes.ts';
import { mobileMoicaRoutes } from './modules/mobile-moica/routes.ts';
import { moicaRoutes } from './modules/moica/routes.ts';
import { launcherRoutes } from './modules/launcher/routes.ts';
import { adminLauncherRoutes } from './modules/launcher/admin-routes.ts';
import { smsHandlers } from './modules/sms/service.ts';
import { smsRoutes } from './modules/sms/routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Works off the outbox jobs due now (tests, and the CLI, call it instead of waiting for the poller). */
    drainOutbox(): Promise<number>;
  }
}

export interface AppDeps {
  ctx: Ctx;
  database: Database;
  logger?: boolean | object;
  /** Sees every route as it is registered; tests use it to check each declares its access. */
  onRoute?: (route: RouteOptions) => void;
}

export async function buildApp({ ctx, database, logger = false, onRoute }: AppDeps): Promise<FastifyInstance> {
  const { config } = ctx;
  const options: FastifyServerOptions = {
    logger:
      logger === true
        ? {
            level: config.logLevel,
            redact: [
              'req.headers.cookie',
              'req.headers["x-csrf-token"]',
              'req.headers["x-aptoken"]',
              'res.headers["set-cookie"]',
            ],
          }
        : logger,
    // A hop count is valid at run time (proxy-addr) though the types omit it.
    trustProxy: config.trustProxy as boolean | string,
    bodyLimit: config.bodyLimit,
    return503OnClosing: true,
  };
  const app = Fastify(options).withTypeProvider<ZodTypeProvider>();
  if (onRoute) app.addHook('onRoute', onRoute);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  registerSecurityHeaders(app, { hsts: config.secureCookies, allowPopups: config.loginMethods.includes('moica') });

  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.addContentTypeParser(['image/png', 'image/jpeg', 'image/webp'], { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Menhu API', version: '0.1.0', description: '門戶 government portal and single sign-on' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: config.sessionCookie },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
          apcode: { type: 'apiKey', in: 'header', name: 'X-Apcode' },
          aptoken: { type: 'apiKey', in: 'header', name: 'X-Aptoken' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (req) => {
    try {
      await database.ping();
      return { status: 'ready', database: database.kind };
    } catch (err) {
      req.log.warn({ err }, 'readiness check failed');
      throw new AppError('MENHU_ERR_NOT_READY');
    }
  });

  // SSO-1: the OIDC engine handles everything under /oidc (discovery, auth, token, userinfo …).
  const provider = await createOidcProvider(ctx);
  // Work that follows a commit (back-channel logout …), on every node.
  const handlers = { ...logoutHandlers(ctx, provider), ...smsHandlers(ctx) };
  app.decorate('drainOutbox', () => drainOutbox(ctx, handlers));
  const stopOutbox = startOutbox(ctx, handlers, (err) => app.log.warn({ err }, 'outbox failed'));
  app.addHook('onClose', stopOutbox);
  await app.register(middie);
  // The engine answers outside Fastify's reply pipeline: give its pages the headers that matter.
  // Its form_post page adds its script's hash to this CSP itself.
  app.use(OIDC_MOUNT, (_req: unknown, res: { setHeader(k: string, v: string): void }, next: () => void) => {
    res.setHeader('content-security-policy', OIDC_PAGE_CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('referrer-policy', 'same-origin');
    next();
  });
  app.use(OIDC_MOUNT, provider.callback());

  await app.register(async (api) => {
    registerAccessControl(api, ctx);
    oidcRoutes(api, provider);
    authRoutes(api, ctx);
    meRoutes(api, ctx);
    adminAccountRoutes(api, ctx);
    orgRoutes(api, ctx);
    auditRoutes(api, ctx);
    integrationRoutes(api, ctx);
    totpRoutes(api, ctx);
    backupEmailRoutes(api, ctx);
    passkeyRoutes(api, ctx);
    recoveryRoutes(api, ctx);
    factorRoutes(api, ctx);
    agencyAdminRoutes(api, ctx);
    mobileMoicaRoutes(api, ctx);
    moicaRoutes(api, ctx);
    launcherRoutes(api, ctx);
    adminLauncherRoutes(api, ctx);
    smsRoutes(api, ctx);
    qrRoutes(api, ctx);
  });

  serveWeb(app, config.webDist);
  return app;
}

/** Serves the built SPA; unknown non-API paths get index.html so client routes work on reload. */
function serveWeb(app: FastifyInstance, dist: string): void {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) {
    app.setNotFoundHandler(notFoundHandler);
    return;
  }
  void app.register(fastifyStatic, {
    root: dist,
    wildcard: false,
    index: false,
    // @fastify/static hands setHeaders the Fastify reply (its typings still say ServerResponse).
    setHeaders: (res, file) => {
      (res as unknown as FastifyReply).header(
        'cache-control',
        file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const html = fs.readFileSync(index);
  app.setNotFoundHandler((req, reply) => {
    const isPage = req.method === 'GET' && !req.url.startsWith('/api/') && !path.extname(req.url.split('?')[0]!);
    if (!isPage) return notFoundHandler(req, reply);
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
}
