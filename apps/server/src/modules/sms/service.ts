/**
 * SSO-5 簡訊 (SMS OTP): a mobile number bound by a code sent to it; 簡訊登入 (account + a code
 * sent to the account's number) as a first factor; the same code as a second factor after a
 * password. Codes are 6 digits, valid 5 minutes, used once, dead after 5 wrong tries, and kept
 * only as HMACs; numbers are encrypted at rest. Each message is a row written in the same
 * transaction as its code, with an outbox job that sends it after commit through the configured
 * provider (provider.ts): retryable failures retry with the outbox's backoff, permanent ones are
 * recorded and audited. Sends are throttled per account, per number and per client address.
 */
import crypto from 'node:crypto';
import { maskTwMobile, type SmsMessage } from '@menhu/contracts';
import type { Actor, Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { SecretBox, safeEqual } from '../../platform/crypto.ts';
import { AppError } from '../../platform/http/errors.ts';
import { enqueue, type OutboxHandler } from '../../platform/outbox.ts';
import { audit } from '../audit/service.ts';
import { loginWithCode, type SignIn } from '../auth/login-service.ts';
import { secondFactorsFor } from '../auth/second-factors.ts';
import { assertKeepsSecondFactor } from '../factors/service.ts';
import type { AuthContext } from '../auth/session-service.ts';
import { assertMethodAllowed } from '../auth/zones.ts';
import { smsProviderFor, type SmsProvider } from './provider.ts';
import {
  countCodeAttempt,
  deleteNumber,
  findMessage,
  findNumber,
  hasNumber,
  insertCode,
  insertMessage,
  latestCode,
  listMessages,
  numberByAccountName,
  saveNumber,
  touchNumber,
  updateMessage,
  useCode,
} from './store.ts';
import { assertCurrentPassword } from '../credentials/service.ts';
import { limitRequests, takeRequest } from '../auth/request-limits.ts';

export const SMS_CODE_TTL_MS = 5 * 60_000;
const MAX_ATTEMPTS = 5;
/** Sends per account, and per number, in the throttle window; per client address more (NAT). */
const SENDS_PER_WINDOW = 5;
const SENDS_PER_ADDRESS = 20;
/** A message is tried this many times at most, and never after its code has expired. */
const MAX_SEND_ATTEMPTS = 5;
export const SMS_JOB = 'sms.send';

type Purpose = 'bind' | 'login' | 'mfa';

const box = (ctx: Ctx) => new SecretBox(ctx.keys.factorSecrets);
const target = (auth: Pick<AuthContext, 'accountId' | 'account'>) => ({
  type: 'account',
  id: auth.accountId,
  label: auth.account,
});
const newCode = () => String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
const hmac = (ctx: Ctx, text: string) =>
  crypto.createHmac('sha256', ctx.keys.codeIndex).update(text).digest('base64url');
const hashCode = (ctx: Ctx, accountId: number, purpose: Purpose, code: string) =>
  hmac(ctx, `sms:${accountId}:${purpose}:${code.trim()}`);
/** Throttle key of a number: its HMAC, so the throttle table holds no number in clear. */
const numberKey = (ctx: Ctx, phone: string) => `sms:phone:${hmac(ctx, `sms-phone:${phone}`).slice(0, 32)}`;

const TEXT: Record<Purpose, string> = {
  bind: '綁定手機驗證碼',
  login: '簡訊登入驗證碼',
  mfa: '第二階段驗證碼',
};
const messageBody = (purpose: Purpose, code: string) =>
  `【公務入口網】${TEXT[purpose]} ${code}，5 分鐘內有效，請勿告知他人。若非本人操作請忽略。`;

/** Background sends of SMS sign-in (so timing tells nothing); tests wait for them. */
const inflight = new Set<Promise<unknown>>();
export async function smsBackgroundSettled(): Promise<void> {
  while (inflight.size) await Promise.all([...inflight]);
}

function assertEnabled(ctx: Ctx): void {
  if (!ctx.config.sms.enabled) throw new AppError('MENHU_ERR_SMS_UNAVAILABLE');
}

/**
 * Writes a new code (as an HMAC) and its message, and the outbox job that sends it, in `exec`'s
 * transaction. The body is readable only for the log provider; otherwise encrypted until sent.
 */
async function queueCode(
  ctx: Ctx,
  exec: Executor,
  input: { accountId: number; purpose: Purpose; phone: string },
): Promise<Date> {
  const code = newCode();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + SMS_CODE_TTL_MS);
  const phoneEnc = box(ctx).encrypt(input.phone);
  const phoneMasked = maskTwMobile(input.phone);
  await insertCode(exec, {
    accountId: input.accountId,
    purpose: input.purpose,
    phoneEnc,
    phoneMasked,
    codeHash: hashCode(ctx, input.accountId, input.purpose, code),
    createdAt: now,
    expiresAt,
  });
  const body = messageBody(input.purpose, code);
  const readable = ctx.config.sms.provider === 'log';
  const messageId = await insertMessage(exec, {
    accountId: input.accountId,
    purpose: input.purpose,
    provider: ctx.config.sms.provider,
    phoneEnc,
    phoneMasked,
    body: readable ? body : null,
    bodyEnc: readable ? null : box(ctx).encrypt(body),
    // Mitake's clientid (at most 36 characters): the same on every retry of this message.
    clientId: crypto.randomUUID(),
    status: 'queued',
    createdAt: now,
  });
  await enqueue(exec, now, SMS_JOB, { messageId });
  return expiresAt;
}

/** The account's newest code of `purpose`, used up when right; wrong tries count and kill it. */
async function consumeCode(ctx: Ctx, accountId: number, purpose: Purpose, code: string) {
  const now = ctx.clock.now();
  const row = await latestCode(ctx.db, accountId, purpose, now);
  if (!row) return null;
  if ((await countCodeAttempt(ctx.db, row.id)) > MAX_ATTEMPTS) return null;
  if (!safeEqual(row.codeHash, hashCode(ctx, accountId, purpose, code))) return null;
  if (!(await useCode(ctx.db, row.id, now))) return null;
  return row;
}

/** A sign-in code (first or second step) of the account's bound number, used once. */
async function checkSignInCode(ctx: Ctx, accountId: number | null, purpose: Purpose, code: string) {
  if (accountId === null || code.length > 10) return false;
  const row = await consumeCode(ctx, accountId, purpose, code);
  if (!row) return false;
  await touchNumber(ctx.db, accountId, ctx.clock.now());
  return true;
}

// ---- the outbox worker ----

/** Sends one queued message through the provider and records what happened. */
export async function deliverMessage(ctx: Ctx, messageId: number, provider: SmsProvider = smsProviderFor(ctx.config)) {
  const m = await findMessage(ctx.db, messageId);
  if (!m || m.status !== 'queued') return;
  const body = m.body ?? (m.bodyEnc ? box(ctx).decrypt(m.bodyEnc) : null);
  const attempts = m.attempts + 1;
  const result = body
    ? await provider.send({
        to: box(ctx).decrypt(m.phoneEnc),
        body,
        clientId: m.clientId,
        validSeconds: SMS_CODE_TTL_MS / 1000,
      })
    : ({ ok: false, retryable: false, code: 'no_body', message: 'nothing to send' } as const);
  const now = ctx.clock.now();
  if (result.ok) {
    await updateMessage(ctx.db, messageId, {
      status: 'sent',
      sentAt: now,
      attempts,
      providerMessageId: result.providerMessageId?.slice(0, 100) ?? null,
      errorCode: null,
      bodyEnc: null,
    });
    return;
  }
  const stale = now.getTime() - m.createdAt.getTime() >= SMS_CODE_TTL_MS;
  if (result.retryable && attempts < MAX_SEND_ATTEMPTS && !stale) {
    await updateMessage(ctx.db, messageId, { attempts, errorCode: result.code });
    // The outbox tries again with its backoff.
    throw new Error(`sms ${messageId}: ${result.code} (${result.message})`);
  }
  await ctx.db.transaction(async (tx) => {
    await updateMessage(tx, messageId, { status: 'failed', attempts, errorCode: result.code, bodyEnc: null });
    await audit(
      tx,
      ctx,
      { accountId: null, account: null, ip: null, userAgent: null },
      {
        action: 'sms.failed',
        result: 'failure',
        target: { type: 'sms_message', id: messageId, label: m.phoneMasked },
        after: {
          accountId: m.accountId,
          purpose: m.purpose,
          provider: provider.name,
          code: result.code,
          message: result.message,
          retryable: result.retryable,
          attempts,
        },
      },
    );
  });
}

export function smsHandlers(ctx: Ctx): Record<string, OutboxHandler> {
  return { [SMS_JOB]: (payload) => deliverMessage(ctx, (payload as { messageId: number }).messageId) };
}

// ---- self-service binding ----

export async function smsStatus(ctx: Ctx, accountId: number) {
  const row = await findNumber(ctx.db, accountId);
  const pending = await latestCode(ctx.db, accountId, 'bind', ctx.clock.now());
  return {
    phone: row?.phoneMasked ?? null,
    boundAt: row?.boundAt.toISOString() ?? null,
    lastUsedAt: row?.lastUsedAt?.toISOString() ?? null,
    pending: pending?.phoneMasked ?? null,
  };
}

/** Sends a binding code to `phone` (normalised). Changing a bound number asks for the password. */
export async function requestBinding(
  ctx: Ctx,
  auth: AuthContext,
  input: { phone: string; password?: string | undefined },
  actor: Actor,
) {
  assertEnabled(ctx);
  if (await hasNumber(ctx.db, auth.accountId)) {
    await assertCurrentPassword(ctx, auth, input.password, actor.ip);
  }
  await limitRequests(ctx, [
    [`sms:acct:${auth.accountId}`, SENDS_PER_WINDOW],
    [numberKey(ctx, input.phone), SENDS_PER_WINDOW],
    [`sms:ip:${actor.ip ?? 'unknown'}`, SENDS_PER_ADDRESS],
  ]);
  const expiresAt = await ctx.db.transaction(async (tx) => {
    const at = await queueCode(ctx, tx, { accountId: auth.accountId, purpose: 'bind', phone: input.phone });
    await audit(tx, ctx, actor, {
      action: 'sms.request',
      target: target(auth),
      after: { phone: maskTwMobile(input.phone) },
    });
    return at;
  });
  return { ok: true as const, expiresAt: expiresAt.toISOString() };
}

export async function confirmBinding(ctx: Ctx, auth: AuthContext, code: string, actor: Actor) {
  const row = await consumeCode(ctx, auth.accountId, 'bind', code);
  if (!row) throw new AppError('MENHU_ERR_INVALID_CODE');
  await ctx.db.transaction(async (tx) => {
    await saveNumber(tx, {
      accountId: auth.accountId,
      phoneEnc: row.phoneEnc,
      phoneMasked: row.phoneMasked,
      boundAt: ctx.clock.now(),
    });
    await audit(tx, ctx, actor, { action: 'sms.bind', target: target(auth), after: { phone: row.phoneMasked } });
  });
  return { ok: true as const };
}

/** Removes the number after re-authentication; refused when it is the last required second factor. */
export async function unbindNumber(ctx: Ctx, auth: AuthContext, password: string, actor: Actor) {
  await assertCurrentPassword(ctx, auth, password, actor.ip);
  const row = await findNumber(ctx.db, auth.accountId);
  if (!row) throw new AppError('MENHU_ERR_SMS_NOT_BOUND');
  await assertKeepsSecondFactor(ctx, auth, { kind: 'sms' });
  await ctx.db.transaction(async (tx) => {
    await deleteNumber(tx, auth.accountId);
    await audit(tx, ctx, actor, { action: 'sms.unbind', target: target(auth), after: { phone: row.phoneMasked } });
  });
  return { ok: true as const };
}

// ---- 簡訊登入 (first factor) ----

async function sendLoginCode(ctx: Ctx, name: string): Promise<void> {
  if (!ctx.config.sms.enabled) return;
  const bound = await numberByAccountName(ctx.db, name);
  if (!bound || bound.status !== 'active') return;
  const phone = box(ctx).decrypt(bound.phoneEnc);
  // Over the number's limit: nothing is sent, and the answer (already given) said nothing.
  if (!(await takeRequest(ctx, [[numberKey(ctx, phone), SENDS_PER_WINDOW]])).ok) return;
  await ctx.db.transaction((tx) => queueCode(ctx, tx, { accountId: bound.accountId, purpose: 'login', phone }));
}

/** Step 1: the same answer whether or not the account exists or has a number. */
export async function requestLoginCode(ctx: Ctx, account: string, actor: Actor) {
  assertMethodAllowed(ctx.config, 'sms', actor.ip, actor.userAgent);
  const name = account.trim().toLowerCase();
  await limitRequests(ctx, [
    [`sms:name:${name.slice(0, 64)}`, SENDS_PER_WINDOW],
    [`sms:ip:${actor.ip ?? 'unknown'}`, SENDS_PER_ADDRESS],
  ]);
  const expiresAt = new Date(ctx.clock.now().getTime() + SMS_CODE_TTL_MS);
  // In the background: neither the time taken nor a failure may tell whether a message went out.
  const job = sendLoginCode(ctx, name)
    .catch((err: unknown) => console.error('sms login code failed', (err as Error).message))
    .finally(() => inflight.delete(job));
  inflight.add(job);
  return { ok: true as const, expiresAt: expiresAt.toISOString() };
}

/** Step 2: account + code, through the same sign-in pipeline as every method. */
export function loginWithSms(
  ctx: Ctx,
  input: { account: string; code: string; previousToken: string | null },
  actor: Actor,
): Promise<SignIn> {
  return loginWithCode(ctx, 'sms', (id, code) => checkSignInCode(ctx, id, 'login', code), input, actor);
}

// ---- the second step ----

/** Whether the account can receive a second-step code now. */
export async function smsFactorBound(ctx: Ctx, accountId: number): Promise<boolean> {
  return ctx.config.sms.enabled && hasNumber(ctx.db, accountId);
}

export function checkMfaCode(ctx: Ctx, accountId: number | null, code: string): Promise<boolean> {
  return checkSignInCode(ctx, accountId, 'mfa', code);
}

/** Sends a second-step code from an MFA-pending session whose choices include 簡訊. */
export async function sendMfaCode(ctx: Ctx, auth: AuthContext, actor: Actor) {
  if (auth.restriction !== 'mfa')
    throw new AppError('MENHU_ERR_VALIDATION', [{ path: 'session', message: 'not pending' }]);
  if (!(await secondFactorsFor(ctx, auth.accountId, auth.method)).includes('sms'))
    throw new AppError('MENHU_ERR_SMS_NOT_BOUND');
  const row = (await findNumber(ctx.db, auth.accountId))!;
  const phone = box(ctx).decrypt(row.phoneEnc);
  await limitRequests(ctx, [
    [`sms:acct:${auth.accountId}`, SENDS_PER_WINDOW],
    [numberKey(ctx, phone), SENDS_PER_WINDOW],
    [`sms:ip:${actor.ip ?? 'unknown'}`, SENDS_PER_ADDRESS],
  ]);
  const expiresAt = await ctx.db.transaction((tx) =>
    queueCode(ctx, tx, { accountId: auth.accountId, purpose: 'mfa', phone }),
  );
  return { ok: true as const, expiresAt: expiresAt.toISOString(), phone: row.phoneMasked };
}

// ---- 簡訊發送紀錄 (system administrators) ----

export async function listSmsMessages(ctx: Ctx, page: number, pageSize: number) {
  const { rows, total } = await listMessages(ctx.db, pageSize, (page - 1) * pageSize);
  const items: SmsMessage[] = rows.map((m) => ({
    id: m.id,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
    to: m.phoneMasked,
    purpose: m.purpose,
    provider: m.provider,
    body: m.body,
    status: m.status as SmsMessage['status'],
    providerMessageId: m.providerMessageId,
    errorCode: m.errorCode,
    attempts: m.attempts,
  }));
  return { items, total, page, pageSize };
}
