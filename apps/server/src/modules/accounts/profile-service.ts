/** ACC-3 self-service: one's own profile, password and avatar. */
import type { AccountDetail, Me, ProfileUpdate, Role } from '@menhu/contracts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit, diff } from '../audit/service.ts';
import type { AuthContext } from '../auth/session-service.ts';
import { liftRestriction, revokeAllSessions } from '../auth/session-service.ts';
import { changeOwnPassword } from '../credentials/service.ts';
import { passwordStatus } from '../credentials/password-status.ts';
import { auditView, presentAccountDetail } from './presenter.ts';
import { findAccountById, getAvatar, putAvatar, updateAccountRow, type AccountWithOrg } from './store.ts';

async function own(ctx: Ctx, auth: AuthContext): Promise<AccountWithOrg> {
  const a = await findAccountById(ctx.db, auth.accountId, ctx.clock.now());
  if (!a) throw new AppError('MENHU_ERR_UNAUTHENTICATED');
  return a;
}

export function getMe(ctx: Ctx, auth: AuthContext): Me {
  const a = auth.profile;
  const status = passwordStatus(a, ctx.clock.now(), ctx.config.password);
  return {
    id: a.id,
    account: a.account,
    name: a.name,
    title: a.title,
    org: { id: a.orgId, code: a.orgCode, name: a.orgName, shortName: a.orgShortName },
    roles: ['user', ...(a.roles as Role[])],
    csrfToken: auth.csrfToken,
    passwordChangeRequired: auth.restriction ? (status.changeRequired ?? 'forced') : null,
    passwordExpiresInDays: status.expiresInDays,
    hasAvatar: a.hasAvatar,
  };
}

export async function getOwnAccount(ctx: Ctx, auth: AuthContext): Promise<AccountDetail> {
  return presentAccountDetail(await own(ctx, auth));
}

export async function updateProfile(
  ctx: Ctx,
  auth: AuthContext,
  input: ProfileUpdate,
  actor: Actor,
): Promise<AccountDetail> {
  const after = await ctx.db.transaction(async (tx) => {
    const before = await findAccountById(tx, auth.accountId, ctx.clock.now());
    if (!before) throw new AppError('MENHU_ERR_UNAUTHENTICATED');
    const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    await updateAccountRow(tx, auth.accountId, { ...set, updatedAt: ctx.clock.now() });
    const a = (await findAccountById(tx, auth.accountId, ctx.clock.now()))!;
    const change = diff(auditView(before), auditView(a));
    if (change)
      await audit(tx, ctx, actor, {
        action: 'profile.update',
        target: { type: 'account', id: a.id, label: a.account },
        ...change,
      });
    return a;
  });
  return presentAccountDetail(after);
}

/** Changing one's password ends every other session and lifts a password-change restriction. */
export async function changePassword(
  ctx: Ctx,
  auth: AuthContext,
  input: { currentPassword: string; newPassword: string },
  actor: Actor,
): Promise<void> {
  const a = await own(ctx, auth);
  await changeOwnPassword(ctx, a, input, actor, async (tx) => {
    await revokeAllSessions(ctx, tx, a.id, auth.sessionId);
    await liftRestriction(tx, auth.sessionId);
  });
}

export const AVATAR_MAX_BYTES = 1_048_576;

/** Accept only real PNG, JPEG or WebP by their leading bytes, whatever the Content-Type says. */
export function sniffImage(data: Uint8Array): string | null {
  const b = Buffer.from(data.subarray(0, 12));
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp';
  return null;
}

export async function setAvatar(ctx: Ctx, auth: AuthContext, data: Uint8Array, actor: Actor): Promise<void> {
  const mime = sniffImage(data);
  if (!mime) throw new AppError('MENHU_ERR_FILE_TYPE');
  if (data.byteLength > AVATAR_MAX_BYTES) throw new AppError('MENHU_ERR_BODY_TOO_LARGE');
  await ctx.db.transaction(async (tx) => {
    await putAvatar(tx, auth.accountId, mime, data, ctx.clock.now());
    await audit(tx, ctx, actor, {
      action: 'profile.avatar',
      target: { type: 'account', id: auth.accountId, label: auth.account },
      after: { mime, bytes: data.byteLength },
    });
  });
}

export async function readAvatar(ctx: Ctx, accountId: number) {
  return getAvatar(ctx.db, accountId);
}
