/**
 * 手機掃碼登入 routes: the desktop's challenge, its status (server-sent events, or polling) and
 * redemption; the phone's view of a challenge and its signed decision; bound phones in 登入安全.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Ok,
  QrApprove,
  QrApproved,
  QrChallenge,
  QrChallengeInfo,
  QrDevice,
  QrDeviceBind,
  QrDeviceList,
  QrDeviceRename,
  QrDeviceSelfUnbind,
  QrDeviceUnbind,
  QrRedeem,
  QrStatus,
  SignInResponse,
} from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { actorOf, requireAuth, sessionToken } from '../../platform/http/access.ts';
import { AppError } from '../../platform/http/errors.ts';
import { setSessionCookie } from '../auth/session-cookie.ts';
import {
  CHALLENGE_TTL_MS,
  bindDevice,
  challengeInfo,
  challengeStatus,
  createChallenge,
  decide,
  listQrDevices,
  loginWithQr,
  renameQrDevice,
  sessionHasSecondFactor,
  unbindByDevice,
  unbindWithPassword,
} from './service.ts';

/** How often a waiting event stream looks at the challenge row (any node may have changed it). */
export const SSE_POLL_MS = 500;

const ChallengeParams = z.object({ id: z.string().min(1).max(64) });
const DeviceParams = z.object({ id: z.string().min(1).max(64) });

export function qrRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The challenge's secret lives only in this cookie of the browser that asked for it.
  const secretCookie = `${ctx.config.sessionCookie}_qr`;
  const cookieOptions = { path: '/', httpOnly: true, secure: ctx.config.secureCookies, sameSite: 'strict' as const };
  const secretOf = (req: FastifyRequest) => req.cookies[secretCookie] ?? null;
  const auth = ['auth'];
  const me = ['me'];

  r.post(
    '/api/auth/qr',
    { schema: { tags: auth, response: { 200: QrChallenge } }, config: { access: 'public' } },
    async (req, reply) => {
      const { challenge, secret } = await createChallenge(ctx, actorOf(req));
      reply.setCookie(secretCookie, secret, { ...cookieOptions, maxAge: Math.ceil(CHALLENGE_TTL_MS / 1000) + 60 });
      return challenge;
    },
  );

  r.get(
    '/api/auth/qr/:id',
    { schema: { tags: auth, params: ChallengeParams, response: { 200: QrStatus } }, config: { access: 'public' } },
    async (req) => challengeStatus(ctx, req.params.id, secretOf(req)),
  );

  r.get(
    '/api/auth/qr/:id/events',
    { schema: { tags: auth, params: ChallengeParams }, config: { access: 'public' } },
    async (req, reply) => {
      // Refusals (unknown challenge, another browser) answer as JSON errors before streaming.
      const first = await challengeStatus(ctx, req.params.id, secretOf(req));
      streamStatus(req, reply, first, () => challengeStatus(ctx, req.params.id, secretOf(req)));
    },
  );

  r.post(
    '/api/auth/login/qr',
    { schema: { tags: auth, body: QrRedeem, response: { 200: SignInResponse } }, config: { access: 'public' } },
    async (req, reply) => {
      const result = await loginWithQr(
        ctx,
        {
          challengeId: req.body.challengeId,
          secret: secretOf(req),
          previousToken: sessionToken(req, ctx.config.sessionCookie),
        },
        actorOf(req),
      );
      setSessionCookie(reply, ctx, result.token);
      reply.clearCookie(secretCookie, cookieOptions);
      return result.body;
    },
  );

  r.get(
    '/api/auth/qr/:id/info',
    {
      schema: { tags: auth, params: ChallengeParams, response: { 200: QrChallengeInfo } },
      config: { access: 'public' },
    },
    async (req) => challengeInfo(ctx, req.params.id),
  );

  r.post(
    '/api/auth/qr/:id/approve',
    {
      schema: { tags: auth, params: ChallengeParams, body: QrApprove, response: { 200: QrApproved } },
      config: { access: 'public' },
    },
    async (req) => decide(ctx, req.params.id, req.body, actorOf(req)),
  );

  // ---- bound phones ----

  r.get(
    '/api/me/qr-devices',
    { schema: { tags: me, response: { 200: QrDeviceList } }, config: { access: 'user' } },
    async (req) => {
      const auth = requireAuth(req);
      return { items: await listQrDevices(ctx, auth.accountId), canBind: sessionHasSecondFactor(auth.method) };
    },
  );

  r.post(
    '/api/me/qr-devices',
    { schema: { tags: me, body: QrDeviceBind, response: { 200: QrDevice } }, config: { access: 'user' } },
    async (req) => bindDevice(ctx, requireAuth(req), req.body, actorOf(req)),
  );

  r.patch(
    '/api/me/qr-devices/:id',
    {
      schema: { tags: me, params: DeviceParams, body: QrDeviceRename, response: { 200: Ok } },
      config: { access: 'user' },
    },
    async (req) => {
      await renameQrDevice(ctx, requireAuth(req), req.params.id, req.body.name, actorOf(req));
      return { ok: true as const };
    },
  );

  r.delete(
    '/api/me/qr-devices/:id',
    {
      schema: { tags: me, params: DeviceParams, body: QrDeviceUnbind, response: { 200: Ok } },
      config: { access: 'user' },
    },
    async (req) => {
      await unbindWithPassword(ctx, requireAuth(req), req.params.id, req.body.password, actorOf(req));
      return { ok: true as const };
    },
  );

  // The phone removes its own binding with its device key (it may hold no portal session).
  r.post(
    '/api/qr-devices/:id/unbind',
    {
      schema: { tags: auth, params: DeviceParams, body: QrDeviceSelfUnbind, response: { 200: Ok } },
      config: { access: 'public' },
    },
    async (req) => {
      await unbindByDevice(ctx, req.params.id, req.body.signature, actorOf(req));
      return { ok: true as const };
    },
  );
}

/**
 * Server-sent events: `status` whenever the challenge changes, ending once it is decided or
 * expired (or the browser goes away). The row is polled, so it works across nodes.
 */
function streamStatus(req: FastifyRequest, reply: FastifyReply, first: QrStatus, read: () => Promise<QrStatus>): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  const finish = () => {
    if (closed) return;
    closed = true;
    if (timer) clearTimeout(timer);
    res.end();
  };
  req.raw.on('close', finish);
  // A hard stop well after any challenge could still change.
  const deadline = Date.now() + CHALLENGE_TTL_MS + 30_000;
  let last = '';
  const send = (s: QrStatus) => {
    const data = JSON.stringify(s);
    if (data !== last) res.write(`event: status\ndata: ${data}\n\n`);
    last = data;
    return s.status === 'pending';
  };
  const tick = async () => {
    if (closed) return;
    try {
      if (send(await read()) && Date.now() < deadline) timer = setTimeout(tick, SSE_POLL_MS);
      else finish();
    } catch (err) {
      res.write(
        `event: error\ndata: ${JSON.stringify({ code: err instanceof AppError ? err.code : 'MENHU_ERR_INTERNAL' })}\n\n`,
      );
      finish();
    }
  };
  if (send(first)) timer = setTimeout(tick, SSE_POLL_MS);
  else finish();
}
