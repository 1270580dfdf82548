/**
 * SSO-1 signing keys: generated on first start, kept as private JWKs encrypted at rest
 * (AES-256-GCM under a key derived from MASTER_KEY), rotated by `menhu keys rotate`. A rotated
 * key stops signing at once but stays published in the JWKS until the tokens it signed have
 * expired, so relying parties keep verifying them.
 */
import crypto from 'node:crypto';
import { asc, desc, gt, isNull, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { SecretBox } from '../../platform/crypto.ts';
import type { Executor } from '../../platform/db/client.ts';
import { oidcKeys } from '../../platform/db/schema.ts';

export interface PrivateJwk extends crypto.JsonWebKey {
  kid: string;
  alg: string;
  use: 'sig';
}

/** What a JWKS may show of a key: the public half only. */
export type PublicJwk = Pick<PrivateJwk, 'kid' | 'alg' | 'use' | 'kty' | 'n' | 'e' | 'crv' | 'x' | 'y'>;

const KEYS_LOCK = 7_303;

function newRsaKey(): PrivateJwk {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: crypto.randomUUID(), alg: 'RS256', use: 'sig' };
}

async function insertKey(ctx: Ctx, exec: Executor, jwk: PrivateJwk): Promise<void> {
  const box = new SecretBox(ctx.keys.oidcKeys);
  await exec
    .insert(oidcKeys)
    .values({ kid: jwk.kid, alg: jwk.alg, jwkEnc: box.encrypt(JSON.stringify(jwk)), createdAt: ctx.clock.now() });
}

/** Creates the first signing key unless one is active; safe when several nodes start at once. */
export async function ensureSigningKey(ctx: Ctx): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${KEYS_LOCK})`);
    const active = await tx.select({ kid: oidcKeys.kid }).from(oidcKeys).where(isNull(oidcKeys.retiredAt)).limit(1);
    if (!active.length) await insertKey(ctx, tx, newRsaKey());
  });
}

/** Retires the active key(s) and creates a new one; returns the new key id. */
export async function rotateSigningKey(ctx: Ctx): Promise<string> {
  const jwk = newRsaKey();
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${KEYS_LOCK})`);
    await tx.update(oidcKeys).set({ retiredAt: ctx.clock.now() }).where(isNull(oidcKeys.retiredAt));
    await insertKey(ctx, tx, jwk);
  });
  return jwk.kid;
}

/**
 * The keys to hand the OIDC engine, newest active key first (it signs), then retired keys still
 * within `publishRetiredForMs` (they only verify).
 */
export async function loadSigningKeys(ctx: Ctx, publishRetiredForMs: number): Promise<PrivateJwk[]> {
  const cutoff = new Date(ctx.clock.now().getTime() - publishRetiredForMs);
  const rows = await ctx.db
    .select()
    .from(oidcKeys)
    .where(or(isNull(oidcKeys.retiredAt), gt(oidcKeys.retiredAt, cutoff)))
    .orderBy(asc(sql`${oidcKeys.retiredAt} is not null`), desc(oidcKeys.createdAt));
  const box = new SecretBox(ctx.keys.oidcKeys);
  return rows.map((r) => JSON.parse(box.decrypt(r.jwkEnc)) as PrivateJwk);
}

export function publicJwk(k: PrivateJwk): PublicJwk {
  const { kid, alg, use, kty, n, e, crv, x, y } = k;
  return Object.fromEntries(
    Object.entries({ kid, alg, use, kty, n, e, crv, x, y }).filter(([, v]) => v !== undefined),
  ) as PublicJwk;
}
