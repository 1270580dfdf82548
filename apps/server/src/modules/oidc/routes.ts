/**
 * The OIDC engine's interaction endpoint: sign-in and approval happen through the portal's own
 * session. Already signed in → finished at once, no screen (that is single sign-on);
 * `prompt=login` or an exceeded `max_age` → the portal's login page first.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type Provider from 'oidc-provider';
import type { InteractionDetails } from 'oidc-provider';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';
import { OIDC_CLAIMS, SCOPE_CLAIMS, isOidcClaim } from './claims.ts';
import { INTERACTION_PATH } from './provider.ts';
import { LOA2, acrOf, amrOf, wantsLoa2 } from '../auth/mfa-policy.ts';

/** Reasons for which the engine wants a fresh sign-in, not the existing portal session. */
const FRESH_LOGIN_REASONS = new Set(['login_prompt', 'max_age']);

async function consent(provider: Provider, details: InteractionDetails): Promise<string> {
  const clientId = details.params.client_id;
  const accountId = details.session?.accountId;
  const client = await provider.Client.find(clientId);
  if (!client || !accountId) throw new AppError('MENHU_ERR_FORBIDDEN');
  const approved = (Array.isArray(client.menhu_claims) ? client.menhu_claims : [...OIDC_CLAIMS]).filter(isOidcClaim);
  const grant =
    (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
    new provider.Grant({ accountId, clientId });
  const scopes = String(details.params.scope ?? 'openid')
    .split(' ')
    .filter((s) => s in SCOPE_CLAIMS);
  grant.addOIDCScope(scopes.join(' '));
  // The client's approved claims, whatever scopes it asked for, and nothing else (SSO-1).
  grant.addOIDCClaims(approved);
  grant.rejectOIDCClaims(OIDC_CLAIMS.filter((c) => !approved.includes(c)));
  return grant.save();
}

export function oidcRoutes(app: FastifyInstance, provider: Provider): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const loginPage = (req: FastifyRequest, fresh: boolean, mfa = false) =>
    `/login?return=${encodeURIComponent(req.url)}${fresh ? '&fresh=1' : ''}${mfa ? '&mfa=1' : ''}`;

  r.get(
    `${INTERACTION_PATH}/:uid`,
    {
      schema: { hide: true, params: z.object({ uid: z.string().min(1).max(100) }) },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const details = await provider.interactionDetails(req.raw, reply.raw).catch(() => {
        throw new AppError('MENHU_ERR_NOT_FOUND'); // unknown or expired interaction
      });
      if (details.uid !== req.params.uid) throw new AppError('MENHU_ERR_NOT_FOUND');
      const auth = req.auth;
      let result: Record<string, unknown>;
      if (details.prompt.name === 'login') {
        const wantsFresh = details.prompt.reasons.some((x) => FRESH_LOGIN_REASONS.has(x));
        const startedAt = Number((details as unknown as { iat?: number }).iat ?? 0) * 1000;
        const fresh = auth !== null && auth.sessionCreatedAt.getTime() >= startedAt;
        if (!auth || auth.restriction || (wantsFresh && !fresh)) return reply.redirect(loginPage(req, wantsFresh));
        // The system asked for two factors (acr_values loa:2) and this session used one: sign in
        // again with a second factor (the login page asks the server for a step-up).
        const client = await provider.Client.find(String(details.params.client_id));
        if (wantsLoa2(details.params.acr_values, client) && acrOf(auth.method) !== LOA2)
          return reply.redirect(loginPage(req, true, true));
        result = {
          login: {
            accountId: String(auth.accountId),
            amr: amrOf(auth.method),
            acr: acrOf(auth.method),
            ts: Math.floor(auth.sessionCreatedAt.getTime() / 1000),
          },
        };
      } else if (details.prompt.name === 'consent') {
        result = { consent: { grantId: await consent(provider, details) } };
      } else {
        throw new AppError('MENHU_ERR_FORBIDDEN');
      }
      reply.hijack();
      await provider.interactionFinished(req.raw, reply.raw, result, { mergeWithLastSubmission: true });
    },
  );
}
