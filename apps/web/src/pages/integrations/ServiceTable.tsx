/**
 * 介接服務狀態, column for column as in the seed: 項次 / 服務類型 / 狀態 / 申請日期 / 審核日期 /
 * 呼叫次數 (統計) / 管理 (我要申請, or 審核紀錄 and 修改申請) / 引用說明 (下載).
 */
import { DownloadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Space, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { SERVICE_LABELS, type App, type Service, type ServiceState } from '@menhu/contracts';
import { downloadGuide } from '../../api/integrations.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { ServiceStatusTag } from '../../components/Tags.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { errorMessage } from '../../lib/errors.ts';

interface Props {
  app: App;
  onRequest: (s: Service) => void;
  onHistory: (s: Service) => void;
}

export function ServiceTable({ app, onRequest, onHistory }: Props) {
  const { t, label, date } = useI18n();
  const { message } = AntApp.useApp();
  const [downloading, setDownloading] = useState<Service | null>(null);
  const active = app.status === 'active';
  const name = (s: ServiceState) => label(SERVICE_LABELS[s.service]);

  const download = async (s: Service) => {
    setDownloading(s);
    try {
      await downloadGuide(app.id, s);
    } catch (err) {
      void message.error(errorMessage(err, t('error.unexpected')));
    } finally {
      setDownloading(null);
    }
  };

  const columns: TableColumnsType<ServiceState> = [
    { title: t('int.col.no'), key: 'no', render: (_, _s, i) => i + 1, width: 64 },
    { title: t('int.col.service'), key: 'service', render: (_, s) => name(s) },
    {
      title: t('int.col.status'),
      key: 'status',
      render: (_, s) => (
        <>
          <ServiceStatusTag status={s.status} />
          {s.status === 'rejected' && s.reason && (
            <Typography.Paragraph type="secondary" className="service-note">
              {t('int.rejectReason', { reason: s.reason })}
            </Typography.Paragraph>
          )}
          {s.status === 'pending' && s.approved && (
            <Typography.Paragraph type="secondary" className="service-note">
              {t('int.approvedInForce')}
            </Typography.Paragraph>
          )}
        </>
      ),
    },
    { title: t('int.col.requestedAt'), dataIndex: 'requestedAt', render: (v: string | null) => date(v) || '--' },
    { title: t('int.col.reviewedAt'), dataIndex: 'reviewedAt', render: (v: string | null) => date(v) || '--' },
    {
      title: t('int.col.calls'),
      key: 'calls',
      render: (_, s) => (
        <Space size={8}>
          <span>{s.calls.toLocaleString()}</span>
          <Link
            to={`/integrations/${app.id}/stats?service=${s.service}`}
            aria-label={t('int.statsNamed', { service: name(s) })}
          >
            {t('int.stats')}
          </Link>
        </Space>
      ),
    },
    {
      title: t('int.col.manage'),
      key: 'manage',
      render: (_, s) =>
        s.status === 'none' ? (
          // Nothing to manage on a suspended or revoked application's unrequested service.
          !active ? (
            '--'
          ) : (
            <Button
              size="small"
              type="primary"
              onClick={() => onRequest(s.service)}
              aria-label={t('int.requestNamed', { service: name(s) })}
            >
              {t('int.request')}
            </Button>
          )
        ) : (
          <Space size={4} wrap>
            <Button
              size="small"
              onClick={() => onHistory(s.service)}
              aria-label={t('int.historyNamed', { service: name(s) })}
            >
              {t('int.history')}
            </Button>
            {active && (
              <Button
                size="small"
                onClick={() => onRequest(s.service)}
                aria-label={t('int.changeRequestNamed', { service: name(s) })}
              >
                {t('int.changeRequest')}
              </Button>
            )}
          </Space>
        ),
    },
    {
      title: t('int.col.guide'),
      key: 'guide',
      render: (_, s) => (
        <Button
          size="small"
          icon={<DownloadOutlined aria-hidden />}
          loading={downloading === s.service}
          onClick={() => void download(s.service)}
          aria-label={t('int.downloadNamed', { service: name(s) })}
        >
          {t('int.download')}
        </Button>
      ),
    },
  ];

  return (
    <DataTable<ServiceState>
      rowKey="service"
      size="middle"
      columns={columns}
      dataSource={app.services}
      pagination={false}
      scroll={{ x: 'max-content' }}
      label={t('int.serviceStatus')}
    />
  );
}
