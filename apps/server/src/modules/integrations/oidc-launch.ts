/**
 * SSO-3 for OIDC applications: a tile opens the application's initiate-login URI (OpenID Connect
 * Core §4, third-party-initiated login) with `iss` and `target_link_uri`; the application then
 * starts an ordinary code flow, which completes silently because the person is signed in.
 * Without an approved initiate-login URI the tile simply opens `targetLinkUri`.
 */
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { OIDC_MOUNT } from '../oidc/provider.ts';
import { findApp, findService } from './store.ts';

export async function oidcLaunchUrl(ctx: Ctx, appId: number, targetLinkUri: string): Promise<string> {
  const found = await findApp(ctx.db, appId);
  if (!found || found.app.status !== 'active') throw new AppError('MENHU_ERR_LAUNCH_UNAVAILABLE');
  const sso = await findService(ctx.db, appId, 'sso');
  const initiate = (sso?.approved as { initiateLoginUri?: string | null } | null)?.initiateLoginUri;
  if (!initiate) return targetLinkUri;
  const url = new URL(initiate);
  url.searchParams.set('iss', `${ctx.config.publicUrl}${OIDC_MOUNT}`);
  url.searchParams.set('target_link_uri', targetLinkUri);
  return url.toString();
}
