/**
 * SSO-6 network zones and SSO-5 method availability. The client address (as TRUST_PROXY decides
 * it) is in the intranet when it falls in INTRANET_CIDRS. Seed 000's defaults: 行動自然人憑證 and
 * 實體自然人憑證 from anywhere, 動態驗證碼 / 臨時密碼 / 一般登入 from the intranet only; passkeys and
 * QR login (phishing-resistant) from anywhere; no card login on a mobile device.
 */
import ipaddr from 'ipaddr.js';
import { LOGIN_METHODS } from '@menhu/contracts';

type LoginMethod = (typeof LOGIN_METHODS)[number];
import type { Config } from '../../config.ts';
import { AppError } from '../../platform/http/errors.ts';

export type Zone = 'intranet' | 'internet';
export type Unavailable = 'disabled' | 'intranet_only' | 'not_on_mobile';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];
const parsed = new WeakMap<Config, Range[]>();

function ranges(config: Config): Range[] {
  let r = parsed.get(config);
  if (!r) parsed.set(config, (r = config.intranetCidrs.map((c) => ipaddr.parseCIDR(c))));
  return r;
}

export function zoneOf(config: Config, ip: string | null): Zone {
  if (!ip || !ipaddr.isValid(ip)) return 'internet';
  let addr = ipaddr.parse(ip);
  // An IPv4 client seen through an IPv6 socket (::ffff:10.1.2.3) is judged as IPv4.
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress())
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  return ranges(config).some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits))
    ? 'intranet'
    : 'internet';
}

const MOBILE = /Mobi|Android|iPhone|iPad|iPod/u;
export const isMobile = (userAgent: string | null) => MOBILE.test(userAgent ?? '');

/** Why a method cannot be used from here, or null when it can. */
export function unavailability(
  config: Config,
  method: LoginMethod,
  where: { zone: Zone; userAgent: string | null },
): Unavailable | null {
  if (!config.loginMethods.includes(method)) return 'disabled';
  if (where.zone === 'internet' && !config.loginMethodsOutsideIntranet.includes(method)) return 'intranet_only';
  if (method === 'moica' && isMobile(where.userAgent)) return 'not_on_mobile'; // ※行動裝置 不提供實體自然人憑證登入
  return null;
}

/** What the login page may offer this visitor, and why the rest is hidden. */
export function methodsFor(config: Config, ip: string | null, userAgent: string | null) {
  const zone = zoneOf(config, ip);
  const methods = LOGIN_METHODS.filter((m) => m !== 'verify_api')
    .map((method) => ({ method, unavailable: unavailability(config, method, { zone, userAgent }) }))
    // Methods the deployment does not offer at all are not mentioned.
    .filter((m) => m.unavailable !== 'disabled');
  return { zone, methods };
}

/** 403 when `method` may not be used from the caller's zone or device. */
export function assertMethodAllowed(config: Config, method: LoginMethod, ip: string | null, userAgent: string | null) {
  const why = unavailability(config, method, { zone: zoneOf(config, ip), userAgent });
  if (why) throw new AppError('MENHU_ERR_METHOD_NOT_ALLOWED', { method, reason: why });
}
