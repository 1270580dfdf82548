/**
 * SSO-5 binding an authenticator app: the otpauth URI as a QR code (antd's QRCode drawn as SVG
 * elements, so nothing inline for the CSP to refuse), the key in groups of four for manual
 * entry, and the first code to confirm it. Used at first sign-in and in 個人帳號管理.
 */
import { Button, Form, QRCode, Skeleton, Space, Typography } from 'antd';
import type { TotpConfirmed } from '@menhu/contracts';
import { useConfirmTotp, useTotpBinding } from '../api/totp.ts';
import { useI18n } from '../i18n/index.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { TotpCodeItem } from './TotpCodeItem.tsx';

const grouped = (secret: string) => secret.match(/.{1,4}/gu)?.join(' ') ?? secret;

export function TotpSetup({
  account,
  onConfirmed,
  onCancel,
}: {
  account: string;
  onConfirmed: (res: TotpConfirmed) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const binding = useTotpBinding();
  const confirm = useConfirmTotp();

  if (binding.error)
    return (
      <>
        <ErrorAlert error={binding.error} />
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </>
    );
  if (!binding.data) return <Skeleton active />;
  const { otpauthUri, secret } = binding.data;

  return (
    <div className="totp-setup">
      <ol className="totp-steps">
        <li>{t('totp.step1')}</li>
        <li>{t('totp.step2')}</li>
      </ol>
      <div className="totp-qr">
        {/* The aria-label reaches the <svg role="img"> antd draws. */}
        <QRCode
          value={otpauthUri}
          type="svg"
          size={200}
          errorLevel="M"
          bgColor="#ffffff"
          color="#000000"
          aria-label={t('totp.qrLabel', { account })}
        />
      </div>
      <div className="totp-manual">
        <Typography.Text strong>{t('totp.manual')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>
          {t('totp.manualNote', { account })}
        </Typography.Paragraph>
        <Typography.Paragraph>
          {t('totp.secret')}
          {': '}
          {/* Grouped by four for reading aloud and typing; copied without the spaces. */}
          <Typography.Text
            code
            strong
            className="totp-secret secret-value"
            copyable={{ text: secret, tooltips: [t('int.copyNamed', { name: t('totp.secret') }), t('otp.copied')] }}
          >
            {grouped(secret)}
          </Typography.Text>
        </Typography.Paragraph>
      </div>
      <ol className="totp-steps" start={3}>
        <li>{t('totp.step3')}</li>
      </ol>
      <Form<{ code: string }>
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => confirm.mutate(v.code, { onSuccess: onConfirmed })}
      >
        <ErrorAlert error={confirm.error} />
        <TotpCodeItem label={t('login.totpCode')} />
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={confirm.isPending}>
            {t('totp.confirm')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}
