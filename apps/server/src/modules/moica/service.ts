/**
 * SSO-5 實體自然人憑證: challenges, binding a card certificate to the signed-in account (the
 * account's ID number must end with the certificate's four digits), sign-in with a bound card
 * (the shared checkCredential pipeline, then a full session: the card is two factors by itself),
 * unbinding with the password. Verification itself is in verify.ts.
 */
import crypto from 'node:crypto';
import type { MoicaBinding, MoicaChallenge } from '@menhu/contracts';
import type { Config } from '../../config.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit } from '../audit/service.ts';
import { checkCredential, openSession, type SignIn } from '../auth/login-service.ts';
import type { AuthContext } from '../auth/session-service.ts';
import { assertKeepsSecondFactor } from '../factors/service.ts';
import { assertMethodAllowed } from '../auth/zones.ts';
import {
  consumeChallenge,
  deleteBinding,
  findBinding,
  findBindingByFingerprint,
  insertBinding,
  insertChallenge,
  listBindings,
  touchBinding,
  type MoicaBindingRow,
} from './store.ts';
import {
  MoicaError,
  RevocationCache,
  httpFetcher,
  loadAnchors,
  peekSignature,
  verifyMoicaSignature,
  type Fetcher,
  type MoicaFailure,
  type VerifiedSignature,
} from './verify.ts';
import type { x509 } from './x509.ts';
import { assertCurrentPassword } from '../credentials/service.ts';
import { limitRequests } from '../auth/request-limits.ts';

export const CHALLENGE_TTL_MS = 5 * 60_000;
/** Challenges one client address may ask for per throttle window (each is a stored row). */
export const CHALLENGES_PER_WINDOW = 60;

const sha256 = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('base64url');

// ---------------------------------------------------------------- per-node runtime

interface Runtime {
  anchors: x509.X509Certificate[] | null;
  cache: RevocationCache;
  fetcher: Fetcher;
}
const runtimes = new WeakMap<Config, Runtime>();

/** This node's trust anchors (loaded once), revocation cache and fetcher, per configuration. */
export function moicaRuntime(ctx: Pick<Ctx, 'config'>): Runtime {
  let rt = runtimes.get(ctx.config);
  if (!rt) {
    rt = { anchors: null, cache: new RevocationCache(), fetcher: httpFetcher(ctx.config.moica.revocationTimeoutMs) };
    runtimes.set(ctx.config, rt);
  }
  rt.anchors ??= loadAnchors(ctx.config.moica.trustAnchors);
  return rt;
}

// ---------------------------------------------------------------- challenges

export async function issueChallenge(
  ctx: Ctx,
  purpose: 'login' | 'bind',
  accountId: number | null,
  ip: string | null = null,
): Promise<MoicaChallenge> {
  await limitRequests(ctx, [[`moica:challenge:${ip ?? 'unknown'}`, CHALLENGES_PER_WINDOW]]);
  const challengeId = crypto.randomBytes(32).toString('base64url');
  const challenge = crypto.randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
  await insertChallenge(ctx.db, {
    idHash: sha256(challengeId),
    challengeHash: sha256(challenge),
    purpose,
    accountId,
    createdAt: now,
    expiresAt,
  });
  return { challengeId, challenge, expiresAt: expiresAt.toISOString() };
}

type Outcome =
  | { ok: true; v: VerifiedSignature; fingerprint: string }
  | { ok: false; reason: MoicaFailure; fingerprint: string | null };

/**
 * Uses up the challenge (whatever follows: a challenge is good for one try) and verifies the
 * signature against it. Unknown, used, expired or another account's challenge → 400.
 */
async function verifyAgainstChallenge(
  ctx: Ctx,
  input: { challengeId: string; signature: string; certificate?: string | undefined },
  purpose: 'login' | 'bind',
  accountId: number | null,
): Promise<Outcome> {
  const now = ctx.clock.now();
  const row = await consumeChallenge(ctx.db, sha256(input.challengeId), purpose, now);
  if (!row || row.accountId !== accountId) throw new AppError('MENHU_ERR_MOICA_CHALLENGE');
  const peek = peekSignature(input.signature, input.certificate);
  if (!peek) return { ok: false, reason: 'malformed', fingerprint: null };
  // The stored challenge is only a hash: the signed nonce must hash to it.
  if (peek.nonce === null || sha256(peek.nonce) !== row.challengeHash)
    return { ok: false, reason: 'nonce', fingerprint: peek.fingerprint };
  const rt = moicaRuntime(ctx);
  const m = ctx.config.moica;
  try {
    const v = await verifyMoicaSignature(input.signature, {
      certificate: input.certificate,
      challenge: peek.nonce,
      now,
      anchors: rt.anchors ?? [],
      fetcher: rt.fetcher,
      cache: rt.cache,
      signingSkewMs: m.signingSkewMs,
      ocspGoodTtlMs: m.ocspGoodTtlMs,
      crlMaxTtlMs: m.crlMaxTtlMs,
    });
    return { ok: true, v, fingerprint: v.fingerprint };
  } catch (err) {
    if (err instanceof MoicaError) return { ok: false, reason: err.reason, fingerprint: peek.fingerprint };
    throw err;
  }
}

// ---------------------------------------------------------------- presentation

/** TP03********2345 (or the certificate serial, masked the same way). */
export function maskSerial(serial: string): string {
  if (serial.length <= 8) return `${serial.slice(0, 2)}****`;
  return `${serial.slice(0, 4)}${'*'.repeat(serial.length - 8)}${serial.slice(-4)}`;
}

function present(row: MoicaBindingRow): MoicaBinding {
  return {
    id: row.id,
    subjectCn: row.subjectCn,
    cardSerial: row.cardSerial ? maskSerial(row.cardSerial) : null,
    notAfter: row.notAfter.toISOString(),
    boundAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

export async function moicaBindings(ctx: Ctx, accountId: number): Promise<{ items: MoicaBinding[] }> {
  return { items: (await listBindings(ctx.db, accountId)).map(present) };
}

/**
 * For the unified factor list (登入安全): one entry per bound card. `id` tells cards apart when
 * removing one; a card is two factors by itself, so it counts as a second factor wherever card
 * sign-in is offered.
 */
/** The account's cards for the 登入安全 list (modules/factors). */
export async function factorSummary(ctx: Ctx, accountId: number) {
  const usable = ctx.config.loginMethods.includes('moica');
  return (await listBindings(ctx.db, accountId)).map((row) => ({
    kind: 'moica' as const,
    id: String(row.id),
    label: `${row.subjectCn} ${maskSerial(row.cardSerial ?? row.serialNumber.toUpperCase())}`,
    boundAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    secondFactor: usable,
  }));
}

// ---------------------------------------------------------------- binding

const target = (auth: AuthContext) => ({ type: 'account', id: auth.accountId, label: auth.account });

export async function bindMoica(
  ctx: Ctx,
  auth: AuthContext,
  input: { challengeId: string; signature: string; certificate?: string | undefined },
  actor: Actor,
): Promise<MoicaBinding> {
  const outcome = await verifyAgainstChallenge(ctx, input, 'bind', auth.accountId);
  const refuse = async (
    reason: string,
    code: 'MENHU_ERR_MOICA_INVALID' | 'MENHU_ERR_MOICA_ID_MISMATCH' | 'MENHU_ERR_MOICA_UNAVAILABLE',
    extra = {},
  ) => {
    await audit(ctx.db, ctx, actor, {
      action: 'moica.bind_refused',
      result: 'failure',
      target: target(auth),
      after: { reason, fingerprint: outcome.fingerprint?.slice(0, 16) ?? null, ...extra },
    });
    throw new AppError(code, { reason });
  };
  if (!outcome.ok)
    return refuse(
      outcome.reason,
      outcome.reason === 'revocation_unavailable' ? 'MENHU_ERR_MOICA_UNAVAILABLE' : 'MENHU_ERR_MOICA_INVALID',
    );
  const { v } = outcome;
  // The certificate must be the account holder's: the ID number on file ends with its four digits.
  const last4 = auth.profile.idNumberLast4?.toUpperCase() ?? null;
  if (!last4 || !v.idTail || last4 !== v.idTail)
    return refuse('id_mismatch', 'MENHU_ERR_MOICA_ID_MISMATCH', { subject: v.subjectCn });
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await insertBinding(tx, {
        accountId: auth.accountId,
        issuerKeyId: v.issuerKeyId,
        serialNumber: v.serialNumber,
        fingerprint: v.fingerprint,
        subjectCn: v.subjectCn.slice(0, 200),
        cardSerial: v.cardSerial?.slice(0, 64) ?? null,
        notAfter: v.notAfter,
        createdAt: ctx.clock.now(),
      });
      await audit(tx, ctx, actor, {
        action: 'moica.bind',
        target: target(auth),
        after: { binding: row.id, subject: v.subjectCn, fingerprint: v.fingerprint.slice(0, 16) },
      });
      return present(row);
    });
  } catch (err) {
    const code =
      (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    // One certificate binds one account.
    if (code === '23505') throw new AppError('MENHU_ERR_CONFLICT', [{ path: 'certificate', message: 'already bound' }]);
    throw err;
  }
}

/** Removes a binding after the password is confirmed (the card is a first-factor method). */
export async function unbindMoica(
  ctx: Ctx,
  auth: AuthContext,
  id: number,
  password: string,
  actor: Actor,
): Promise<void> {
  await assertCurrentPassword(ctx, auth, password, actor.ip);
  if (!(await findBinding(ctx.db, auth.accountId, id))) throw new AppError('MENHU_ERR_NOT_FOUND');
  // The card counts as two factors: where the role requires a second factor, the last one of
  // the account (another card, an authenticator app …) must stay (MENHU_ERR_LAST_FACTOR).
  await assertKeepsSecondFactor(ctx, auth, { kind: 'moica', id: String(id) });
  await ctx.db.transaction(async (tx) => {
    const row = await deleteBinding(tx, auth.accountId, id);
    if (!row) throw new AppError('MENHU_ERR_NOT_FOUND');
    await audit(tx, ctx, actor, {
      action: 'moica.unbind',
      target: target(auth),
      after: { binding: row.id, subject: row.subjectCn, fingerprint: row.fingerprint.slice(0, 16) },
    });
  });
}

// ---------------------------------------------------------------- sign-in

/**
 * 實體自然人憑證 sign-in. Every refusal after the challenge (bad signature, untrusted, revoked,
 * unbound) is the same 401 through checkCredential — counted against the bound account when the
 * certificate is bound, else against a name derived from the certificate — and audited with its
 * reason. Revocation status unavailable is said (503): it tells nothing about any account.
 */
export async function loginWithMoica(
  ctx: Ctx,
  input: { challengeId: string; signature: string; certificate?: string | undefined; previousToken: string | null },
  actor: Actor,
): Promise<SignIn> {
  assertMethodAllowed(ctx.config, 'moica', actor.ip, actor.userAgent);
  const outcome = await verifyAgainstChallenge(ctx, input, 'login', null);
  const bound = outcome.fingerprint ? await findBindingByFingerprint(ctx.db, outcome.fingerprint) : undefined;
  const reason = outcome.ok ? (bound ? null : 'unbound') : outcome.reason;
  const name = bound?.account ?? `moica:${outcome.fingerprint?.slice(0, 16) ?? 'unreadable'}`;
  let account;
  try {
    account = await checkCredential(
      ctx,
      {
        account: name,
        method: 'moica',
        verify: async (id) => reason === null && bound !== undefined && id === bound.binding.accountId,
        throttleIp: actor.ip ?? 'unknown',
        failureAction: 'login.failure',
        auditExtra: { moica: reason ?? 'ok', ...(outcome.ok ? { subject: outcome.v.subjectCn } : {}) },
      },
      actor,
    );
  } catch (err) {
    if (reason === 'revocation_unavailable' && err instanceof AppError && err.code === 'MENHU_ERR_INVALID_CREDENTIALS')
      throw new AppError('MENHU_ERR_MOICA_UNAVAILABLE');
    throw err;
  }
  await touchBinding(ctx.db, bound!.binding.id, ctx.clock.now());
  return openSession(
    ctx,
    account,
    {
      method: 'moica',
      previousToken: input.previousToken,
      extraAudit: { certificate: outcome.fingerprint!.slice(0, 16), binding: bound!.binding.id },
    },
    actor,
  );
}
