/** A temporary password is shown once; the server keeps only its hash. */
import { Alert, Typography } from 'antd';
import { useI18n } from '../i18n/index.tsx';

export function OneTimePassword({ password }: { password: string }) {
  const { t } = useI18n();
  return (
    <div>
      <Alert type="warning" showIcon title={t('otp.showOnce')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>
        {t('otp.label')}
        {': '}
        <Typography.Text
          code
          strong
          className="one-time-password"
          copyable={{ text: password, tooltips: [t('otp.copy'), t('otp.copied')] }}
        >
          {password}
        </Typography.Text>
      </Typography.Paragraph>
    </div>
  );
}
