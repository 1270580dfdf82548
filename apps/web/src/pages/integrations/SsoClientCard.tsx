/**
 * 單一登入 once approved: the OIDC client_id, the configuration in force, and 產生用戶端密鑰 —
 * the secret is kept hashed, so it is shown once; a new one replaces the old at once.
 */
import { App as AntApp, Button, Descriptions, Space, Typography } from 'antd';
import type { App } from '@menhu/contracts';
import { useIssueClientSecret } from '../../api/integrations.ts';
import { CopyableCode, OneTimeSecret } from '../../components/OneTimeSecret.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { RequestSummary } from './RequestSummary.tsx';

export function SsoClientCard({ app, clientId }: { app: App; clientId: string }) {
  const { t } = useI18n();
  const { modal, message } = AntApp.useApp();
  const issue = useIssueClientSecret(app.id);
  const approved = app.services.find((s) => s.service === 'sso')?.approved;

  const confirmIssue = () =>
    modal.confirm({
      title: t('int.secretConfirm'),
      content: t('int.secretWarning'),
      okText: t('int.issueSecret'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const out = await issue.mutateAsync();
          void message.success(t('int.secretIssued'));
          modal.info({
            title: t('int.secretIssued'),
            width: 560,
            okText: t('int.savedIt'),
            content: (
              <OneTimeSecret
                warning={t('int.secretOnce')}
                items={[
                  { label: 'client_id', value: out.clientId },
                  { label: 'client_secret', value: out.clientSecret, secret: true },
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
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions
        column={1}
        bordered
        size="small"
        items={[
          { key: 'client', label: 'client_id', children: <CopyableCode value={clientId} name="client_id" /> },
          {
            key: 'secret',
            label: 'client_secret',
            children: (
              <div className="credential-row">
                <Typography.Text type="secondary">{t('int.secretHint')}</Typography.Text>
                {app.status === 'active' && (
                  <Button onClick={confirmIssue} loading={issue.isPending}>
                    {t('int.issueSecret')}
                  </Button>
                )}
              </div>
            ),
          },
        ]}
      />
      {approved && (
        <div>
          <h3 className="subsection-title">{t('int.approvedConfig')}</h3>
          <RequestSummary request={approved} />
        </div>
      )}
    </Space>
  );
}
