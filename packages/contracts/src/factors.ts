/** ACC-3 登入安全: every way the person can sign in or prove themselves, with its last use. */
import { z } from 'zod';

export const FACTOR_KINDS = [
  'password',
  'totp',
  'backup_email',
  'sms',
  'passkey',
  'moica',
  'mobile_moica',
  'qr',
] as const;
export type FactorKind = (typeof FACTOR_KINDS)[number];

export const FACTOR_LABELS: Record<FactorKind, { zh: string; en: string }> = {
  password: { zh: '密碼', en: 'Password' },
  totp: { zh: '動態驗證碼', en: 'Authenticator app' },
  backup_email: { zh: '備用信箱', en: 'Backup e-mail' },
  sms: { zh: '手機號碼（簡訊）', en: 'Mobile number (SMS)' },
  passkey: { zh: '通行金鑰', en: 'Passkey' },
  moica: { zh: '自然人憑證', en: 'Citizen certificate card' },
  mobile_moica: { zh: '行動自然人憑證', en: 'Mobile citizen certificate' },
  qr: { zh: '手機掃碼登入', en: 'Phone sign-in' },
};

export const Factor = z.object({
  kind: z.enum(FACTOR_KINDS),
  /** What tells several of a kind apart: a passkey's name, a masked address or number … */
  label: z.string().nullable(),
  boundAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  /** Whether it counts as a second factor (SSO-10), or is two factors by itself. */
  secondFactor: z.boolean(),
});
export type Factor = z.infer<typeof Factor>;
export const FactorList = z.object({
  items: z.array(Factor),
  /** The role requires a second factor: the last one cannot be removed. */
  secondFactorRequired: z.boolean(),
});
export type FactorList = z.infer<typeof FactorList>;
