import { z } from 'zod';
import { OrgRef, Role } from './accounts.ts';

export const LoginRequest = z.object({
  account: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  /** Ask for a second factor even where policy would not (a system requested acr loa:2). */
  stepUp: z.boolean().optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  account: z.string(),
  name: z.string(),
  roles: z.array(Role),
  csrfToken: z.string(),
  /** Set when the session is limited to changing the password (expired or forced). */
  passwordChangeRequired: z.enum(['expired', 'forced']).nullable(),
  /** Days until the password expires, when 14 or fewer (SSO-8 "密碼將於 N 天後到期"). */
  passwordExpiresInDays: z.number().int().nullable(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** SSO-10 second factors (POST /api/auth/mfa/<method>); each login method adds its own. */
export const SECOND_FACTOR_METHODS = ['totp', 'recovery', 'password', 'sms', 'passkey'] as const;
export const SecondFactorMethod = z.enum(SECOND_FACTOR_METHODS);
export type SecondFactorMethod = z.infer<typeof SecondFactorMethod>;

/** SSO-10: the first step's answer when a second factor must follow; the cookie is not yet a session. */
export const MfaChallenge = z.object({
  mfaRequired: z.literal(true),
  /** What may complete the sign-in; empty with enrolRequired: bind an authenticator app first. */
  methods: z.array(SecondFactorMethod),
  enrolRequired: z.boolean(),
  account: z.string(),
  name: z.string(),
  csrfToken: z.string(),
});
export type MfaChallenge = z.infer<typeof MfaChallenge>;
export const SignInResponse = z.union([LoginResponse, MfaChallenge]);
export type SignInResponse = z.infer<typeof SignInResponse>;

export const TotpLoginRequest = z.object({
  account: z.string().trim().min(1).max(64),
  code: z.string().trim().max(10),
});
export const MfaRequest = z.object({ code: z.string().trim().min(1).max(64) });
export const MfaPasswordRequest = z.object({ password: z.string().min(1).max(200) });
export type TotpLoginRequest = z.infer<typeof TotpLoginRequest>;

export const TotpBinding = z.object({ otpauthUri: z.string(), secret: z.string() });
export const TotpConfirm = z.object({ code: z.string().trim().max(10) });
export const TotpConfirmed = z.object({
  recoveryCodes: z.array(z.string()),
  /** When the binding completed an MFA-pending sign-in: the session it became. */
  session: LoginResponse.nullable(),
});
export type TotpBinding = z.infer<typeof TotpBinding>;
export type TotpConfirmed = z.infer<typeof TotpConfirmed>;
export const TotpUnbind = z.object({ password: z.string().min(1).max(200) });
export const TotpStatus = z.object({
  bound: z.boolean(),
  boundAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  recoveryCodesLeft: z.number().int(),
});
export type TotpStatus = z.infer<typeof TotpStatus>;

export const LoginMethods = z.object({
  zone: z.enum(['intranet', 'internet']),
  methods: z.array(
    z.object({
      method: z.string(),
      /** Why the method is hidden here: 'intranet_only' (府內網路限定) or 'not_on_mobile'. */
      unavailable: z.enum(['intranet_only', 'not_on_mobile']).nullable(),
    }),
  ),
});
export type LoginMethods = z.infer<typeof LoginMethods>;

export const Me = z.object({
  id: z.number().int(),
  account: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  org: z.object({ id: z.number().int(), code: z.string(), name: z.string(), shortName: z.string() }),
  roles: z.array(Role),
  csrfToken: z.string(),
  passwordChangeRequired: z.enum(['expired', 'forced']).nullable(),
  passwordExpiresInDays: z.number().int().nullable(),
  hasAvatar: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const PasswordChange = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export type PasswordChange = z.infer<typeof PasswordChange>;

export const Session = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  method: z.string(),
  current: z.boolean(),
});
export type Session = z.infer<typeof Session>;
export const SessionList = z.object({ items: z.array(Session) });

/** SSO-11 login methods as recorded; more arrive with later login methods. */
export const LOGIN_METHODS = [
  'password',
  'totp',
  'temp_password',
  'sms',
  'moica',
  'mobile_moica',
  'passkey',
  'qr',
  'verify_api',
] as const;
export const LoginMethod = z.enum(LOGIN_METHODS);
export const LOGIN_METHOD_LABELS: Record<(typeof LOGIN_METHODS)[number], { zh: string; en: string }> = {
  password: { zh: '一般登入', en: 'Password' },
  totp: { zh: '動態驗證碼', en: 'Authenticator code' },
  temp_password: { zh: '臨時密碼', en: 'Temporary password' },
  sms: { zh: '簡訊', en: 'SMS' },
  moica: { zh: '自然人憑證', en: 'Citizen certificate card' },
  mobile_moica: { zh: '行動自然人憑證', en: 'Mobile citizen certificate' },
  passkey: { zh: '通行金鑰', en: 'Passkey' },
  qr: { zh: '手機掃碼', en: 'Phone QR' },
  verify_api: { zh: '帳號驗證服務', en: 'Verification API' },
};

export const LoginRecord = z.object({
  id: z.number().int(),
  at: z.string(),
  account: z.string(),
  accountId: z.number().int().nullable(),
  name: z.string().nullable(),
  method: z.string(),
  success: z.boolean(),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type LoginRecord = z.infer<typeof LoginRecord>;

export { OrgRef };

/** SSO-5 備用信箱 and 臨時密碼 */
export const EmailInput = z.object({ email: z.string().trim().max(200).email() });
export const CodeSent = z.object({ ok: z.literal(true), expiresAt: z.string() });
export const EmailCodeConfirm = z.object({ code: z.string().trim().min(1).max(10) });
export const BackupEmailStatus = z.object({
  email: z.string().nullable(),
  boundAt: z.string().nullable(),
  pending: z.string().nullable(),
});
export const TempPasswordLogin = z.object({
  email: z.string().trim().max(200).email(),
  code: z.string().trim().min(1).max(10),
});
export const PasswordConfirm = z.object({ password: z.string().min(1).max(200) });
