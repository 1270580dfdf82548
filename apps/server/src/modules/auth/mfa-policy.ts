/**
 * SSO-10: when a second factor is required — per deployment and role (MFA_REQUIRED_ROLES,
 * administrators by default), per zone (MFA_REQUIRED_OUTSIDE_INTRANET) — and how amr/acr
 * describe a session to OIDC clients.
 */
import type { Config } from '../../config.ts';
import { zoneOf } from './zones.ts';

export function requiredByRole(config: Config, roles: readonly string[]): boolean {
  return config.mfa.roles.some((r) => r === 'user' || roles.includes(r));
}

export function secondFactorRequired(config: Config, roles: readonly string[], ip: string | null): boolean {
  return requiredByRole(config, roles) || (config.mfa.outsideIntranet && zoneOf(config, ip) === 'internet');
}

/** Session method ('password', 'password+totp', 'totp' …) → RFC 8176 amr values. */
const AMR: Record<string, string> = {
  password: 'pwd',
  totp: 'otp',
  recovery: 'otp',
  temp_password: 'otp',
  sms: 'sms',
  passkey: 'hwk',
  moica: 'mca',
  mobile_moica: 'mca',
  qr: 'hwk',
};

/**
 * Methods that are two factors by themselves (SSO-10): a citizen-certificate card or the mobile
 * certificate unlocked by PIN or biometrics, a user-verified passkey, a bound phone approving a
 * QR challenge. They need no second step and count as LOA 2.
 */
const MULTI_FACTOR = new Set(['moica', 'mobile_moica', 'passkey', 'qr']);
export const satisfiesMfaAlone = (method: string) => MULTI_FACTOR.has(method);

export function amrOf(method: string): string[] {
  return [...new Set(method.split('+').map((m) => AMR[m] ?? m))];
}

export const LOA1 = 'urn:menhu:loa:1';
export const LOA2 = 'urn:menhu:loa:2';

/** urn:menhu:loa:2 when two different factors were used (or one that is two by itself), else loa:1. */
export function acrOf(method: string): string {
  return amrOf(method).length >= 2 || method.split('+').some(satisfiesMfaAlone) ? LOA2 : LOA1;
}

/**
 * Whether an authorization request needs two factors: its acr_values ask for loa:2, or the
 * client is registered as requiring them (menhu_require_mfa, set when 單一登入 is approved).
 */
export function wantsLoa2(acrValues: unknown, client?: Record<string, unknown> | null): boolean {
  return client?.menhu_require_mfa === true || (typeof acrValues === 'string' && acrValues.split(' ').includes(LOA2));
}
