/**
 * INT-4 APCODE & APTOKEN. The APTOKEN is kept only as a hash, so it is masked here; 重新產生
 * issues a new one (the old one stops working at once) and shows it once.
 */
import { App as AntApp, Button, Descriptions, Typography } from 'antd';
import type { App } from '@menhu/contracts';
import { useRotateToken } from '../../api/integrations.ts';
import { CopyableCode, OneTimeSecret } from '../../components/OneTimeSecret.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { errorMessage } from '../../lib/errors.ts';

export function AppCredentials({ app }: { app: App }) {
  const { t, date } = useI18n();
  const { modal, message } = AntApp.useApp();
  const rotate = useRotateToken(app.id);

  const confirmRotate = () =>
    modal.confirm({
      title: t('int.rotateConfirm'),
      content: t('int.rotateWarning'),
      okText: t('int.rotate'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const issued = await rotate.mutateAsync();
          void message.success(t('int.rotated'));
          modal.info({
            title: t('int.rotated'),
            width: 560,
            okText: t('int.savedIt'),
            content: (
              <OneTimeSecret
                warning={t('int.aptokenOnce')}
                items={[
                  { label: 'APCODE', value: issued.apcode },
                  { label: 'APTOKEN', value: issued.aptoken, secret: true },
                ]}
              />
            ),
          });
        } catch (err) {
          void message.error(errorMessage(err, t('error.unexpected')));
        }
      },
    });

  return (
    <Descriptions
      column={1}
      bordered
      size="small"
      items={[
        { key: 'apcode', label: 'APCODE', children: <CopyableCode value={app.apcode} name="APCODE" /> },
        {
          key: 'aptoken',
          label: 'APTOKEN',
          children: (
            <div className="credential-row">
              <span>
                <span aria-hidden>
                  <Typography.Text code>••••••••••••••••</Typography.Text>
                </span>
                <span className="visually-hidden">{t('int.aptokenHidden')}</span>{' '}
                <Typography.Text type="secondary">
                  {t('int.aptokenIssuedAt', { time: date(app.tokenRotatedAt) })}
                </Typography.Text>
              </span>
              {app.status === 'active' && (
                <Button onClick={confirmRotate} loading={rotate.isPending}>
                  {t('int.rotate')}
                </Button>
              )}
            </div>
          ),
        },
      ]}
    />
  );
}
