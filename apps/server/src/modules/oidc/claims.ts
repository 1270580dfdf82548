/**
 * SSO-1 claims: the seven a client may be approved for, and how they map to an account.
 * Never the national ID number.
 */
import type { AccountWithOrg } from '../accounts/store.ts';

export const OIDC_CLAIMS = [
  'name',
  'title',
  'phone_number',
  'email',
  'org_name',
  'org_short_name',
  'org_code',
] as const;
export type OidcClaim = (typeof OIDC_CLAIMS)[number];

export const OIDC_CLAIM_LABELS: Record<OidcClaim, string> = {
  name: '姓名',
  title: '職稱',
  phone_number: '公務電話',
  email: '公務郵件',
  org_name: '機關全銜',
  org_short_name: '機關簡稱',
  org_code: '機關代碼',
};

/** Scopes → claims, as published in the discovery document's claims_supported. */
export const SCOPE_CLAIMS = {
  openid: ['sub'],
  profile: ['name', 'title', 'org_name', 'org_short_name', 'org_code'],
  email: ['email'],
  phone: ['phone_number'],
};

export function isOidcClaim(v: unknown): v is OidcClaim {
  return typeof v === 'string' && (OIDC_CLAIMS as readonly string[]).includes(v);
}

/** 公務電話 with extension, e.g. 06-2991111#8123. */
function phone(a: AccountWithOrg): string | undefined {
  if (!a.officePhone) return undefined;
  return a.phoneExt ? `${a.officePhone}#${a.phoneExt}` : a.officePhone;
}

export function accountClaims(a: AccountWithOrg): Record<OidcClaim, string | undefined> {
  return {
    name: a.name,
    title: a.title ?? undefined,
    phone_number: phone(a),
    email: a.email ?? undefined,
    org_name: a.orgName,
    org_short_name: a.orgShortName,
    org_code: a.orgCode,
  };
}
