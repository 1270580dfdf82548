/**
 * INT-1..4 console routes (/api/integrations, any signed-in person for their own applications,
 * system administrators for all) and the server-to-server APIs of SSO-2 and SSO-3 (/api/v1,
 * authenticated by X-Apcode / X-Aptoken).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  App,
  AppCreated,
  AppInput,
  AppQuery,
  AppUpdate,
  ClientSecretIssued,
  IdParam,
  Ok,
  PendingList,
  RedeemRequest,
  RedeemResponse,
  ReviewInput,
  ReviewList,
  ServiceParams,
  ServiceRequest,
  StatsList,
  StatsQuery,
  StatusInput,
  TokenIssued,
  VerifyRequest,
  VerifyResponse,
  page,
  type Service,
} from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { actorOf, requireAuth, requireCallingApp } from '../../platform/http/access.ts';
import { sendXlsx } from '../../platform/xlsx.ts';
import {
  getApp,
  listApps,
  registerApp,
  revokeApp,
  rotateToken,
  setAppStatus,
  updateAppDetails,
  type Caller,
} from './apps-service.ts';
import { callCounter } from './call-stats.ts';
import { integrationGuide } from './guide.ts';
import { issueClientSecret, requestService, reviewQueue, reviewService, serviceHistory } from './review-service.ts';
import { appStats, statsXlsx } from './stats-service.ts';
import { redeemTransferTicket } from './transfer.ts';
import { verifyAccount } from './verify.ts';

const caller = (req: FastifyRequest): Caller => {
  const a = requireAuth(req);
  return { accountId: a.accountId, orgPath: a.orgPath, roles: a.roles };
};

export function integrationRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['integrations'];
  const user = { access: 'user' as const };
  const sysadmin = { access: 'system_admin' as const };

  r.get(
    '/api/integrations/apps',
    {
      schema: {
        tags,
        // Not z.coerce.boolean(): it reads the string "false" as true.
        querystring: AppQuery.extend({
          all: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => v === 'true'),
        }),
        response: { 200: page(App) },
      },
      config: user,
    },
    async (req) => {
      const { items, total } = await listApps(ctx, caller(req), req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  r.post(
    '/api/integrations/apps',
    { schema: { tags, body: AppInput, response: { 200: AppCreated } }, config: user },
    async (req) => registerApp(ctx, caller(req), req.body, actorOf(req)),
  );

  r.get(
    '/api/integrations/apps/:id',
    { schema: { tags, params: IdParam, response: { 200: App } }, config: user },
    async (req) => getApp(ctx, caller(req), req.params.id),
  );

  r.patch(
    '/api/integrations/apps/:id',
    { schema: { tags, params: IdParam, body: AppUpdate, response: { 200: App } }, config: user },
    async (req) => updateAppDetails(ctx, caller(req), req.params.id, req.body, actorOf(req)),
  );

  r.post(
    '/api/integrations/apps/:id/token',
    { schema: { tags, params: IdParam, response: { 200: TokenIssued } }, config: user },
    async (req) => rotateToken(ctx, caller(req), req.params.id, actorOf(req)),
  );

  r.delete(
    '/api/integrations/apps/:id',
    { schema: { tags, params: IdParam, response: { 200: Ok } }, config: user },
    async (req) => {
      await revokeApp(ctx, caller(req), req.params.id, actorOf(req));
      return { ok: true as const };
    },
  );

  r.post(
    '/api/integrations/apps/:id/client-secret',
    { schema: { tags, params: IdParam, response: { 200: ClientSecretIssued } }, config: user },
    async (req) => issueClientSecret(ctx, caller(req), req.params.id, actorOf(req)),
  );

  r.put(
    '/api/integrations/apps/:id/services/:service',
    { schema: { tags, params: ServiceParams, body: ServiceRequest, response: { 200: App } }, config: user },
    async (req) => {
      await requestService(ctx, caller(req), req.params.id, req.params.service, req.body, actorOf(req));
      return getApp(ctx, caller(req), req.params.id);
    },
  );

  r.get(
    '/api/integrations/apps/:id/services/:service/history',
    { schema: { tags, params: ServiceParams, response: { 200: ReviewList } }, config: user },
    async (req) => ({ items: await serviceHistory(ctx, caller(req), req.params.id, req.params.service) }),
  );

  r.get(
    '/api/integrations/apps/:id/services/:service/guide',
    { schema: { tags, params: ServiceParams }, config: user },
    async (req, reply) => {
      const guide = await integrationGuide(ctx, caller(req), req.params.id, req.params.service);
      return reply
        .header('content-type', 'text/markdown; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="guide.md"; filename*=UTF-8''${encodeURIComponent(guide.filename)}`,
        )
        .send(guide.markdown);
    },
  );

  r.get(
    '/api/integrations/apps/:id/stats',
    { schema: { tags, params: IdParam, querystring: StatsQuery, response: { 200: StatsList } }, config: user },
    async (req, reply) => {
      if (req.query.format === 'xlsx')
        return sendXlsx(reply, '呼叫次數統計.xlsx', await statsXlsx(ctx, caller(req), req.params.id, req.query));
      return appStats(ctx, caller(req), req.params.id, req.query);
    },
  );

  // System administrators: the review queue, decisions, suspension.
  r.get(
    '/api/admin/integrations/requests',
    { schema: { tags, response: { 200: PendingList } }, config: sysadmin },
    async () => ({ items: await reviewQueue(ctx) }),
  );

  r.post(
    '/api/admin/integrations/apps/:id/services/:service/review',
    { schema: { tags, params: ServiceParams, body: ReviewInput, response: { 200: App } }, config: sysadmin },
    async (req) => {
      await reviewService(ctx, req.params.id, req.params.service, req.body, actorOf(req));
      return getApp(ctx, caller(req), req.params.id);
    },
  );

  r.post(
    '/api/admin/integrations/apps/:id/status',
    { schema: { tags, params: IdParam, body: StatusInput, response: { 200: App } }, config: sysadmin },
    async (req) => {
      await setAppStatus(ctx, req.params.id, req.body, actorOf(req));
      return getApp(ctx, caller(req), req.params.id);
    },
  );

  // Server-to-server APIs for integrated systems.
  const counted = async <T>(appId: number, service: Service, work: () => Promise<T>, failed: (v: T) => boolean) => {
    try {
      const v = await work();
      callCounter(ctx).count(appId, service, failed(v));
      return v;
    } catch (err) {
      callCounter(ctx).count(appId, service, true);
      throw err;
    }
  };
  const v1 = ['integration API (X-Apcode / X-Aptoken)'];
  // X-Apcode / X-Aptoken are checked by authenticateApp (missing ones answer 401, not 400).
  const security = [{ apcode: [], aptoken: [] }];

  r.post(
    '/api/v1/verify',
    {
      schema: { tags: v1, security, body: VerifyRequest, response: { 200: VerifyResponse } },
      config: { access: 'app', appService: 'verify' },
    },
    async (req) => {
      const calling = requireCallingApp(req);
      return counted(
        calling.app.id,
        'verify',
        () => verifyAccount(ctx, calling, req.body, actorOf(req)),
        (v) => !v.valid,
      );
    },
  );

  r.post(
    '/api/v1/transfer/redeem',
    {
      schema: { tags: v1, security, body: RedeemRequest, response: { 200: RedeemResponse } },
      config: { access: 'app', appService: 'transfer' },
    },
    async (req) => {
      const calling = requireCallingApp(req);
      return counted(
        calling.app.id,
        'transfer',
        () => redeemTransferTicket(ctx, calling, req.body.ticket, actorOf(req)),
        () => false,
      );
    },
  );

  const stop = callCounter(ctx).start(5_000, (err) => app.log.warn({ err }, 'call statistics flush failed'));
  app.addHook('onClose', stop);
}
