/**
 * SSO-5 備用信箱 and 臨時密碼. A backup address (never the official mailbox) is bound by a code
 * sent to it; 臨時密碼 sign-in asks for the address, mails a 6-digit code valid 10 minutes to it,
 * and signs in with address + code. Asking for a code answers the same whether or not the address
 * is bound, so it reveals nothing; requests are throttled per address and per client; codes are
 * kept as HMACs, used once, and die after 5 wrong tries.
 */
import crypto from 'node:crypto';
import type { Actor, Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { safeEqual } from '../../platform/crypto.ts';
import { mailerFor } from '../../platform/mailer.ts';
import { audit } from '../audit/service.ts';
import { assertMethodAllowed } from '../auth/zones.ts';
import { checkCredential, openSession, type SignIn } from '../auth/login-service.ts';
import type { AuthContext } from '../auth/session-service.ts';
import {
  accountByBackupEmail,
  countCodeAttempt,
  deleteBackupEmail,
  findBackupEmail,
  insertCode,
  latestCode,
  saveBackupEmail,
  useCode,
} from './store.ts';
import { assertCurrentPassword } from '../credentials/service.ts';
import { limitRequests } from '../auth/request-limits.ts';

export const CODE_TTL_MS = 10 * 60_000;
const MAX_ATTEMPTS = 5;
/** Code requests per address, and per client address, in the throttle window. */
export const REQUESTS_PER_WINDOW = 5;

const newCode = () => String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
const hashCode = (ctx: Ctx, accountId: number, purpose: string, code: string) =>
  crypto.createHmac('sha256', ctx.keys.codeIndex).update(`${accountId}:${purpose}:${code.trim()}`).digest('base64url');

/** ab***@gmail.com */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 2)}***@${domain}`;
}

/** What a mailed code is for: binding the address, 臨時密碼 sign-in, 開通帳號, 忘記密碼 (SSO-9). */
export type CodePurpose = 'bind' | 'temp_password' | 'activate' | 'reset';
const PURPOSE_TEXT: Record<CodePurpose, string> = {
  bind: '綁定備用信箱',
  temp_password: '臨時密碼登入',
  activate: '開通帳號',
  reset: '忘記密碼',
};

export async function sendCode(ctx: Ctx, input: { accountId: number; purpose: CodePurpose; email: string }) {
  const code = newCode();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
  await insertCode(ctx.db, {
    accountId: input.accountId,
    purpose: input.purpose,
    email: input.email,
    codeHash: hashCode(ctx, input.accountId, input.purpose, code),
    createdAt: now,
    expiresAt,
  });
  const what = PURPOSE_TEXT[input.purpose];
  await mailerFor(ctx.config).send({
    to: input.email,
    subject: `【公務入口網】${what}驗證碼 ${code}`,
    text: `您的${what}驗證碼為：${code}\n10 分鐘內有效，僅能使用一次。\n若非您本人操作，請忽略本信並通知資訊單位。\n\nYour Menhu verification code: ${code} (valid for 10 minutes, single use).`,
  });
  return expiresAt;
}

/**
 * The live code of the account for `purpose` when `code` matches it, without using it up; every
 * try counts, and a code dies after a few wrong ones.
 */
export async function checkCode(ctx: Ctx, accountId: number, purpose: CodePurpose, code: string) {
  const row = await latestCode(ctx.db, accountId, purpose, ctx.clock.now());
  if (!row) return null;
  if ((await countCodeAttempt(ctx.db, row.id)) > MAX_ATTEMPTS) return null;
  return safeEqual(row.codeHash, hashCode(ctx, accountId, purpose, code)) ? row : null;
}

/** A code of the account for `purpose`, used up when right; wrong tries count and kill it. */
async function consumeCode(ctx: Ctx, accountId: number, purpose: CodePurpose, code: string): Promise<string | null> {
  const row = await checkCode(ctx, accountId, purpose, code);
  if (!row || !(await useCode(ctx.db, row.id, ctx.clock.now()))) return null;
  return row.email;
}

/** A backup address must be the person's own mailbox: not the official domain, nor their official mail's. */
export function assertPersonalMailbox(ctx: Ctx, email: string, officialEmail: string | null, path = 'email'): void {
  const domain = email.split('@')[1]?.toLowerCase() ?? '';
  const own = officialEmail?.split('@')[1]?.toLowerCase();
  if (ctx.config.officialMailDomains.includes(domain) || domain === own)
    throw new AppError('MENHU_ERR_VALIDATION', [{ path, message: '請使用非公務信箱 (not the official mailbox)' }]);
}

export async function backupEmailStatus(ctx: Ctx, accountId: number) {
  const row = await findBackupEmail(ctx.db, accountId);
  const pending = await latestCode(ctx.db, accountId, 'bind', ctx.clock.now());
  return {
    email: row ? maskEmail(row.email) : null,
    boundAt: row?.boundAt.toISOString() ?? null,
    pending: pending ? maskEmail(pending.email) : null,
  };
}

export async function requestBinding(ctx: Ctx, auth: AuthContext, email: string, actor: Actor) {
  assertPersonalMailbox(ctx, email, auth.profile.email);
  await limitRequests(ctx, [[`mailcode:acct:${auth.accountId}`, REQUESTS_PER_WINDOW]]);
  const expiresAt = await sendCode(ctx, { accountId: auth.accountId, purpose: 'bind', email });
  await audit(ctx.db, ctx, actor, {
    action: 'backup_email.request',
    target: { type: 'account', id: auth.accountId, label: auth.account },
    after: { email: maskEmail(email) },
  });
  return { ok: true as const, expiresAt: expiresAt.toISOString() };
}

export async function confirmBinding(ctx: Ctx, auth: AuthContext, code: string, actor: Actor) {
  const email = await consumeCode(ctx, auth.accountId, 'bind', code);
  if (!email) throw new AppError('MENHU_ERR_INVALID_CODE');
  try {
    await ctx.db.transaction(async (tx) => {
      await saveBackupEmail(tx, auth.accountId, email, ctx.clock.now());
      await audit(tx, ctx, actor, {
        action: 'backup_email.bind',
        target: { type: 'account', id: auth.accountId, label: auth.account },
        after: { email: maskEmail(email) },
      });
    });
  } catch (err) {
    // Another account has this address (unique, case-insensitive).
    if (
      (err as { code?: string; cause?: { code?: string } }).code === '23505' ||
      (err as { cause?: { code?: string } }).cause?.code === '23505'
    )
      throw new AppError('MENHU_ERR_CONFLICT', [{ path: 'email', message: 'already in use' }]);
    throw err;
  }
  return { ok: true as const };
}

export async function unbindBackupEmail(ctx: Ctx, auth: AuthContext, password: string, actor: Actor) {
  await assertCurrentPassword(ctx, auth, password, actor.ip);
  await ctx.db.transaction(async (tx) => {
    await deleteBackupEmail(tx, auth.accountId);
    await audit(tx, ctx, actor, {
      action: 'backup_email.unbind',
      target: { type: 'account', id: auth.accountId, label: auth.account },
    });
  });
  return { ok: true as const };
}

/** 臨時密碼 step 1: the same answer whether or not `email` is bound. */
export async function requestTempPassword(ctx: Ctx, email: string, actor: Actor) {
  assertMethodAllowed(ctx.config, 'temp_password', actor.ip, actor.userAgent);
  const normal = email.trim().toLowerCase();
  await limitRequests(ctx, [
    [`mailcode:addr:${normal}`, REQUESTS_PER_WINDOW],
    [`mailcode:ip:${actor.ip ?? 'unknown'}`, REQUESTS_PER_WINDOW],
  ]);
  const bound = await accountByBackupEmail(ctx.db, normal);
  const expiresAt = new Date(ctx.clock.now().getTime() + CODE_TTL_MS);
  if (bound) {
    // Sent in the background: neither the time taken nor a mail failure may tell that the
    // address is bound.
    void sendCode(ctx, { accountId: bound.accountId, purpose: 'temp_password', email: normal }).catch((err: unknown) =>
      console.error('temp-password mail failed', (err as Error).message),
    );
  }
  return { ok: true as const, expiresAt: expiresAt.toISOString() };
}

/** 臨時密碼 step 2: address + code, through the same sign-in pipeline as every method. */
export async function loginWithTempPassword(
  ctx: Ctx,
  input: { email: string; code: string; previousToken: string | null },
  actor: Actor,
): Promise<SignIn> {
  assertMethodAllowed(ctx.config, 'temp_password', actor.ip, actor.userAgent);
  const normal = input.email.trim().toLowerCase();
  const bound = await accountByBackupEmail(ctx.db, normal);
  const account = await checkCredential(
    ctx,
    {
      // Lockout counts against the account when the address is bound, else against the address.
      account: bound?.account ?? normal.slice(0, 64),
      method: 'temp_password',
      verify: async (id) =>
        id !== null && bound?.accountId === id && (await consumeCode(ctx, id, 'temp_password', input.code)) !== null,
      throttleIp: actor.ip ?? 'unknown',
      failureAction: 'login.failure',
    },
    actor,
  );
  return openSession(ctx, account, { method: 'temp_password', previousToken: input.previousToken }, actor);
}
