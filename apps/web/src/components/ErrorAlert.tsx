import { Alert } from 'antd';
import { useI18n } from '../i18n/index.tsx';
import { errorMessage } from '../lib/errors.ts';

/** Shows an API failure as the server worded it (localised by Accept-Language). */
export function ErrorAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorMessage(error, t('error.unexpected'))}
      closable={onClose ? { onClose, 'aria-label': t('common.close') } : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
