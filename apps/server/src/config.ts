/**
 * Environment → typed configuration (ARCHITECTURE "Configuration"). Every variable is
 * documented in .env.example; a bad value stops the process with a message naming it.
 */
import fs from 'node:fs';
import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { LOGIN_METHODS } from '@menhu/contracts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);
const key = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
  .optional();

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: int(3000, 0),
  PUBLIC_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: int(10, 1),
  MASTER_KEY: key,
  SESSION_IDLE_MINUTES: int(30, 1),
  SESSION_ABSOLUTE_HOURS: int(12, 1),
  LOCKOUT_THRESHOLD: int(5, 1),
  LOCKOUT_MINUTES: int(15, 1),
  IP_THROTTLE_MAX_FAILURES: int(50, 1),
  IP_THROTTLE_WINDOW_MINUTES: int(15, 1),
  PASSWORD_MAX_AGE_DAYS: int(90, 1),
  PASSWORD_WARN_DAYS: int(14, 0),
  TRUST_PROXY: z.string().default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: bool.optional(),
  BODY_LIMIT_BYTES: int(1_048_576, 1024),
  WEB_DIST: z.string().optional(),
  INTRANET_CIDRS: z.string().default('127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7'),
  LOGIN_METHODS: z.string().optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Menhu 公務入口網 <no-reply@localhost>'),
  OFFICIAL_MAIL_DOMAINS: z.string().default(''),
  LOGIN_METHODS_OUTSIDE_INTRANET: z.string().default('moica,mobile_moica,passkey,qr'),
  MFA_REQUIRED_ROLES: z.string().default('agency_admin,system_admin'),
  MFA_REQUIRED_OUTSIDE_INTRANET: bool.optional(),
  TOTP_ISSUER: z.string().min(1).max(40).default('Menhu'),
  INTEGRATION_RATE_PER_SECOND: int(50, 1),
  INTEGRATION_RATE_BURST: int(100, 1),
  INTEGRATION_FAILURE_BUDGET: int(300, 1),
  TWFIDO_URL: z.string().url().optional(),
  TWFIDO_SP_SERVICE_ID: z.string().min(1).max(100).optional(),
  TWFIDO_SP_KEY: key,
  TWFIDO_TIME_LIMIT_SECONDS: z.coerce.number().int().min(30).max(300).default(60),
  TWFIDO_CA_FILE: z.string().optional(),
  SMS_PROVIDER: z.enum(['log', 'mitake']).optional(),
  MITAKE_URL: z.string().url().optional(),
  MITAKE_USERNAME: z.string().optional(),
  MITAKE_PASSWORD: z.string().optional(),
  SMS_TIMEOUT_MS: int(10_000, 100),
  MOICA_TRUST_ANCHORS: z.string().default(''),
  HIPKI_URL: z.string().url().default('http://localhost:61161'),
  MOICA_REVOCATION_TIMEOUT_MS: int(5000, 100),
  MOICA_OCSP_CACHE_SECONDS: int(300, 0),
  MOICA_CRL_CACHE_SECONDS: int(3600, 0),
  MOICA_SIGNING_SKEW_SECONDS: int(300, 10),
  WEBAUTHN_RP_ID: z.string().optional(),
  WEBAUTHN_ORIGINS: z.string().optional(),
  WEBAUTHN_RP_NAME: z.string().min(1).max(64).default('門戶'),
});

export type Env = z.input<typeof EnvSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  publicOrigin: string;
  secureCookies: boolean;
  sessionCookie: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  masterKey: Buffer | undefined;
  session: { idleMs: number; absoluteMs: number };
  lockout: { threshold: number; durationMs: number; ipMaxFailures: number; ipWindowMs: number };
  password: { maxAgeDays: number; warnDays: number };
  trustProxy: boolean | number | string;
  logLevel: string;
  seedDemo: boolean;
  bodyLimit: number;
  webDist: string;
  /** SSO-6 network zones: client addresses in these CIDRs are the intranet (府內網路). */
  intranetCidrs: string[];
  /** SSO-5 login methods enabled in this deployment, and those also allowed outside the intranet. */
  loginMethods: string[];
  loginMethodsOutsideIntranet: string[];
  /** SSO-10 when a second factor is required: for these roles, and/or outside the intranet. */
  mfa: { roles: string[]; outsideIntranet: boolean };
  totpIssuer: string;
  /** Outgoing mail (codes): an SMTP URL, or none — then mails are written to the log (development). */
  mail: { smtpUrl: string | undefined; from: string };
  /** The government's own mail domains: a backup address must be elsewhere. */
  officialMailDomains: string[];
  /** Per application and node: calls per second to /api/v1 (token bucket). */
  integrationRate: { perSecond: number; burst: number; failureBudget: number };
  /** 行動自然人憑證 (TW FidO) relying-party settings; null when not configured. */
  twfido: {
    url: string;
    serviceId: string;
    key: string;
    timeLimitSeconds: number;
    /** PEM bundle of the CAs that issue the signers' certificates (MOICA); null: not checked. */
    caFile: string | null;
  } | null;
  /**
   * SSO-5 簡訊: the provider (`log` keeps messages for administrators to read, development only;
   * `mitake` is 三竹 B2C HTTP). `enabled` is false in production with the log provider: then no
   * text message is sent at all.
   */
  sms: {
    provider: 'log' | 'mitake';
    enabled: boolean;
    timeoutMs: number;
    mitake: { url: string; username: string; password: string } | null;
  };
  /** SSO-5 實體自然人憑證: trust anchors (PEM files or directories), HiPKI, revocation checking. */
  moica: {
    trustAnchors: string[];
    hipkiUrl: string;
    revocationTimeoutMs: number;
    ocspGoodTtlMs: number;
    crlMaxTtlMs: number;
    signingSkewMs: number;
  };
  /** 通行金鑰 (WebAuthn): relying party ID (a host name), name shown by the browser, accepted origins. */
  webauthn: { rpId: string; rpName: string; origins: string[] };
}

export class ConfigError extends Error {}

const list = (v: string) =>
  v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parseTrustProxy(v: string): boolean | number | string {
  if (v === 'false' || v === '') return false;
  if (v === 'true') return true;
  if (/^\d+$/u.test(v)) return Number(v);
  return v; // comma-separated addresses / CIDRs of the trusted proxies
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  // 臨時密碼 mails its codes: on by default where mail can go out (or, in development, to the log).
  // 簡訊 likewise where a real provider is configured (or, in development, the log provider).
  const smsProvider = e.SMS_PROVIDER ?? 'log';
  const loginMethods =
    e.LOGIN_METHODS ??
    [
      e.NODE_ENV !== 'production' || e.SMTP_URL ? 'password,totp,temp_password' : 'password,totp',
      // 行動自然人憑證: on by default wherever TW FidO is configured.
      ...(e.TWFIDO_URL ? ['mobile_moica'] : []),
      ...(e.NODE_ENV !== 'production' || smsProvider === 'mitake' ? ['sms'] : []),
      // 實體自然人憑證: on by default wherever its trust anchors are configured.
      ...(e.MOICA_TRUST_ANCHORS ? ['moica'] : []),
      // 手機掃碼: phishing-resistant, needs nothing outside the portal.
      'qr',
      // 通行金鑰 needs nothing outside the portal: on everywhere.
      'passkey',
    ].join(',');
  const twfidoSet = [e.TWFIDO_URL, e.TWFIDO_SP_SERVICE_ID, e.TWFIDO_SP_KEY].filter(Boolean).length;
  if (twfidoSet !== 0 && twfidoSet !== 3)
    throw new ConfigError('TWFIDO_URL, TWFIDO_SP_SERVICE_ID and TWFIDO_SP_KEY must be set together');
  if (list(loginMethods).includes('mobile_moica') && !e.TWFIDO_URL)
    throw new ConfigError(
      'LOGIN_METHODS includes mobile_moica: set TWFIDO_URL, TWFIDO_SP_SERVICE_ID and TWFIDO_SP_KEY',
    );
  if (e.NODE_ENV === 'production' && list(loginMethods).includes('temp_password') && !e.SMTP_URL)
    throw new ConfigError('SMTP_URL is required in production when LOGIN_METHODS includes temp_password');
  // 簡訊 sign-in: a real provider is needed in production, as mail needs SMTP_URL.
  if (e.NODE_ENV === 'production' && list(loginMethods).includes('sms') && smsProvider === 'log')
    throw new ConfigError('SMS_PROVIDER=mitake is required in production when LOGIN_METHODS includes sms');
  if (smsProvider === 'mitake' && !(e.MITAKE_URL && e.MITAKE_USERNAME && e.MITAKE_PASSWORD))
    throw new ConfigError('MITAKE_URL, MITAKE_USERNAME and MITAKE_PASSWORD are required when SMS_PROVIDER=mitake');
  const badCidrs = list(e.INTRANET_CIDRS).filter((c) => {
    try {
      ipaddr.parseCIDR(c);
      return false;
    } catch {
      return true;
    }
  });
  if (badCidrs.length) throw new ConfigError(`INTRANET_CIDRS: not a CIDR: ${badCidrs.join(', ')}`);
  for (const [name, value] of [
    ['LOGIN_METHODS', loginMethods],
    ['LOGIN_METHODS_OUTSIDE_INTRANET', e.LOGIN_METHODS_OUTSIDE_INTRANET],
  ] as const) {
    const unknown = list(value).filter((m) => !(LOGIN_METHODS as readonly string[]).includes(m));
    if (unknown.length) throw new ConfigError(`${name}: unknown login method(s) ${unknown.join(', ')}`);
  }
  const mfaRoles = list(e.MFA_REQUIRED_ROLES).filter((r) => r !== 'none');
  const badRoles = mfaRoles.filter((r) => r !== 'agency_admin' && r !== 'system_admin' && r !== 'user');
  if (badRoles.length) throw new ConfigError(`MFA_REQUIRED_ROLES: unknown role(s) ${badRoles.join(', ')}`);
  const missingAnchors = list(e.MOICA_TRUST_ANCHORS).filter((p) => !fs.existsSync(p));
  if (missingAnchors.length) throw new ConfigError(`MOICA_TRUST_ANCHORS: not found: ${missingAnchors.join(', ')}`);
  if (e.NODE_ENV === 'production' && list(loginMethods).includes('moica') && !e.MOICA_TRUST_ANCHORS)
    throw new ConfigError('MOICA_TRUST_ANCHORS is required when LOGIN_METHODS includes moica');
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/u, '');
  const url = new URL(publicUrl);
  const secure = url.protocol === 'https:';
  if (e.NODE_ENV === 'production' && !secure) throw new ConfigError('PUBLIC_URL must be https:// in production');
  const webauthn = webauthnConfig(e, url);
  if (e.NODE_ENV === 'production' && e.DATABASE_URL && !e.MASTER_KEY)
    throw new ConfigError('MASTER_KEY is required in production when DATABASE_URL is set');
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    publicOrigin: url.origin,
    secureCookies: secure,
    // __Host- cookies require Secure; on plain http://localhost in development a plain name is used.
    sessionCookie: secure ? '__Host-menhu' : 'menhu',
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    masterKey: e.MASTER_KEY ? Buffer.from(e.MASTER_KEY, 'base64') : undefined,
    session: { idleMs: e.SESSION_IDLE_MINUTES * 60_000, absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000 },
    lockout: {
      threshold: e.LOCKOUT_THRESHOLD,
      durationMs: e.LOCKOUT_MINUTES * 60_000,
      ipMaxFailures: e.IP_THROTTLE_MAX_FAILURES,
      ipWindowMs: e.IP_THROTTLE_WINDOW_MINUTES * 60_000,
    },
    password: { maxAgeDays: e.PASSWORD_MAX_AGE_DAYS, warnDays: e.PASSWORD_WARN_DAYS },
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    logLevel: e.LOG_LEVEL,
    // Demo data (with its published passwords) only by default on a developer's own machine: an
    // install reached under a real host name must ask for it explicitly with SEED_DEMO=true.
    seedDemo: e.SEED_DEMO ?? (e.NODE_ENV !== 'production' && LOCAL_HOSTS.has(url.hostname)),
    bodyLimit: e.BODY_LIMIT_BYTES,
    webDist: path.resolve(e.WEB_DIST ?? path.join(import.meta.dirname, '../../web/dist')),
    intranetCidrs: list(e.INTRANET_CIDRS),
    loginMethods: list(loginMethods),
    loginMethodsOutsideIntranet: list(e.LOGIN_METHODS_OUTSIDE_INTRANET),
    mfa: { roles: mfaRoles, outsideIntranet: e.MFA_REQUIRED_OUTSIDE_INTRANET ?? true },
    totpIssuer: e.TOTP_ISSUER,
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    officialMailDomains: list(e.OFFICIAL_MAIL_DOMAINS).map((d) => d.toLowerCase()),
    integrationRate: {
      perSecond: e.INTEGRATION_RATE_PER_SECOND,
      burst: e.INTEGRATION_RATE_BURST,
      failureBudget: e.INTEGRATION_FAILURE_BUDGET,
    },
    twfido:
      e.TWFIDO_URL && e.TWFIDO_SP_SERVICE_ID && e.TWFIDO_SP_KEY
        ? {
            url: e.TWFIDO_URL.replace(/\/+$/u, ''),
            serviceId: e.TWFIDO_SP_SERVICE_ID,
            key: e.TWFIDO_SP_KEY,
            timeLimitSeconds: e.TWFIDO_TIME_LIMIT_SECONDS,
            caFile: e.TWFIDO_CA_FILE ? path.resolve(e.TWFIDO_CA_FILE) : null,
          }
        : null,
    sms: {
      provider: smsProvider,
      enabled: smsProvider !== 'log' || e.NODE_ENV !== 'production',
      timeoutMs: e.SMS_TIMEOUT_MS,
      mitake:
        smsProvider === 'mitake'
          ? { url: e.MITAKE_URL!.replace(/\/+$/u, ''), username: e.MITAKE_USERNAME!, password: e.MITAKE_PASSWORD! }
          : null,
    },
    moica: {
      trustAnchors: list(e.MOICA_TRUST_ANCHORS).map((p) => path.resolve(p)),
      hipkiUrl: new URL(e.HIPKI_URL).origin,
      revocationTimeoutMs: e.MOICA_REVOCATION_TIMEOUT_MS,
      ocspGoodTtlMs: e.MOICA_OCSP_CACHE_SECONDS * 1000,
      crlMaxTtlMs: e.MOICA_CRL_CACHE_SECONDS * 1000,
      signingSkewMs: e.MOICA_SIGNING_SKEW_SECONDS * 1000,
    },
    webauthn,
  };
}

/**
 * Passkeys belong to a relying party ID: by default the host of PUBLIC_URL, accepted from
 * PUBLIC_URL's origin. WEBAUTHN_RP_ID may name a parent domain instead (city.gov.tw for
 * login.city.gov.tw) so passkeys survive a move of the portal within it; WEBAUTHN_ORIGINS lists
 * further origins (each must be the RP ID or one of its subdomains).
 */
function webauthnConfig(e: z.output<typeof EnvSchema>, url: URL): Config['webauthn'] {
  const host = url.hostname.replace(/^\[|\]$/gu, '');
  const rpId = (e.WEBAUTHN_RP_ID ?? host).toLowerCase();
  const within = (h: string) => h === rpId || h.endsWith(`.${rpId}`);
  if (!within(host)) throw new ConfigError(`WEBAUTHN_RP_ID: ${rpId} is not PUBLIC_URL's host or a parent domain of it`);
  const origins = [url.origin];
  for (const o of list(e.WEBAUTHN_ORIGINS ?? '')) {
    let extra: URL;
    try {
      extra = new URL(o);
    } catch {
      throw new ConfigError(`WEBAUTHN_ORIGINS: not a URL: ${o}`);
    }
    if (!within(extra.hostname)) throw new ConfigError(`WEBAUTHN_ORIGINS: ${o} is outside WEBAUTHN_RP_ID ${rpId}`);
    if (e.NODE_ENV === 'production' && extra.protocol !== 'https:')
      throw new ConfigError(`WEBAUTHN_ORIGINS: ${o} must be https:// in production`);
    if (!origins.includes(extra.origin)) origins.push(extra.origin);
  }
  return { rpId, rpName: e.WEBAUTHN_RP_NAME, origins };
}
