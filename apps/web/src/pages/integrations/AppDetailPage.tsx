/**
 * /integrations/:id — one application: its 介接機關/單位資訊 (editable), APCODE and APTOKEN,
 * the seed's 介接服務狀態 table with 我要申請 / 審核紀錄 / 統計 / 下載, the 單一登入 client,
 * and 撤銷應用系統.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { Service } from '@menhu/contracts';
import { useApp } from '../../api/integrations.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { AppStatusTag } from '../../components/Tags.tsx';
import { useI18n, usePageTitle, type MessageKey } from '../../i18n/index.tsx';
import { AppCredentials } from './AppCredentials.tsx';
import { AppDetails } from './AppDetails.tsx';
import { EditAppDialog } from './EditAppDialog.tsx';
import { RevokeAppCard } from './RevokeAppCard.tsx';
import { ServiceHistoryDialog } from './ServiceHistoryDialog.tsx';
import { ServiceRequestDialog } from './ServiceRequestDialog.tsx';
import { ServiceTable } from './ServiceTable.tsx';
import { SsoClientCard } from './SsoClientCard.tsx';

export default function AppDetailPage() {
  const id = Number(useParams().id);
  const { t } = useI18n();
  const location = useLocation();
  const { data: app, error, isPending } = useApp(id);
  const [editing, setEditing] = useState(false);
  const [requesting, setRequesting] = useState<Service | null>(null);
  const [history, setHistory] = useState<Service | null>(null);
  usePageTitle('int.detail', app?.name);

  // The administrators' list passes where 返回 leads; everyone else came from their own list.
  const backTo = (location.state as { back?: string } | null)?.back ?? '/integrations';
  const back = (
    <Link to={backTo} className="back-link">
      <ArrowLeftOutlined aria-hidden /> {t(backTo.startsWith('/admin') ? 'int.backToReview' : 'int.backToList')}
    </Link>
  );
  if (error)
    return (
      <>
        {back}
        <ErrorAlert error={error} />
      </>
    );
  if (isPending || !app) return <Skeleton active />;

  const active = app.status === 'active';
  const cardTitle = (key: MessageKey) => <h2 className="card-title">{t(key)}</h2>;
  const sso = app.services.find((s) => s.service === 'sso');
  return (
    <div className="int-page">
      {back}
      <PageTitle
        extra={
          <Space wrap>
            <AppStatusTag status={app.status} />
            {app.status !== 'revoked' && (
              <Button type="primary" onClick={() => setEditing(true)}>
                {t('int.edit')}
              </Button>
            )}
          </Space>
        }
      >
        {app.name}
      </PageTitle>
      {!active && (
        <Alert
          type={app.status === 'revoked' ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          title={app.status === 'revoked' ? t('int.revokedNotice') : t('int.suspendedNotice')}
          description={app.statusReason ? t('int.statusReason', { reason: app.statusReason }) : undefined}
        />
      )}
      <Card title={cardTitle('int.credentials')} style={{ marginBottom: 16 }}>
        <AppCredentials app={app} />
      </Card>
      <Card title={cardTitle('int.serviceStatus')} style={{ marginBottom: 16 }}>
        <ServiceTable app={app} onRequest={setRequesting} onHistory={setHistory} />
      </Card>
      {sso?.oidcClientId && app.status !== 'revoked' && (
        <Card title={cardTitle('int.ssoClient')} style={{ marginBottom: 16 }}>
          <SsoClientCard app={app} clientId={sso.oidcClientId} />
        </Card>
      )}
      <Card title={cardTitle('int.appInfo')} style={{ marginBottom: 16 }}>
        <AppDetails app={app} />
      </Card>
      {app.status !== 'revoked' && <RevokeAppCard app={app} backTo={backTo} />}
      <EditAppDialog app={app} open={editing} onClose={() => setEditing(false)} />
      <ServiceRequestDialog app={app} service={requesting} onClose={() => setRequesting(null)} />
      <ServiceHistoryDialog appId={app.id} service={history} onClose={() => setHistory(null)} />
    </div>
  );
}
