/** SSO-9 開通帳號 and 忘記密碼: identity by a code mailed to the backup address, then a new password. */
import { z } from 'zod';

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
