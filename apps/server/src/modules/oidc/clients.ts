/**
 * Registered OIDC clients (SSO-1), stored through the engine's adapter as the `Client` model.
 * The secret is generated here, shown once, and kept encrypted at rest.
 */
import crypto from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Actor, Ctx } from '../../platform/context.ts';
import { SecretBox, randomToken } from '../../platform/crypto.ts';
import { oidcPayloads } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit } from '../audit/service.ts';
import { postgresAdapter } from './adapter.ts';
import { OIDC_CLAIMS, isOidcClaim, type OidcClaim } from './claims.ts';

export interface NewClient {
  name: string;
  redirectUris: string[];
  claims?: OidcClaim[];
  postLogoutRedirectUris?: string[];
  backchannelLogoutUri?: string;
}

export interface ClientSummary {
  client_id: string;
  client_name: string;
  redirect_uris: string[];
  menhu_claims: string[];
}

function validUri(u: string): boolean {
  try {
    const url = new URL(u);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.hash;
  } catch {
    return false;
  }
}

export async function addClient(
  ctx: Ctx,
  input: NewClient,
  actor: Actor,
): Promise<{ client_id: string; client_secret: string }> {
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
  const client_id = crypto.randomUUID();
  const client_secret = randomToken(32);
  const Adapter = postgresAdapter(ctx.db, ctx.clock, new SecretBox(ctx.keys.oidcKeys));
  await new Adapter('Client').upsert(client_id, {
    client_id,
    client_secret,
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
  });
  await audit(ctx.db, ctx, actor, {
    action: 'oidc.client.add',
    target: { type: 'oidc_client', id: client_id, label: input.name.trim() },
    after: { redirectUris: input.redirectUris, claims },
  });
  return { client_id, client_secret };
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
    };
  });
}

export async function removeClient(ctx: Ctx, clientId: string, actor: Actor): Promise<boolean> {
  const Adapter = postgresAdapter(ctx.db, ctx.clock, new SecretBox(ctx.keys.oidcKeys));
  const adapter = new Adapter('Client');
  if (!(await adapter.find(clientId))) return false;
  await adapter.destroy(clientId);
  await audit(ctx.db, ctx, actor, { action: 'oidc.client.remove', target: { type: 'oidc_client', id: clientId } });
  return true;
}
