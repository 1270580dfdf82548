/**
 * Registered OIDC clients (SSO-1), stored as the engine's `Client` model. Written here directly
 * (sealed the way the adapter seals them) so a registration commits in the caller's transaction
 * together with its audit record and, for the integration console, the approval that caused it.
 * The secret is generated here, shown once, and kept encrypted at rest.
 */
import crypto from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Actor, Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { SecretBox, randomToken } from '../../platform/crypto.ts';
import { oidcPayloads } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit } from '../audit/service.ts';
import { sealSecret, type AdapterPayload } from './adapter.ts';
import { destroyPayload, upsertPayload } from './adapter-store.ts';
import { OIDC_CLAIMS, isOidcClaim, type OidcClaim } from './claims.ts';

export interface ClientSettings {
  name: string;
  redirectUris: string[];
  claims?: OidcClaim[];
  postLogoutRedirectUris?: string[];
  backchannelLogoutUri?: string | null;
  /** SSO-10: every sign-in to this system needs two factors, as if it sent acr_values loa:2. */
  requireMfa?: boolean;
}

export interface ClientSummary {
  client_id: string;
  client_name: string;
  redirect_uris: string[];
  menhu_claims: string[];
  menhu_require_mfa: boolean;
}

function validUri(u: string): boolean {
  try {
    const url = new URL(u);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.hash;
  } catch {
    return false;
  }
}

function validate(input: ClientSettings): OidcClaim[] {
  const uris = [
    ...input.redirectUris,
    ...(input.postLogoutRedirectUris ?? []),
    ...(input.backchannelLogoutUri ? [input.backchannelLogoutUri] : []),
  ];
  if (!input.name.trim() || !input.redirectUris.length || !uris.every(validUri))
    throw new AppError('MENHU_ERR_VALIDATION', [
      { path: 'redirectUris', message: 'absolute http(s) URIs without fragments' },
    ]);
  const claims = input.claims ?? [...OIDC_CLAIMS];
  if (!claims.every(isOidcClaim))
    throw new AppError('MENHU_ERR_VALIDATION', [{ path: 'claims', message: `one of ${OIDC_CLAIMS.join(', ')}` }]);
  return claims;
}

const box = (ctx: Ctx) => new SecretBox(ctx.keys.oidcKeys);

async function readClient(exec: Executor, clientId: string): Promise<AdapterPayload | undefined> {
  const rows = await exec
    .select()
    .from(oidcPayloads)
    .where(and(eq(oidcPayloads.model, 'Client'), eq(oidcPayloads.id, clientId)));
  return rows[0]?.payload as AdapterPayload | undefined;
}

async function writeClient(ctx: Ctx, exec: Executor, clientId: string, payload: AdapterPayload): Promise<void> {
  await upsertPayload(exec, { model: 'Client', id: clientId, payload: sealSecret(box(ctx), payload) });
}

/**
 * Creates a client (new id and secret) or, given the id of an existing one, replaces its
 * settings and keeps its secret. Returns the secret only when one was generated.
 */
export async function saveClient(
  ctx: Ctx,
  exec: Executor,
  input: ClientSettings,
  clientId?: string,
): Promise<{ client_id: string; client_secret?: string }> {
  const claims = validate(input);
  const existing = clientId ? await readClient(exec, clientId) : undefined;
  const client_id = existing ? clientId! : crypto.randomUUID();
  const client_secret = existing ? undefined : randomToken(32);
  const base: AdapterPayload = existing
    ? Object.fromEntries(
        Object.entries(existing).filter(
          ([k]) => !['backchannel_logout_uri', 'backchannel_logout_session_required'].includes(k),
        ),
      )
    : { client_secret };
  await writeClient(ctx, exec, client_id, {
    ...base,
    client_id,
    client_name: input.name.trim(),
    redirect_uris: input.redirectUris,
    post_logout_redirect_uris: input.postLogoutRedirectUris ?? [],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    ...(input.backchannelLogoutUri
      ? { backchannel_logout_uri: input.backchannelLogoutUri, backchannel_logout_session_required: true }
      : {}),
    menhu_claims: claims,
    menhu_require_mfa: input.requireMfa === true,
  });
  return client_secret ? { client_id, client_secret } : { client_id };
}

/** A new secret for an existing client; the old one stops working at once. */
export async function rotateClientSecret(ctx: Ctx, exec: Executor, clientId: string): Promise<string> {
  const existing = await readClient(exec, clientId);
  if (!existing) throw new AppError('MENHU_ERR_NOT_FOUND');
  const { client_secret_enc: _old, ...rest } = existing;
  const client_secret = randomToken(32);
  await writeClient(ctx, exec, clientId, { ...rest, client_secret });
  return client_secret;
}

/** Suspends (the engine then treats the client as unknown) or resumes a client. */
export async function setClientSuspended(exec: Executor, clientId: string, suspended: boolean): Promise<void> {
  const existing = await readClient(exec, clientId);
  if (!existing) return;
  const { menhu_suspended: _s, ...rest } = existing;
  await upsertPayload(exec, {
    model: 'Client',
    id: clientId,
    payload: suspended ? { ...rest, menhu_suspended: true } : rest,
  });
}

export async function deleteClient(exec: Executor, clientId: string): Promise<boolean> {
  if (!(await readClient(exec, clientId))) return false;
  await destroyPayload(exec, 'Client', clientId);
  return true;
}

/** The operator CLI's `clients add`: an approved client in one step, audited. */
export async function addClient(
  ctx: Ctx,
  input: ClientSettings,
  actor: Actor,
): Promise<{ client_id: string; client_secret: string }> {
  return ctx.db.transaction(async (tx) => {
    const saved = await saveClient(ctx, tx, input);
    await audit(tx, ctx, actor, {
      action: 'oidc.client.add',
      target: { type: 'oidc_client', id: saved.client_id, label: input.name.trim() },
      after: { redirectUris: input.redirectUris, claims: input.claims ?? [...OIDC_CLAIMS] },
    });
    return { client_id: saved.client_id, client_secret: saved.client_secret! };
  });
}

export async function listClients(ctx: Ctx): Promise<ClientSummary[]> {
  const rows = await ctx.db
    .select()
    .from(oidcPayloads)
    .where(eq(oidcPayloads.model, 'Client'))
    .orderBy(asc(oidcPayloads.id));
  return rows.map((r) => {
    const p = r.payload as Record<string, unknown>;
    return {
      client_id: String(p.client_id),
      client_name: String(p.client_name ?? ''),
      redirect_uris: (p.redirect_uris as string[]) ?? [],
      menhu_claims: (p.menhu_claims as string[]) ?? [],
      menhu_require_mfa: p.menhu_require_mfa === true,
    };
  });
}

export async function removeClient(ctx: Ctx, clientId: string, actor: Actor): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    if (!(await deleteClient(tx, clientId))) return false;
    await audit(tx, ctx, actor, { action: 'oidc.client.remove', target: { type: 'oidc_client', id: clientId } });
    return true;
  });
}
