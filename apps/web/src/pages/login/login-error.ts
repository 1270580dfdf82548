import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorMessage } from '../../lib/errors.ts';

/** A sign-in step's refusal as the server words it; locked accounts also get when the lock ends. */
export function useLoginError(error: unknown): string | null {
  const { t, date } = useI18n();
  if (!error) return null;
  const text = errorMessage(error, t('error.network'));
  if (error instanceof ApiError && error.code === 'MENHU_ERR_ACCOUNT_LOCKED') {
    const until = (error.details as { lockedUntil?: string } | undefined)?.lockedUntil;
    if (until) return `${text}（${t('login.lockedUntil', { time: date(until) })}）`;
  }
  return text;
}
