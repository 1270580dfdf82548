/** SSO-5 簡訊 (SMS OTP): mobile-number binding, SMS sign-in, and the administrators' 簡訊發送紀錄. */
import { z } from 'zod';

/**
 * A Taiwan mobile number: 09xxxxxxxx, or +886 9xxxxxxxx / 8869xxxxxxxx; spaces, dashes and
 * brackets are ignored. Normalised to 09xxxxxxxx.
 */
export function normaliseTwMobile(input: string): string | null {
  const digits = input.replace(/[\s\-().]/gu, '');
  const m = /^(?:\+?886|0)?(9\d{8})$/u.exec(digits);
  return m ? `0${m[1]}` : null;
}

/** 0912-***-678 */
export const maskTwMobile = (n: string) => `${n.slice(0, 4)}-***-${n.slice(-3)}`;

export const TwMobile = z
  .string()
  .trim()
  .max(20)
  .transform((v, c) => {
    const n = normaliseTwMobile(v);
    if (!n) {
      c.addIssue({ code: 'custom', message: '請輸入 09 開頭的 10 碼手機號碼 (a Taiwan mobile number, 09xxxxxxxx)' });
      return z.NEVER;
    }
    return n;
  });

/** Binding (or changing) the number; a number already bound needs the password to change. */
export const SmsBindRequest = z.object({ phone: TwMobile, password: z.string().min(1).max(200).optional() });
export const SmsCodeConfirm = z.object({ code: z.string().trim().min(1).max(10) });
export const SmsStatus = z.object({
  /** The bound number, masked; null when none. */
  phone: z.string().nullable(),
  boundAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  /** A number waiting for its code, masked. */
  pending: z.string().nullable(),
});
export type SmsStatus = z.infer<typeof SmsStatus>;

export const SmsLoginSend = z.object({ account: z.string().trim().min(1).max(64) });
export const SmsLogin = z.object({ account: z.string().trim().min(1).max(64), code: z.string().trim().min(1).max(10) });

export const SMS_STATUSES = ['queued', 'sent', 'failed'] as const;
export const SmsMessage = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  to: z.string(),
  purpose: z.string(),
  provider: z.string(),
  /** Kept readable only by the development `log` provider; null otherwise. */
  body: z.string().nullable(),
  status: z.enum(SMS_STATUSES),
  providerMessageId: z.string().nullable(),
  errorCode: z.string().nullable(),
  attempts: z.number().int(),
});
export type SmsMessage = z.infer<typeof SmsMessage>;
