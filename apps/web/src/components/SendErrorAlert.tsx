/** A refused send: the server's words, its field details (「請使用非公務信箱」) and, for a 429, when to try again. */
import { Alert } from 'antd';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { errorMessage } from '../lib/errors.ts';
import { withRetryTime } from '../lib/retry.ts';

export function SendErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const details =
    error instanceof ApiError && Array.isArray(error.details)
      ? (error.details as { message?: unknown }[])
          .map((d) => d.message)
          .filter((m): m is string => typeof m === 'string')
      : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={withRetryTime(t, errorMessage(error, t('error.unexpected')), error)}
      description={details.length > 0 ? details.join('、') : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
