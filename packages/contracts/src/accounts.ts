import { z } from 'zod';
import { IsoDate, MAX_ID, optionalText, PageQuery, page, text } from './common.ts';

export const ROLES = ['user', 'agency_admin', 'system_admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;
export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  user: { zh: '一般使用者', en: 'User' },
  agency_admin: { zh: '機關管理者', en: 'Agency administrator' },
  system_admin: { zh: '系統管理者', en: 'System administrator' },
};

/** ACC-2 帳號狀態 未啟用 / 啟用 / 停用. */
export const ACCOUNT_STATUSES = ['pending', 'active', 'disabled'] as const;
export const AccountStatus = z.enum(ACCOUNT_STATUSES);
export type AccountStatus = z.infer<typeof AccountStatus>;
export const ACCOUNT_STATUS_LABELS: Record<AccountStatus, { zh: string; en: string }> = {
  pending: { zh: '未啟用', en: 'Not activated' },
  active: { zh: '啟用', en: 'Active' },
  disabled: { zh: '停用', en: 'Disabled' },
};
/** ACC-2 登入許可狀態 正常 / 鎖定. */
export const LOGIN_PERMISSION_LABELS = {
  normal: { zh: '正常', en: 'Normal' },
  locked: { zh: '鎖定', en: 'Locked' },
} as const;

export const AccountName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$/u, '3–32 letters, digits, . _ -')
  .transform((s) => s.toLowerCase());

/** Taiwanese national ID (身分證統一編號) or resident certificate number, checksum verified. */
export const NationalId = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isValidTaiwanId, '身分證統一編號格式或檢查碼錯誤');

const LETTER_VALUES = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';
export function isValidTaiwanId(id: string): boolean {
  if (!/^[A-Z][12890ABCD]\d{8}$/u.test(id)) return false;
  const first = LETTER_VALUES.indexOf(id[0]!) + 10;
  const second = /\d/u.test(id[1]!) ? Number(id[1]) : (LETTER_VALUES.indexOf(id[1]!) + 10) % 10;
  let sum = Math.floor(first / 10) + (first % 10) * 9 + second * 8;
  for (let i = 2; i < 9; i++) sum += Number(id[i]) * (9 - i);
  sum += Number(id[9]);
  return sum % 10 === 0;
}

export const OrgRef = z.object({ id: z.number().int(), code: z.string(), name: z.string() });

export const AccountSummary = z.object({
  id: z.number().int(),
  account: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  org: OrgRef,
  status: AccountStatus,
  locked: z.boolean(),
  roles: z.array(Role),
  lastLoginAt: z.string().nullable(),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const AccountDetail = AccountSummary.extend({
  idNumberMasked: z.string().nullable(),
  officePhone: z.string().nullable(),
  phoneExt: z.string().nullable(),
  birthday: z.string().nullable(),
  homeAddress: z.string().nullable(),
  workAddress: z.string().nullable(),
  needsOfficeMail: z.boolean(),
  createdAt: z.string(),
  loginCount: z.number().int(),
  passwordChangedAt: z.string().nullable(),
  mustChangePassword: z.boolean(),
  hasAvatar: z.boolean(),
  lockedUntil: z.string().nullable(),
});
export type AccountDetail = z.infer<typeof AccountDetail>;

export const AccountListQuery = PageQuery.extend({
  q: text(100).optional(),
  orgId: z.coerce.number().int().positive().max(MAX_ID).optional(),
  includeSubOrgs: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  status: AccountStatus.optional(),
  role: Role.optional(),
  locked: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
});
export type AccountListQuery = z.infer<typeof AccountListQuery>;
export const AccountPage = page(AccountSummary);

const Phone = text(30).regex(/^[0-9()+\-# ]*$/u, 'digits, ( ) + - # only');
const Email = z.string().trim().toLowerCase().email().max(254);

/** Fields a person may change about themselves (ACC-3 profile edit). */
export const ProfileUpdate = z.object({
  title: optionalText(50),
  officePhone: Phone.nullable().optional(),
  phoneExt: text(10)
    .regex(/^[0-9]*$/u)
    .nullable()
    .optional(),
  birthday: IsoDate.nullable().optional(),
  homeAddress: optionalText(200),
  workAddress: optionalText(200),
});
export type ProfileUpdate = z.infer<typeof ProfileUpdate>;

/** Fields an administrator may change (ACC-4). */
export const AccountUpdate = ProfileUpdate.extend({
  name: text(50).min(1).optional(),
  email: Email.nullable().optional(),
  idNumber: NationalId.nullable().optional(),
  needsOfficeMail: z.boolean().optional(),
  orgId: z.number().int().positive().max(MAX_ID).optional(),
});
export type AccountUpdate = z.infer<typeof AccountUpdate>;

export const AccountCreate = AccountUpdate.extend({
  account: AccountName,
  name: text(50).min(1),
  orgId: z.number().int().positive().max(MAX_ID),
  /**
   * SSO-9: the person's own (non-official) mailbox. Given, the account is created 未開通 without a
   * password, and the person activates it (開通帳號) with a code mailed there; otherwise it is
   * created active with a one-time password for the administrator to hand over.
   */
  backupEmail: Email.optional(),
});
export type AccountCreate = z.infer<typeof AccountCreate>;
export const AccountCreated = z.object({ account: AccountDetail, temporaryPassword: z.string().nullable() });
export type AccountCreated = z.infer<typeof AccountCreated>;

export const StatusChange = z.object({ status: z.enum(['active', 'disabled']), reason: optionalText(200) });
export const RoleChange = z.object({ role: z.enum(['agency_admin', 'system_admin']), granted: z.boolean() });
export const PasswordResetResult = z.object({ temporaryPassword: z.string() });
