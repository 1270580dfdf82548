/** SSO-8 "密碼將於 N 天後到期" with a way to change it now. */
import { Alert } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMe } from '../api/me.ts';
import { useI18n } from '../i18n/index.tsx';

export function PasswordExpiryBanner() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const [dismissed, setDismissed] = useState(false);
  const days = me?.passwordExpiresInDays;
  if (dismissed || days === null || days === undefined) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={days <= 0 ? t('password.expiresToday') : t('password.expiresIn', { n: days })}
      action={<Link to="/me?tab=password">{t('password.changeNow')}</Link>}
      closable={{ onClose: () => setDismissed(true), 'aria-label': t('common.close') }}
    />
  );
}
