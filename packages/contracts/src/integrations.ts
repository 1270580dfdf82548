/**
 * INT-1..4 應用系統服務介接管理, SSO-2 帳號驗證 and SSO-3 轉登: the shapes the web console, the
 * integrating systems and the server share.
 */
import { z } from 'zod';
import { IsoDate, MAX_ID, optionalText, text } from './common.ts';

/** The seven claims of SSO-1 (所需回拋資料), in the seed form's order. */
export const CLAIMS = ['name', 'title', 'phone_number', 'email', 'org_name', 'org_short_name', 'org_code'] as const;
export const Claim = z.enum(CLAIMS);
export type Claim = z.infer<typeof Claim>;
export const CLAIM_LABELS: Record<Claim, { zh: string; en: string }> = {
  name: { zh: '姓名', en: 'Name' },
  title: { zh: '職稱', en: 'Title' },
  phone_number: { zh: '公務電話', en: 'Office phone' },
  email: { zh: '公務郵件', en: 'Office e-mail' },
  org_name: { zh: '機關全銜', en: 'Agency full name' },
  org_short_name: { zh: '機關簡稱', en: 'Agency short name' },
  org_code: { zh: '機關代碼', en: 'Agency code' },
};

export const SERVICES = ['sso', 'verify', 'transfer', 'sms'] as const;
export const Service = z.enum(SERVICES);
export type Service = z.infer<typeof Service>;
export const SERVICE_LABELS: Record<Service, { zh: string; en: string }> = {
  sso: { zh: '單一登入', en: 'Single sign-on' },
  verify: { zh: '帳號驗證', en: 'Account verification' },
  transfer: { zh: '轉登', en: 'Transfer login' },
  sms: { zh: '簡訊發送', en: 'SMS sending' },
};

/** 尚未申請 is the absence of a request. */
export const SERVICE_STATUSES = ['none', 'pending', 'approved', 'rejected'] as const;
export const ServiceStatus = z.enum(SERVICE_STATUSES);
export type ServiceStatus = z.infer<typeof ServiceStatus>;
export const SERVICE_STATUS_LABELS: Record<ServiceStatus, { zh: string; en: string }> = {
  none: { zh: '尚未申請', en: 'Not requested' },
  pending: { zh: '未審核', en: 'Awaiting review' },
  approved: { zh: '審核通過', en: 'Approved' },
  rejected: { zh: '駁回', en: 'Rejected' },
};

export const APP_STATUSES = ['active', 'suspended', 'revoked'] as const;
export const AppStatus = z.enum(APP_STATUSES);
export type AppStatus = z.infer<typeof AppStatus>;
export const APP_STATUS_LABELS: Record<AppStatus, { zh: string; en: string }> = {
  active: { zh: '使用中', en: 'Active' },
  suspended: { zh: '已停權', en: 'Suspended' },
  revoked: { zh: '已撤銷', en: 'Revoked' },
};

/**
 * An absolute http(s) URL without a fragment or credentials (redirect URIs must match exactly),
 * stored in its normalised form. Whitespace and control characters are refused rather than
 * silently dropped by the URL parser, so what a reviewer reads is where requests go.
 */
export const HttpUrl = z
  .string()
  .trim()
  .max(500)
  .refine((u) => {
    if (!/^[^\s\u0000-\u001f\u007f]+$/u.test(u)) return false;
    try {
      const url = new URL(u);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.hash && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'an absolute http(s) URL without a fragment, spaces or control characters')
  .transform((u) => new URL(u).href);

export const AppInput = z.object({
  name: text(100).min(1),
  url: HttpUrl,
  orgId: z.number().int().positive().max(MAX_ID),
  unit: optionalText(100),
  vendor: optionalText(100),
  contactName: text(50).min(1),
  contactEmail: z.string().trim().max(200).email(),
  contactPhone: optionalText(30),
});
export type AppInput = z.infer<typeof AppInput>;
export const AppUpdate = AppInput.partial();

export const ServiceState = z.object({
  service: Service,
  status: ServiceStatus,
  requestedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reason: z.string().nullable(),
  /** What was asked for last (may differ from what is in force while a change awaits review). */
  request: z.record(z.string(), z.unknown()).nullable(),
  /** What is in force. */
  approved: z.record(z.string(), z.unknown()).nullable(),
  oidcClientId: z.string().nullable(),
  calls: z.number().int(),
});
export type ServiceState = z.infer<typeof ServiceState>;

export const App = z.object({
  id: z.number().int(),
  apcode: z.string(),
  name: z.string(),
  url: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  unit: z.string().nullable(),
  vendor: z.string().nullable(),
  contactName: z.string(),
  contactEmail: z.string(),
  contactPhone: z.string().nullable(),
  ownerId: z.number().int().nullable(),
  ownerName: z.string().nullable(),
  status: AppStatus,
  statusReason: z.string().nullable(),
  tokenRotatedAt: z.string(),
  createdAt: z.string(),
  services: z.array(ServiceState),
});
export type App = z.infer<typeof App>;

export const AppQuery = z.object({
  q: optionalText(100),
  status: AppStatus.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** The APTOKEN (and for 單一登入 the client secret) is in the answer once and never again. */
export const AppCreated = z.object({ app: App, aptoken: z.string() });
export const TokenIssued = z.object({ apcode: z.string(), aptoken: z.string() });
export const ClientSecretIssued = z.object({ clientId: z.string(), clientSecret: z.string() });

const UrlList = z.array(HttpUrl).max(10);

/** 服務介接申請資訊: one shape for all services; each service requires its own fields. */
export const ServiceRequest = z.object({
  claims: z.array(Claim).max(CLAIMS.length).optional(),
  redirectUris: UrlList.optional(),
  postLogoutRedirectUris: UrlList.optional(),
  backchannelLogoutUri: HttpUrl.nullable().optional(),
  initiateLoginUri: HttpUrl.nullable().optional(),
  /** SSO-10 per system: every sign-in to it needs two factors (acr urn:menhu:loa:2), whatever it asks. */
  requireMfa: z.boolean().optional(),
  entryUrl: HttpUrl.nullable().optional(),
  /** 申請說明 */
  description: text(1000).min(1),
});
export type ServiceRequest = z.infer<typeof ServiceRequest>;

export const ServiceParams = z.object({ id: z.coerce.number().int().positive().max(MAX_ID), service: Service });

export const ReviewInput = z
  .object({
    decision: z.enum(['approve', 'reject']),
    reason: optionalText(500),
    /** The request's requestedAt the reviewer saw: a request changed since is a conflict, not approved unseen. */
    requestedAt: z.string().max(40),
  })
  .refine((v) => v.decision === 'approve' || (v.reason ?? '').length > 0, {
    message: 'a reason is required to reject',
    path: ['reason'],
  });

export const ReviewEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  reason: z.string().nullable(),
  snapshot: z.unknown(),
});
export const ReviewList = z.object({ items: z.array(ReviewEntry) });

export const StatusInput = z.object({ status: z.enum(['active', 'suspended']), reason: optionalText(500) });

/** A pending request in the system admin's review queue. */
export const PendingRequest = z.object({
  appId: z.number().int(),
  appName: z.string(),
  apcode: z.string(),
  orgName: z.string(),
  service: Service,
  requestedAt: z.string(),
  requestedBy: z.string().nullable(),
  request: z.record(z.string(), z.unknown()),
  /** What is in force now (a change request of an approved service), for comparison. */
  approved: z.record(z.string(), z.unknown()).nullable(),
});
export const PendingList = z.object({ items: z.array(PendingRequest) });

export const StatsQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  service: Service.optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
});
export const StatsRow = z.object({
  day: z.string(),
  service: Service,
  calls: z.number().int(),
  failures: z.number().int(),
});
export const StatsList = z.object({ from: z.string(), to: z.string(), items: z.array(StatsRow) });

/** SSO-2: POST /api/v1/verify */
export const VerifyRequest = z.object({ account: z.string().max(64), password: z.string().max(200) });
export const VERIFY_REASONS = [
  'invalid_credentials',
  'locked',
  'disabled',
  'not_activated',
  'password_change_required',
  'mfa_required',
] as const;
export const VerifyResponse = z.union([
  z.object({
    valid: z.literal(true),
    sub: z.string(),
    account: z.string(),
    claims: z.record(z.string(), z.string()),
  }),
  z.object({ valid: z.literal(false), reason: z.enum(VERIFY_REASONS) }),
]);

/** SSO-3: POST /api/v1/transfer/redeem */
export const RedeemRequest = z.object({ ticket: z.string().min(1).max(200) });
export const RedeemResponse = z.object({
  sub: z.string(),
  account: z.string(),
  claims: z.record(z.string(), z.string()),
});
