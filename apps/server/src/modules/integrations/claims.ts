/** The claims an integration receives: exactly the approved set of its service (SSO-1/2/3). */
import type { AccountWithOrg } from '../accounts/store.ts';
import { accountClaims, isOidcClaim } from '../oidc/claims.ts';

export function approvedClaims(a: AccountWithOrg, approved: Record<string, unknown>): Record<string, string> {
  const wanted = Array.isArray(approved.claims) ? approved.claims.filter(isOidcClaim) : [];
  const all = accountClaims(a);
  const out: Record<string, string> = {};
  for (const c of wanted) {
    const v = all[c];
    if (v !== undefined) out[c] = v;
  }
  return out;
}
