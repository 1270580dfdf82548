/** ACC-3 個人帳號管理: the signed-in person's own account. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AccountDetail, Me, Ok, PasswordChange, ProfileUpdate } from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { actorOf, requireAuth } from '../../platform/http/access.ts';
import { AppError } from '../../platform/http/errors.ts';
import {
  AVATAR_MAX_BYTES,
  changePassword,
  getMe,
  getOwnAccount,
  readAvatar,
  setAvatar,
  updateProfile,
} from './profile-service.ts';

export function meRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/me',
    { schema: { tags: ['me'], response: { 200: Me } }, config: { access: 'user', allowRestricted: true } },
    async (req) => getMe(ctx, requireAuth(req)),
  );

  r.get(
    '/api/me/account',
    { schema: { tags: ['me'], response: { 200: AccountDetail } }, config: { access: 'user' } },
    async (req) => getOwnAccount(ctx, requireAuth(req)),
  );

  r.put(
    '/api/me/profile',
    { schema: { tags: ['me'], body: ProfileUpdate, response: { 200: AccountDetail } }, config: { access: 'user' } },
    async (req) => updateProfile(ctx, requireAuth(req), req.body, actorOf(req)),
  );

  r.post(
    '/api/me/password',
    {
      schema: { tags: ['me'], body: PasswordChange, response: { 200: Ok } },
      config: { access: 'user', allowRestricted: true },
    },
    async (req) => {
      await changePassword(ctx, requireAuth(req), req.body, actorOf(req));
      return { ok: true as const };
    },
  );

  r.get('/api/me/avatar', { schema: { tags: ['me'] }, config: { access: 'user' } }, async (req, reply) => {
    const avatar = await readAvatar(ctx, requireAuth(req).accountId);
    if (!avatar) throw new AppError('MENHU_ERR_NOT_FOUND');
    return reply
      .header('content-type', avatar.mime)
      .header('cache-control', 'private, max-age=60')
      .send(Buffer.from(avatar.data));
  });

  r.put(
    '/api/me/avatar',
    { schema: { tags: ['me'], response: { 200: Ok } }, config: { access: 'user' }, bodyLimit: AVATAR_MAX_BYTES },
    async (req) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError('MENHU_ERR_FILE_TYPE');
      await setAvatar(ctx, requireAuth(req), req.body, actorOf(req));
      return { ok: true as const };
    },
  );
}
