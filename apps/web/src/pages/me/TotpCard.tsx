/**
 * ACC-3 / SSO-5 動態驗證碼 in 個人帳號管理: status, binding (QR → confirming code → recovery
 * codes shown once) and unbinding after re-entering the password.
 */
import { Alert, App, Button, Card, Descriptions, Skeleton, Space, Typography } from 'antd';
import { StepHeading } from '../../components/StepHeading.tsx';
import { useState } from 'react';
import type { TotpConfirmed } from '@menhu/contracts';
import { useMe } from '../../api/me.ts';
import { useTotpStatus, useUnbindTotp } from '../../api/totp.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { RecoveryCodes } from '../../components/RecoveryCodes.tsx';
import { SolidTag } from '../../components/Tags.tsx';
import { TotpSetup } from '../../components/TotpSetup.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PasswordConfirmModal } from './PasswordConfirmModal.tsx';

/** Below this many recovery codes the person is told how to get new ones. */
const FEW_RECOVERY_CODES = 3;

export function TotpCard() {
  const { t, date } = useI18n();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const { data: status, error, isPending } = useTotpStatus();
  const [binding, setBinding] = useState(false);
  const [confirmed, setConfirmed] = useState<TotpConfirmed | null>(null);
  const [unbinding, setUnbinding] = useState(false);
  const unbind = useUnbindTotp();
  const account = me?.account ?? '';

  const body = () => {
    if (error) return <ErrorAlert error={error} />;
    if (isPending || !status) return <Skeleton active />;
    if (confirmed)
      return (
        <>
          <StepHeading>{t('totp.recoveryHeading')}</StepHeading>
          <RecoveryCodes account={account} codes={confirmed.recoveryCodes} onDone={() => setConfirmed(null)} />
        </>
      );
    if (binding)
      return (
        <>
          <StepHeading>{t('totp.setupHeading')}</StepHeading>
          <TotpSetup
            account={account}
            onCancel={() => setBinding(false)}
            onConfirmed={(res) => {
              setBinding(false);
              setConfirmed(res);
              void message.success(t('totp.boundDone'));
            }}
          />
        </>
      );
    if (!status.bound)
      return (
        <>
          <Descriptions
            column={1}
            size="small"
            items={[
              {
                key: 'status',
                label: t('totp.status'),
                children: <SolidTag color="grey">{t('totp.notBound')}</SolidTag>,
              },
            ]}
          />
          <Typography.Paragraph style={{ marginTop: 12 }}>{t('totp.aboutUnbound')}</Typography.Paragraph>
          <Button type="primary" onClick={() => setBinding(true)}>
            {t('totp.bind')}
          </Button>
        </>
      );
    return (
      <>
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'status', label: t('totp.status'), children: <SolidTag color="green">{t('totp.bound')}</SolidTag> },
            { key: 'boundAt', label: t('totp.boundAt'), children: date(status.boundAt) },
            {
              key: 'lastUsedAt',
              label: t('totp.lastUsedAt'),
              children: status.lastUsedAt ? date(status.lastUsedAt) : t('totp.neverUsed'),
            },
            {
              key: 'recovery',
              label: t('totp.recoveryLeft'),
              children: t('totp.recoveryLeftN', { n: status.recoveryCodesLeft }),
            },
          ]}
        />
        {status.recoveryCodesLeft < FEW_RECOVERY_CODES && (
          <Alert type="warning" showIcon title={t('totp.recoveryLow')} style={{ marginTop: 12 }} />
        )}
        <Space style={{ marginTop: 12 }}>
          <Button danger onClick={() => setUnbinding(true)}>
            {t('totp.unbind')}
          </Button>
        </Space>
        <PasswordConfirmModal
          action={unbind}
          title="totp.unbindTitle"
          okText="totp.unbind"
          note="totp.unbindNote"
          open={unbinding}
          onClose={() => setUnbinding(false)}
          onDone={() => {
            setUnbinding(false);
            void message.success(t('totp.unbound'));
          }}
        />
      </>
    );
  };

  return <Card title={<h2 className="card-title">{t('totp.title')}</h2>}>{body()}</Card>;
}
