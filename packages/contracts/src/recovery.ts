/**
 * SSO-9 開通帳號 and 忘記密碼: identity by a code mailed to the backup address or by 行動自然人憑證,
 * then a new password.
 */
import { z } from 'zod';
import { NationalId } from './accounts.ts';
import { MobileMoicaState } from './mobile-moica.ts';

/** 開通帳號 (first sign-in of a new or reused account) or 忘記密碼 (a reset). */
export const RecoveryPurpose = z.enum(['activate', 'reset']);
export type RecoveryPurpose = z.infer<typeof RecoveryPurpose>;

export const RecoveryCodeRequest = z.object({
  purpose: RecoveryPurpose,
  account: z.string().trim().min(1).max(64),
  email: z.string().trim().max(200).email(),
});
export type RecoveryCodeRequest = z.infer<typeof RecoveryCodeRequest>;

export const RecoveryVerify = RecoveryCodeRequest.extend({ code: z.string().trim().min(1).max(10) });
export type RecoveryVerify = z.infer<typeof RecoveryVerify>;

/** Proof that the code was right, for the 設定密碼 step; single use, as long as the code would live. */
export const RecoveryTicket = z.object({ ticket: z.string(), expiresAt: z.string() });
export type RecoveryTicket = z.infer<typeof RecoveryTicket>;

export const RecoveryPassword = z.object({
  ticket: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(256),
});
export type RecoveryPassword = z.infer<typeof RecoveryPassword>;

export const RecoveryDone = z.object({ ok: z.literal(true), account: z.string() });
export type RecoveryDone = z.infer<typeof RecoveryDone>;

/** 身分驗證 by 行動自然人憑證: the account and its holder's ID number; answered like the sign-in start. */
export const RecoveryMobileMoicaStart = z.object({
  purpose: RecoveryPurpose,
  account: z.string().trim().min(1).max(64),
  idNumber: NationalId,
});
export type RecoveryMobileMoicaStart = z.infer<typeof RecoveryMobileMoicaStart>;

/** The page's poll; with status 'approved' a ticket for 設定密碼 (single use, until expiresAt). */
export const RecoveryMobileMoicaStatus = z.object({
  status: MobileMoicaState,
  expiresAt: z.string().nullable(),
  ticket: z.string().nullable(),
});
export type RecoveryMobileMoicaStatus = z.infer<typeof RecoveryMobileMoicaStatus>;
