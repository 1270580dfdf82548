/**
 * SSO-5 行動自然人憑證 sign-in (method 'mobile_moica'): the person gives the ID number, TW FidO
 * pushes a request to the App, the person approves with PIN or biometrics, the portal checks the
 * signed answer and opens a session. Two factors by itself (mfa-policy: amr mca, acr loa:2).
 *
 * No enumeration: the start answers the same, at the same speed, whether or not an account has
 * the ID number — the push is sent after the answer, and for an unknown number (or a push TW FidO
 * refuses) the transaction just stays pending until it expires.
 *
 * The same transactions prove identity for SSO-9 開通帳號 / 忘記密碼 (purpose activate / reset,
 * modules/recovery): started by startTransaction with the recovery's own account check, polled by
 * pollTransaction; on approval the recovery side turns the row into a ticket instead of a session.
 * A transaction answers only the polls of its own purpose.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { MobileMoicaStarted, MobileMoicaStatus, RecoveryPurpose } from '@menhu/contracts';
import type { Actor, Ctx } from '../../platform/context.ts';
import type { Config } from '../../config.ts';
import { randomToken, safeEqual, sha256 } from '../../platform/crypto.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit } from '../audit/service.ts';
import { checkCredential, openSession } from '../auth/login-service.ts';
import { insertLoginRecord } from '../auth/login-record-store.ts';
import { assertMethodAllowed } from '../auth/zones.ts';
import {
  accountName,
  claimPoll,
  consumeTransaction,
  findAccountByIdIndex,
  findTransaction,
  insertTransaction,
  moveTransaction,
  type MobileMoicaRow,
} from './store.ts';
import { TwFidoClient, TwFidoError, type PollResult } from './twfido-client.ts';
import { limitRequests } from '../auth/request-limits.ts';

/** Public TW FidO clients poll every 4 s (moda-gov-tw/tw-did passport-twfido); we do no more often. */
export const TWFIDO_POLL_INTERVAL_MS = 4000;
/** The login page asks the portal this often; the portal answers from its row in between. */
export const PAGE_POLL_INTERVAL_MS = 2000;
/** Pushes per ID number and per address in the throttle window (push fatigue, spraying). */
export const PUSHES_PER_ID = 5;
export const PUSHES_PER_ADDRESS = 20;
export type MobileMoicaPurpose = 'login' | RecoveryPurpose;
const HINTS: Record<MobileMoicaPurpose, string> = {
  login: 'Menhu 公務入口網登入',
  activate: 'Menhu 公務入口網開通帳號',
  reset: 'Menhu 公務入口網重設密碼',
};

const clients = new WeakMap<Config, TwFidoClient>();
function twfido(ctx: Ctx): TwFidoClient {
  const cfg = ctx.config.twfido;
  if (!cfg) throw new AppError('MENHU_ERR_MOBILE_MOICA_UNAVAILABLE');
  let c = clients.get(ctx.config);
  if (!c) {
    c = new TwFidoClient({
      url: cfg.url,
      serviceId: cfg.serviceId,
      key: cfg.key,
      now: () => ctx.clock.now(),
      trustedIssuers: cfg.caFile ? readCertificates(cfg.caFile) : [],
    });
    clients.set(ctx.config, c);
  }
  return c;
}

/** Every certificate in a PEM bundle. */
export function readCertificates(file: string): crypto.X509Certificate[] {
  const pem = fs.readFileSync(file, 'utf8');
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/gu) ?? [];
  if (!blocks.length) throw new Error(`${file}: no certificate`);
  return blocks.map((b) => new crypto.X509Certificate(b));
}

/** Pushes sent after the answer; tests await them with settlePushes(). */
const inflight = new Set<Promise<void>>();
export async function settlePushes(): Promise<void> {
  while (inflight.size) await Promise.all([...inflight]);
}

export interface Started {
  handle: string;
  browserSecret: string;
  body: MobileMoicaStarted;
}

export async function startMobileMoica(ctx: Ctx, idNumber: string, actor: Actor): Promise<Started> {
  return startTransaction(
    ctx,
    {
      idNumber,
      purpose: 'login',
      find: (index) => findAccountByIdIndex(ctx.db, index),
      auditAs: (transaction) => ({ action: 'mobile_moica.push', after: { transaction } }),
    },
    actor,
  );
}

/**
 * Starts a transaction: throttled per address and per ID number (one budget for every purpose),
 * the push only for the account `find` accepts, the answer the same either way.
 */
export async function startTransaction(
  ctx: Ctx,
  input: {
    idNumber: string;
    purpose: MobileMoicaPurpose;
    /** The account the push is for, given the ID number's blind index; none: no push. */
    find: (index: string) => Promise<{ id: number; account: string } | undefined>;
    /** The audit entry written with the transaction when a push goes out. */
    auditAs: (transaction: string) => { action: string; after: Record<string, unknown> };
  },
  actor: Actor,
): Promise<Started> {
  const { idNumber } = input;
  // Recovery offers it only where TW FidO is set up (the sign-in checks the method list first).
  if (input.purpose !== 'login' && !ctx.config.twfido) throw new AppError('MENHU_ERR_MOBILE_MOICA_UNAVAILABLE');
  assertMethodAllowed(ctx.config, 'mobile_moica', actor.ip, actor.userAgent);
  const cfg = ctx.config.twfido;
  if (!cfg) throw new AppError('MENHU_ERR_MOBILE_MOICA_UNAVAILABLE');
  const index = ctx.cipher.index(idNumber);
  await limitRequests(ctx, [
    [`mmca-ip:${actor.ip ?? 'unknown'}`, PUSHES_PER_ADDRESS],
    [`mmca-id:${index}`, PUSHES_PER_ID],
  ]);

  const now = ctx.clock.now();
  const account = await input.find(index);
  const handle = randomToken(32);
  const browserSecret = randomToken(32);
  const expiresAt = new Date(now.getTime() + cfg.timeLimitSeconds * 1000);
  const row = {
    handleHash: sha256(handle),
    browserHash: sha256(browserSecret),
    accountId: account?.id ?? null,
    idNumberEnc: account ? ctx.cipher.encrypt(idNumber) : null,
    twfidoTransactionId: crypto.randomUUID(),
    spTicketId: null,
    challenge: crypto.randomBytes(32).toString('base64'),
    status: account ? 'sending' : 'pending',
    purpose: input.purpose,
    createdAt: now,
    expiresAt,
    nextPollAt: now,
  } satisfies MobileMoicaRow;
  await ctx.db.transaction(async (tx) => {
    await insertTransaction(tx, row);
    if (account)
      await audit(
        tx,
        ctx,
        // Recovery is done for the account (as with the e-mail code); a sign-in push by whoever asks.
        input.purpose === 'login' ? actor : { ...actor, accountId: account.id, account: account.account },
        {
          ...input.auditAs(row.twfidoTransactionId),
          target: { type: 'account', id: account.id, label: account.account },
        },
      );
  });
  if (account) {
    const p = sendPush(ctx, row, idNumber, actor).finally(() => inflight.delete(p));
    inflight.add(p);
  }
  return {
    handle,
    browserSecret,
    body: {
      id: handle,
      expiresAt: expiresAt.toISOString(),
      timeLimitSeconds: cfg.timeLimitSeconds,
      pollIntervalMs: PAGE_POLL_INTERVAL_MS,
    },
  };
}

async function sendPush(ctx: Ctx, row: MobileMoicaRow, idNum: string, actor: Actor): Promise<void> {
  try {
    const { spTicketId } = await twfido(ctx).requestPush({
      transactionId: row.twfidoTransactionId,
      idNum,
      hint: HINTS[row.purpose as MobileMoicaPurpose] ?? HINTS.login,
      timeLimit: ctx.config.twfido!.timeLimitSeconds,
      challenge: Buffer.from(row.challenge, 'base64'),
    });
    await moveTransaction(ctx.db, row.handleHash, ['sending'], { status: 'pending', spTicketId });
  } catch (e) {
    // Refused or failed push: the browser is not told (it would say the ID number has an
    // account); the transaction runs out like one for an unknown number. Operators see why here.
    await moveTransaction(ctx.db, row.handleHash, ['sending'], { status: 'unsent' }).catch(() => false);
    const reason =
      e instanceof TwFidoError ? `twfido_push_${e.kind}${e.apiCode ? `_${e.apiCode}` : ''}` : 'twfido_push_error';
    await recordFailure(ctx, row, reason, actor).catch(() => undefined);
  }
}

async function recordFailure(ctx: Ctx, row: MobileMoicaRow, reason: string, actor: Actor): Promise<void> {
  if (row.accountId === null) return;
  const name = await accountName(ctx.db, row.accountId);
  if (row.purpose !== 'login') {
    await audit(
      ctx.db,
      ctx,
      { ...actor, accountId: row.accountId, account: name },
      {
        action: 'recovery.verify',
        result: 'failure',
        target: { type: 'account', id: row.accountId, label: name },
        after: { purpose: row.purpose, via: 'mobile_moica', reason, transaction: row.twfidoTransactionId },
      },
    );
    return;
  }
  await ctx.db.transaction(async (tx) => {
    await insertLoginRecord(tx, {
      at: ctx.clock.now(),
      accountId: row.accountId,
      accountName: name,
      method: 'mobile_moica',
      success: false,
      reason,
      ip: actor.ip,
      userAgent: actor.userAgent?.slice(0, 400) ?? null,
    });
    await audit(
      tx,
      ctx,
      { ...actor, accountId: row.accountId, account: name },
      {
        action: 'login.failure',
        result: 'failure',
        target: { type: 'account', id: row.accountId!, label: name },
        after: { method: 'mobile_moica', reason, transaction: row.twfidoTransactionId },
      },
    );
  });
}

export interface Polled {
  body: MobileMoicaStatus;
  /** Set when the sign-in completed: the new session's token for the cookie. */
  token: string | null;
}

/** What a poll found: a state to show, or (fresh) TW FidO's verified approval just now. */
export type PollOutcome =
  | { status: 'pending' | 'rejected' | 'expired' | 'failed'; row: MobileMoicaRow }
  | { status: 'approved'; row: MobileMoicaRow; certificate: crypto.X509Certificate | null };

/**
 * The page's poll. Only the browser that started the transaction gets an answer (handle and
 * binding cookie), and only on the route of the transaction's purpose; everything else is 404,
 * the same as a handle that never existed. 'approved' with a certificate: just approved and
 * verified, not yet used — the caller completes it (single use: only one request may).
 * 'approved' without one: a recovery ticket issued before (the row's expiresAt is the ticket's).
 */
export async function pollTransaction(
  ctx: Ctx,
  input: { handle: string; browserSecret: string | null },
  purposes: readonly MobileMoicaPurpose[],
  actor: Actor,
): Promise<PollOutcome> {
  const row = await findTransaction(ctx.db, sha256(input.handle));
  if (
    !row ||
    !purposes.includes(row.purpose as MobileMoicaPurpose) ||
    !input.browserSecret ||
    !safeEqual(row.browserHash, sha256(input.browserSecret))
  )
    throw new AppError('MENHU_ERR_NOT_FOUND');
  const now = ctx.clock.now();
  if (row.status === 'approved')
    return now < row.expiresAt ? { status: 'approved', row, certificate: null } : { status: 'expired', row };
  if (row.status === 'rejected' || row.status === 'expired' || row.status === 'failed')
    return { status: row.status, row };
  if (now >= row.expiresAt) {
    if (await moveTransaction(ctx.db, row.handleHash, ['sending', 'pending', 'unsent'], { status: 'expired' }))
      if (row.status !== 'unsent') await recordFailure(ctx, row, 'expired', actor);
    return { status: 'expired', row };
  }
  if (row.accountId === null || row.status !== 'pending' || !row.spTicketId) return { status: 'pending', row };
  if (!(await claimPoll(ctx.db, row.handleHash, now, new Date(now.getTime() + TWFIDO_POLL_INTERVAL_MS))))
    return { status: 'pending', row };

  let result: PollResult;
  try {
    result = await twfido(ctx).poll({
      transactionId: row.twfidoTransactionId,
      spTicketId: row.spTicketId,
      idNum: ctx.cipher.decrypt(row.idNumberEnc!),
      challenge: Buffer.from(row.challenge, 'base64'),
    });
  } catch (e) {
    if (!(e instanceof TwFidoError)) throw e;
    // Transient trouble reaching TW FidO: ask again at the next interval.
    if (e.kind === 'timeout' || e.kind === 'unreachable' || e.kind === 'api_error') return { status: 'pending', row };
    // An answer that fails its checksum, signature or ID check is never believed.
    if (await moveTransaction(ctx.db, row.handleHash, ['pending'], { status: 'failed' }))
      await recordFailure(ctx, row, `twfido_${e.kind}`, actor);
    return { status: 'failed', row };
  }
  if (result.status === 'requesting') return { status: 'pending', row };
  if (result.status === 'reject' || result.status === 'expire') {
    const status = result.status === 'reject' ? 'rejected' : 'expired';
    if (await moveTransaction(ctx.db, row.handleHash, ['pending'], { status }))
      await recordFailure(ctx, row, status, actor);
    return { status, row };
  }
  if (result.status !== 'success') return { status: 'pending', row };
  return { status: 'approved', row, certificate: result.certificate };
}

const answer = (status: MobileMoicaStatus['status'], row: MobileMoicaRow | null): Polled => ({
  body: { status, expiresAt: row && status === 'pending' ? row.expiresAt.toISOString() : null, session: null },
  token: null,
});

/** The sign-in page's poll: on approval, the session. */
export async function pollMobileMoica(
  ctx: Ctx,
  input: { handle: string; browserSecret: string | null; previousToken: string | null },
  actor: Actor,
): Promise<Polled> {
  const polled = await pollTransaction(ctx, input, ['login'], actor);
  if (polled.status !== 'approved' || !polled.certificate) return answer(polled.status, polled.row);
  const { row, certificate } = polled;
  // Approved and verified. Single use: only the request that deletes the row goes on.
  if (!(await consumeTransaction(ctx.db, row.handleHash))) throw new AppError('MENHU_ERR_NOT_FOUND');
  const extra = { transaction: row.twfidoTransactionId, certSerial: certificate.serialNumber };
  const account = await checkCredential(
    ctx,
    {
      account: await accountName(ctx.db, row.accountId!),
      method: 'mobile_moica',
      verify: async (id) => id === row.accountId,
      throttleIp: actor.ip ?? 'unknown',
      failureAction: 'login.failure',
      auditExtra: extra,
    },
    actor,
  );
  const signIn = await openSession(
    ctx,
    account,
    { method: 'mobile_moica', previousToken: input.previousToken, extraAudit: extra },
    actor,
  );
  return { body: { status: 'approved', expiresAt: null, session: signIn.body }, token: signIn.token };
}
