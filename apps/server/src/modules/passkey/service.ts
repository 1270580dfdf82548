/**
 * 通行金鑰 (passkeys, WebAuthn): self-service (add with the password again, rename, remove with the
 * password again, never the last second factor of a role that requires one) and sign-in with a
 * discoverable credential through the shared pipeline (lockout, records, audit, session).
 *
 * Every ceremony is checked by @simplewebauthn/server against the portal's origin(s) and RP ID,
 * with user verification required; challenges live 5 minutes, are used once, and are bound to
 * the session (adding) or to a cookie (signing in). The signature counter only moves forward: a
 * counter that goes back is refused and audited as a possible clone.
 */
import crypto from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Passkey, PasskeyOptions } from '@menhu/contracts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit } from '../audit/service.ts';
import { checkCredential, openSession, type SignIn } from '../auth/login-service.ts';
import { assertKeepsSecondFactor } from '../factors/service.ts';
import type { AuthContext } from '../auth/session-service.ts';
import { assertMethodAllowed } from '../auth/zones.ts';
import {
  deletePasskey,
  dropSessionChallenges,
  ensureUserHandle,
  findByCredentialId,
  insertChallenge,
  insertPasskey,
  listPasskeys,
  recordUse,
  renamePasskey,
  takeChallenge,
  userHandleOf,
  type PasskeyRow,
} from './store.ts';
import { assertCurrentPassword } from '../credentials/service.ts';
import { limitRequests } from '../auth/request-limits.ts';

export const CHALLENGE_TTL_MS = 5 * 60_000;
/** Public sign-in options per client address in the throttle window. */
export const OPTIONS_PER_WINDOW = 60;

const target = (auth: Pick<AuthContext, 'accountId' | 'account'>) => ({
  type: 'account',
  id: auth.accountId,
  label: auth.account,
});

function present(p: PasskeyRow): Passkey {
  return {
    id: p.id,
    name: p.name,
    createdAt: p.createdAt.toISOString(),
    lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
    backedUp: p.backedUp,
    deviceType: p.deviceType as Passkey['deviceType'],
    transports: p.transports,
  };
}

export async function listOwnPasskeys(ctx: Ctx, accountId: number): Promise<{ items: Passkey[] }> {
  return { items: (await listPasskeys(ctx.db, accountId)).map(present) };
}

const DEVICES: [RegExp, string][] = [
  [/iPhone/u, 'iPhone'],
  [/iPad/u, 'iPad'],
  [/Android/u, 'Android'],
  [/Windows/u, 'Windows'],
  [/Macintosh|Mac OS X/u, 'Mac'],
  [/CrOS/u, 'ChromeOS'],
  [/Linux/u, 'Linux'],
];

/** A name when the person gave none: where the key lives (a phone reached by QR, this computer …), unique for the account. */
function defaultName(userAgent: string | null, transports: readonly string[], taken: readonly string[]): string {
  const phone = transports.includes('hybrid') && !transports.includes('internal');
  const usb = transports.includes('usb') || transports.includes('nfc');
  const device = phone
    ? '手機'
    : usb && !transports.includes('internal')
      ? '安全金鑰'
      : (DEVICES.find(([re]) => re.test(userAgent ?? ''))?.[1] ?? '');
  const base = device ? `${device} 通行金鑰` : '通行金鑰';
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base} ${n}`;
    if (!taken.includes(name)) return name;
  }
}

/** Step 1 of adding a passkey: re-authentication with the password, then creation options. */
export async function beginRegistration(
  ctx: Ctx,
  auth: AuthContext,
  password: string,
  actor: Actor,
): Promise<PasskeyOptions> {
  await assertCurrentPassword(ctx, auth, password, actor.ip);
  const now = ctx.clock.now();
  const handle = await ensureUserHandle(ctx.db, auth.accountId, crypto.randomBytes(32).toString('base64url'), now);
  const existing = await listPasskeys(ctx.db, auth.accountId);
  const { rpId, rpName } = ctx.config.webauthn;
  const options = await generateRegistrationOptions({
    rpName,
    rpID: rpId,
    userName: auth.account,
    userDisplayName: auth.name,
    userID: new Uint8Array(Buffer.from(handle, 'base64url')),
    attestationType: 'none',
    timeout: CHALLENGE_TTL_MS,
    excludeCredentials: existing.map((p) => ({
      id: p.credentialId,
      transports: p.transports as AuthenticatorTransport[],
    })),
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
  });
  await ctx.db.transaction(async (tx) => {
    await dropSessionChallenges(tx, auth.sessionId);
    await insertChallenge(tx, {
      id: sha256(crypto.randomBytes(32).toString('base64url')),
      purpose: 'register',
      accountId: auth.accountId,
      sessionId: auth.sessionId,
      challenge: options.challenge,
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
    });
  });
  return options as unknown as PasskeyOptions;
}

/** Step 2: the authenticator's answer, verified against this session's challenge, stored. */
export async function finishRegistration(
  ctx: Ctx,
  auth: AuthContext,
  input: { name?: string | undefined; response: unknown },
  actor: Actor,
): Promise<Passkey> {
  const now = ctx.clock.now();
  const challenge = await takeChallenge(ctx.db, { sessionId: auth.sessionId, purpose: 'register' }, now);
  if (!challenge || challenge.accountId !== auth.accountId) throw new AppError('MENHU_ERR_PASSKEY_CHALLENGE');
  const { rpId, origins } = ctx.config.webauthn;
  let info;
  try {
    const result = await verifyRegistrationResponse({
      response: input.response as RegistrationResponseJSON,
      expectedChallenge: challenge.challenge,
      expectedOrigin: origins,
      expectedRPID: rpId,
      requireUserVerification: true,
    });
    if (!result.verified) throw new Error('not verified');
    info = result.registrationInfo;
  } catch (err) {
    throw new AppError('MENHU_ERR_PASSKEY_REJECTED', { reason: (err as Error).message.slice(0, 200) });
  }
  const transports = (info.credential.transports ?? []).map(String);
  const taken = (await listPasskeys(ctx.db, auth.accountId)).map((p) => p.name);
  const name = input.name?.trim() || defaultName(actor.userAgent, transports, taken);
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await insertPasskey(tx, {
        accountId: auth.accountId,
        credentialId: info.credential.id,
        publicKey: info.credential.publicKey,
        counter: info.credential.counter,
        transports,
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        aaguid: info.aaguid,
        name,
        createdAt: now,
      });
      await audit(tx, ctx, actor, {
        action: 'passkey.register',
        target: target(auth),
        after: { passkey: row.id, name, deviceType: row.deviceType, backedUp: row.backedUp, aaguid: row.aaguid },
      });
      return present(row);
    });
  } catch (err) {
    const code =
      (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    if (code === '23505')
      throw new AppError('MENHU_ERR_CONFLICT', [{ path: 'response', message: 'passkey already added' }]);
    throw err;
  }
}

export async function renameOwnPasskey(ctx: Ctx, auth: AuthContext, id: number, name: string, actor: Actor) {
  return ctx.db.transaction(async (tx) => {
    const row = await renamePasskey(tx, auth.accountId, id, name);
    if (!row) throw new AppError('MENHU_ERR_NOT_FOUND');
    await audit(tx, ctx, actor, { action: 'passkey.rename', target: target(auth), after: { passkey: id, name } });
    return present(row);
  });
}

/** Removal with the password again; the last passkey of a role that requires a second factor stays. */
export async function removeOwnPasskey(ctx: Ctx, auth: AuthContext, id: number, password: string, actor: Actor) {
  await assertCurrentPassword(ctx, auth, password, actor.ip);
  const mine = (await listPasskeys(ctx.db, auth.accountId)).find((p) => p.id === id);
  if (!mine) throw new AppError('MENHU_ERR_NOT_FOUND');
  await assertKeepsSecondFactor(ctx, auth, { kind: 'passkey', id: String(id) });
  await ctx.db.transaction(async (tx) => {
    if (!(await deletePasskey(tx, auth.accountId, id))) throw new AppError('MENHU_ERR_NOT_FOUND');
    await audit(tx, ctx, actor, {
      action: 'passkey.remove',
      target: target(auth),
      before: { passkey: id, name: mine.name },
    });
  });
  return { ok: true as const };
}

/** Sign-in step 1 (public): options for a discoverable credential, and the id of the challenge (for a cookie). */
export async function beginPasskeyLogin(
  ctx: Ctx,
  actor: Actor,
): Promise<{ options: PasskeyOptions; challengeId: string }> {
  assertMethodAllowed(ctx.config, 'passkey', actor.ip, actor.userAgent);
  // Each call stores a challenge: a bound per address keeps the table from being flooded.
  await limitRequests(ctx, [[`passkey:options:${actor.ip ?? 'unknown'}`, OPTIONS_PER_WINDOW]]);
  const options = await generateAuthenticationOptions({
    rpID: ctx.config.webauthn.rpId,
    allowCredentials: [],
    userVerification: 'required',
    timeout: CHALLENGE_TTL_MS,
  });
  const challengeId = crypto.randomBytes(32).toString('base64url');
  await insertChallenge(ctx.db, {
    id: sha256(challengeId),
    purpose: 'login',
    challenge: options.challenge,
    expiresAt: new Date(ctx.clock.now().getTime() + CHALLENGE_TTL_MS),
  });
  return { options: options as unknown as PasskeyOptions, challengeId };
}

/**
 * Checks an assertion for `accountId` against `expectedChallenge`: origin, RP ID, user
 * verification, signature, the user handle when given, and the counter — one that does not move
 * forward is refused and audited as a possible clone (judged after the signature, so only a
 * genuine key can raise the alarm). A use is recorded atomically, so a replay loses.
 */
async function verifyAssertion(
  ctx: Ctx,
  response: AuthenticationResponseJSON,
  expectedChallenge: string,
  accountId: number | null,
  actor: Actor,
): Promise<boolean> {
  if (accountId === null || typeof response?.id !== 'string') return false;
  const found = await findByCredentialId(ctx.db, response.id);
  if (!found || found.p.accountId !== accountId) return false;
  const key = found.p;
  let newCounter: number;
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: ctx.config.webauthn.origins,
      expectedRPID: ctx.config.webauthn.rpId,
      // The library's own counter check is disabled (0): the counter is judged below.
      credential: {
        id: key.credentialId,
        publicKey: new Uint8Array(key.publicKey),
        counter: 0,
        transports: key.transports as AuthenticatorTransport[],
      },
      requireUserVerification: true,
    });
    if (!result.verified || !result.authenticationInfo.userVerified) return false;
    newCounter = result.authenticationInfo.newCounter;
  } catch {
    return false;
  }
  const handle = response.response.userHandle;
  if (handle && handle !== (await userHandleOf(ctx.db, accountId))) return false;
  if ((newCounter > 0 || key.counter > 0) && newCounter <= key.counter) {
    await audit(
      ctx.db,
      ctx,
      { ...actor, accountId, account: found.account },
      {
        action: 'passkey.clone_suspected',
        result: 'failure',
        target: { type: 'account', id: accountId, label: found.account },
        after: { passkey: key.id, name: key.name, storedCounter: key.counter, counter: newCounter },
      },
    );
    return false;
  }
  return recordUse(ctx.db, key.id, newCounter, ctx.clock.now());
}

/**
 * Sign-in step 2: the assertion, checked against the cookie's challenge (taken, so used once),
 * then the shared pipeline keyed by the passkey's account. An unknown credential answers like a
 * bad signature; its id stands in for the account name in lockout and records.
 */
export async function loginWithPasskey(
  ctx: Ctx,
  input: {
    response: { id: string } & Record<string, unknown>;
    challengeId: string | null;
    previousToken: string | null;
  },
  actor: Actor,
): Promise<SignIn> {
  assertMethodAllowed(ctx.config, 'passkey', actor.ip, actor.userAgent);
  const challenge = input.challengeId
    ? await takeChallenge(ctx.db, { id: sha256(input.challengeId), purpose: 'login' }, ctx.clock.now())
    : undefined;
  if (!challenge) throw new AppError('MENHU_ERR_PASSKEY_CHALLENGE');
  const response = input.response as unknown as AuthenticationResponseJSON;
  const found = await findByCredentialId(ctx.db, response.id);
  const account = await checkCredential(
    ctx,
    {
      account: found?.account ?? `passkey:${response.id.slice(0, 48)}`,
      method: 'passkey',
      verify: (id) => verifyAssertion(ctx, response, challenge.challenge, id, actor),
      throttleIp: actor.ip ?? 'unknown',
      failureAction: 'login.failure',
    },
    actor,
  );
  return openSession(ctx, account, { method: 'passkey', previousToken: input.previousToken }, actor);
}

/**
 * Second step after a password (SSO-10): options naming the account's passkeys, the challenge
 * kept for the MFA-pending session's account.
 */
export async function beginPasskeySecondFactor(ctx: Ctx, auth: AuthContext): Promise<PasskeyOptions> {
  if (auth.restriction !== 'mfa')
    throw new AppError('MENHU_ERR_VALIDATION', [{ path: 'session', message: 'not pending a second factor' }]);
  const keys = await listPasskeys(ctx.db, auth.accountId);
  const options = await generateAuthenticationOptions({
    rpID: ctx.config.webauthn.rpId,
    allowCredentials: keys.map((k) => ({ id: k.credentialId, transports: k.transports as AuthenticatorTransport[] })),
    userVerification: 'required',
    timeout: CHALLENGE_TTL_MS,
  });
  await insertChallenge(ctx.db, {
    id: sha256(crypto.randomBytes(32).toString('base64url')),
    purpose: 'mfa',
    accountId: auth.accountId,
    sessionId: auth.sessionId,
    challenge: options.challenge,
    expiresAt: new Date(ctx.clock.now().getTime() + CHALLENGE_TTL_MS),
  });
  return options as unknown as PasskeyOptions;
}

/**
 * The second factor's check (SECOND_FACTORS.passkey): `credential` is the assertion as JSON; its
 * signed challenge must be one issued to this account for a second step (taken, so used once).
 */
export async function checkPasskeySecondFactor(
  ctx: Ctx,
  accountId: number | null,
  credential: string,
): Promise<boolean> {
  if (accountId === null || credential.length > 64_000) return false;
  let response: AuthenticationResponseJSON;
  let signed: unknown;
  try {
    response = JSON.parse(credential) as AuthenticationResponseJSON;
    signed = (
      JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown }
    ).challenge;
  } catch {
    return false;
  }
  if (typeof signed !== 'string') return false;
  const challenge = await takeChallenge(ctx.db, { accountId, challenge: signed, purpose: 'mfa' }, ctx.clock.now());
  if (!challenge) return false;
  const actor: Actor = { accountId, account: null, ip: null, userAgent: null };
  return verifyAssertion(ctx, response, challenge.challenge, accountId, actor);
}
