/**
 * SSO-5 手機掃碼登入 (phone as a key, like TAIPEION). A phone signed in with two factors binds a
 * device key (ECDSA P-256, private key non-extractable in the phone's browser); the desktop's
 * login page asks for a one-time challenge (the QR holds only its id; its secret stays in the
 * desktop's HttpOnly cookie); the bound phone sees who asks and signs its decision; the desktop
 * redeems the approved challenge once, through the shared sign-in pipeline. All state is in the
 * database, so any node can serve any step.
 */
import crypto from 'node:crypto';
import {
  describeAgent,
  qrApprovalMessage,
  qrUnbindMessage,
  type QrChallenge,
  type QrChallengeInfo,
  type QrDecision,
  type QrDevice,
  type QrDeviceBind,
  type QrPublicJwk,
  type QrStatus,
} from '@menhu/contracts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit } from '../audit/service.ts';
import { findAccountById } from '../accounts/store.ts';
import { addressFailed, addressKey } from '../auth/lockout.ts';
import { checkCredential, openSession, type SignIn } from '../auth/login-service.ts';
import { satisfiesMfaAlone } from '../auth/mfa-policy.ts';
import { assertKeepsSecondFactor } from '../factors/service.ts';
import type { AuthContext } from '../auth/session-service.ts';
import { assertMethodAllowed, zoneOf } from '../auth/zones.ts';
import {
  countDevices,
  decideChallenge,
  deleteDevice,
  findChallenge,
  findDevice,
  insertChallenge,
  insertDevice,
  listDevices,
  redeemChallenge,
  renameDevice,
  touchDevice,
  type QrChallengeRow,
  type QrDeviceRow,
} from './store.ts';
import { assertCurrentPassword } from '../credentials/service.ts';
import { limitRequests } from '../auth/request-limits.ts';
import { readThrottle } from '../auth/throttle-store.ts';

/** A challenge lives two minutes; an approved one may still be redeemed this long after. */
export const CHALLENGE_TTL_MS = 120_000;
export const REDEEM_GRACE_MS = 30_000;
/** Challenges one address may ask for per minute (the login page asks for one per 2 minutes). */
export const CHALLENGES_PER_MINUTE = 30;
export const MAX_DEVICES = 10;

const idHash = (challengeId: string) => sha256(`qr-id:${challengeId}`);
const secretHash = (secret: string) => sha256(`qr-secret:${secret}`);

function presentDevice(d: QrDeviceRow): QrDevice {
  return {
    id: d.id,
    name: d.name,
    createdAt: d.createdAt.toISOString(),
    lastUsedAt: d.lastUsedAt?.toISOString() ?? null,
  };
}

/** Whether a signature (IEEE P1363 r‖s, as WebCrypto makes it, base64url) is the device key's over `message`. */
export function verifyDeviceSignature(jwk: unknown, message: string, signature: string): boolean {
  try {
    const key = crypto.createPublicKey({ key: jwk as crypto.JsonWebKey, format: 'jwk' });
    return crypto.verify(
      'sha256',
      Buffer.from(message, 'utf8'),
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
  } catch {
    return false;
  }
}

/** 429 while the address is throttled for failed sign-ins (the shared per-address counter). */
async function assertAddressOpen(ctx: Ctx, ip: string | null): Promise<void> {
  if (ip === null) return;
  const row = (await readThrottle(ctx.db, [addressKey(ip)])).get(addressKey(ip));
  const { ipMaxFailures, ipWindowMs } = ctx.config.lockout;
  const now = ctx.clock.now().getTime();
  if (row && row.failures >= ipMaxFailures && row.windowStartedAt.getTime() + ipWindowMs > now) {
    const retry = Math.ceil((row.windowStartedAt.getTime() + ipWindowMs - now) / 1000);
    throw new AppError('MENHU_ERR_THROTTLED', undefined, { 'retry-after': String(Math.max(1, retry)) });
  }
}

// ---- devices (self-service) ----

/** Whether a session was opened with two factors (or one that counts as two). */
export function sessionHasSecondFactor(method: string): boolean {
  const factors = method.split('+');
  return factors.length >= 2 || factors.some(satisfiesMfaAlone);
}

export async function listQrDevices(ctx: Ctx, accountId: number): Promise<QrDevice[]> {
  return (await listDevices(ctx.db, accountId)).map(presentDevice);
}

export async function bindDevice(ctx: Ctx, auth: AuthContext, input: QrDeviceBind, actor: Actor): Promise<QrDevice> {
  if (!sessionHasSecondFactor(auth.method)) throw new AppError('MENHU_ERR_QR_SECOND_FACTOR_REQUIRED');
  const publicKey: QrPublicJwk = { kty: 'EC', crv: 'P-256', x: input.publicKey.x, y: input.publicKey.y };
  try {
    crypto.createPublicKey({ key: publicKey, format: 'jwk' });
  } catch {
    throw new AppError('MENHU_ERR_VALIDATION', [{ path: 'publicKey', message: 'not a P-256 public key' }]);
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    if ((await countDevices(tx, auth.accountId)) >= MAX_DEVICES)
      throw new AppError('MENHU_ERR_CONFLICT', [{ path: 'devices', message: `at most ${MAX_DEVICES} phones` }]);
    const row = await insertDevice(tx, {
      id: randomToken(16),
      accountId: auth.accountId,
      name: input.name,
      publicKey,
      createdAt: now,
    });
    await audit(tx, ctx, actor, {
      action: 'qr.device.bind',
      target: { type: 'account', id: auth.accountId, label: auth.account },
      after: { device: row.id, name: row.name },
    });
    return presentDevice(row);
  });
}

export async function renameQrDevice(ctx: Ctx, auth: AuthContext, id: string, name: string, actor: Actor) {
  await ctx.db.transaction(async (tx) => {
    const rows = await renameDevice(tx, auth.accountId, id, name);
    if (!rows.length) throw new AppError('MENHU_ERR_NOT_FOUND');
    await audit(tx, ctx, actor, {
      action: 'qr.device.rename',
      target: { type: 'account', id: auth.accountId, label: auth.account },
      after: { device: id, name },
    });
  });
}

async function removeDevice(ctx: Ctx, accountId: number, account: string, id: string, actor: Actor, by: string) {
  await ctx.db.transaction(async (tx) => {
    const rows = await deleteDevice(tx, accountId, id);
    if (!rows.length) throw new AppError('MENHU_ERR_NOT_FOUND');
    await audit(tx, ctx, actor, {
      action: 'qr.device.unbind',
      target: { type: 'account', id: accountId, label: account },
      after: { device: id, name: rows[0]!.name, by },
    });
  });
}

/** 解除綁定 from 登入安全, with the password again. */
export async function unbindWithPassword(ctx: Ctx, auth: AuthContext, id: string, password: string, actor: Actor) {
  await assertCurrentPassword(ctx, auth, password, actor.ip);
  // The last way to satisfy a required second factor stays (ACC-3); the phone itself may still let go.
  await assertKeepsSecondFactor(ctx, auth, { kind: 'qr', id });
  await removeDevice(ctx, auth.accountId, auth.account, id, actor, 'password');
}

/** 解除綁定 from the phone itself: its device key signs the request; no session needed. */
export async function unbindByDevice(ctx: Ctx, id: string, signature: string, actor: Actor): Promise<void> {
  await assertAddressOpen(ctx, actor.ip);
  const device = await findDevice(ctx.db, id);
  if (!device || !verifyDeviceSignature(device.publicKey, qrUnbindMessage(id), signature)) {
    await addressFailed(ctx, actor.ip);
    throw new AppError('MENHU_ERR_QR_DEVICE_INVALID');
  }
  const account = await findAccountById(ctx.db, device.accountId, ctx.clock.now());
  await removeDevice(
    ctx,
    device.accountId,
    account?.account ?? '',
    id,
    { ...actor, accountId: device.accountId, account: account?.account ?? null },
    'device',
  );
}

// ---- challenges (desktop) ----

export async function createChallenge(ctx: Ctx, actor: Actor): Promise<{ challenge: QrChallenge; secret: string }> {
  assertMethodAllowed(ctx.config, 'qr', actor.ip, actor.userAgent);
  const now = ctx.clock.now();
  if (actor.ip !== null) await limitRequests(ctx, [[`qr:${actor.ip}`, CHALLENGES_PER_MINUTE]], 60_000);
  const challengeId = randomToken(16);
  const secret = randomToken(32);
  const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
  await insertChallenge(ctx.db, {
    idHash: idHash(challengeId),
    secretHash: secretHash(secret),
    nonce: randomToken(16),
    ip: actor.ip,
    userAgent: actor.userAgent?.slice(0, 400) ?? null,
    createdAt: now,
    expiresAt,
  });
  return {
    secret,
    challenge: {
      challengeId,
      // The id travels in the fragment, so it never reaches a server log or a Referer.
      url: `${ctx.config.publicUrl}/m/approve#${challengeId}`,
      expiresAt: expiresAt.toISOString(),
    },
  };
}

/** The challenge as seen by the browser that created it (its secret); anyone else: 404. */
async function ownChallenge(ctx: Ctx, challengeId: string, secret: string | null): Promise<QrChallengeRow> {
  const row = await findChallenge(ctx.db, idHash(challengeId));
  if (!row || !secret || row.secretHash !== secretHash(secret)) throw new AppError('MENHU_ERR_QR_CHALLENGE_INVALID');
  return row;
}

export async function challengeStatus(ctx: Ctx, challengeId: string, secret: string | null): Promise<QrStatus> {
  const row = await ownChallenge(ctx, challengeId, secret);
  const expired = row.status === 'pending' && row.expiresAt <= ctx.clock.now();
  return {
    status: expired ? 'expired' : (row.status as QrStatus['status']),
    expiresAt: row.expiresAt.toISOString(),
  };
}

/** 登入: the desktop redeems the approved challenge once and signs in as the approving account. */
export async function loginWithQr(
  ctx: Ctx,
  input: { challengeId: string; secret: string | null; previousToken: string | null },
  actor: Actor,
): Promise<SignIn> {
  assertMethodAllowed(ctx.config, 'qr', actor.ip, actor.userAgent);
  await assertAddressOpen(ctx, actor.ip);
  const now = ctx.clock.now();
  let row: QrChallengeRow;
  try {
    row = await ownChallenge(ctx, input.challengeId, input.secret);
  } catch (err) {
    // Guessing ids or stealing another browser's challenge counts against the address.
    await addressFailed(ctx, actor.ip);
    throw err;
  }
  if (row.status === 'pending')
    throw new AppError(row.expiresAt <= now ? 'MENHU_ERR_QR_CHALLENGE_EXPIRED' : 'MENHU_ERR_QR_NOT_APPROVED');
  if (row.status === 'rejected') throw new AppError('MENHU_ERR_QR_REJECTED');
  if (row.status !== 'approved' || row.accountId === null) throw new AppError('MENHU_ERR_QR_CHALLENGE_INVALID');
  if (row.expiresAt.getTime() + REDEEM_GRACE_MS <= now.getTime()) throw new AppError('MENHU_ERR_QR_CHALLENGE_EXPIRED');
  const approver = await findAccountById(ctx.db, row.accountId, now);
  if (!approver) throw new AppError('MENHU_ERR_QR_CHALLENGE_INVALID');
  const accountId = row.accountId;
  const account = await checkCredential(
    ctx,
    {
      account: approver.account,
      method: 'qr',
      // The credential is the approved challenge, used up here (one atomic UPDATE: one winner).
      verify: async (id) =>
        id === accountId &&
        redeemChallenge(ctx.db, row.idHash, row.secretHash, accountId, now, new Date(now.getTime() - REDEEM_GRACE_MS)),
      throttleIp: actor.ip ?? 'unknown',
      failureAction: 'login.failure',
      auditExtra: { device: row.deviceId },
    },
    actor,
  );
  return openSession(
    ctx,
    account,
    { method: 'qr', previousToken: input.previousToken, extraAudit: { device: row.deviceId } },
    actor,
  );
}

// ---- approval (phone) ----

/** What the phone shows before approving; only while the challenge waits. */
export async function challengeInfo(ctx: Ctx, challengeId: string): Promise<QrChallengeInfo> {
  const row = await findChallenge(ctx.db, idHash(challengeId));
  if (!row || row.status !== 'pending') throw new AppError('MENHU_ERR_QR_CHALLENGE_INVALID');
  if (row.expiresAt <= ctx.clock.now()) throw new AppError('MENHU_ERR_QR_CHALLENGE_EXPIRED');
  return {
    challengeId,
    nonce: row.nonce,
    ...describeAgent(row.userAgent),
    ip: row.ip,
    zone: zoneOf(ctx.config, row.ip),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

/**
 * 允許 / 拒絕 on the phone: the bound device's key signs (challenge id, nonce, decision); the
 * account must be active and the challenge pending and alive. Decided once.
 */
export async function decide(
  ctx: Ctx,
  challengeId: string,
  input: { deviceId: string; signature: string; decision: QrDecision },
  actor: Actor,
): Promise<{ decision: QrDecision; account: string }> {
  await assertAddressOpen(ctx, actor.ip);
  const now = ctx.clock.now();
  const row = await findChallenge(ctx.db, idHash(challengeId));
  if (!row) {
    await addressFailed(ctx, actor.ip);
    throw new AppError('MENHU_ERR_QR_CHALLENGE_INVALID');
  }
  if (row.status !== 'pending') throw new AppError('MENHU_ERR_QR_CHALLENGE_INVALID');
  if (row.expiresAt <= now) throw new AppError('MENHU_ERR_QR_CHALLENGE_EXPIRED');
  const device = await findDevice(ctx.db, input.deviceId);
  const message = qrApprovalMessage(challengeId, row.nonce, input.decision);
  if (!device || !verifyDeviceSignature(device.publicKey, message, input.signature)) {
    await addressFailed(ctx, actor.ip);
    if (device)
      await audit(
        ctx.db,
        ctx,
        { ...actor, accountId: device.accountId, account: null },
        {
          action: input.decision === 'approve' ? 'qr.approve' : 'qr.reject',
          result: 'failure',
          target: { type: 'account', id: device.accountId, label: null },
          after: { device: device.id, reason: 'bad_signature' },
        },
      );
    throw new AppError('MENHU_ERR_QR_DEVICE_INVALID');
  }
  const account = await findAccountById(ctx.db, device.accountId, now);
  if (!account || account.status === 'disabled') throw new AppError('MENHU_ERR_ACCOUNT_DISABLED');
  if (account.status !== 'active') throw new AppError('MENHU_ERR_ACCOUNT_NOT_ACTIVATED');
  const who = { ...actor, accountId: account.id, account: account.account };
  await ctx.db.transaction(async (tx) => {
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    if (!(await decideChallenge(tx, row.idHash, { status, deviceId: device.id, accountId: account.id }, now)))
      throw new AppError('MENHU_ERR_QR_CHALLENGE_INVALID');
    await touchDevice(tx, device.id, now);
    await audit(tx, ctx, who, {
      action: input.decision === 'approve' ? 'qr.approve' : 'qr.reject',
      target: { type: 'account', id: account.id, label: account.account },
      after: { device: device.id, name: device.name, desktopIp: row.ip },
    });
  });
  return { decision: input.decision, account: account.account };
}
