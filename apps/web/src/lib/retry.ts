import { ApiError } from '../api/client.ts';
import type { I18n } from '../i18n/index.tsx';

/** Seconds to wait before asking again, from a 429's Retry-After; null for other failures. */
export function retryAfterSeconds(error: unknown): number | null {
  return error instanceof ApiError && error.status === 429 ? (error.retryAfter ?? null) : null;
}

/** 「嘗試次數過多，請稍後再試（請於 3 分鐘後再試）」: the server's words and, when known, how long. */
export function withRetryTime(t: I18n['t'], message: string, error: unknown): string {
  const s = retryAfterSeconds(error);
  if (s === null) return message;
  const time = s >= 60 ? t('temp.minutes', { n: Math.ceil(s / 60) }) : t('temp.seconds', { n: s });
  return t('temp.retryIn', { message, time });
}
