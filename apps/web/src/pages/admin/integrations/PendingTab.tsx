/** 待審核: the queue, oldest request first; 審核 opens the request with its decision buttons. */
import { Button, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { SERVICE_LABELS } from '@menhu/contracts';
import type { usePendingRequests, PendingRequest } from '../../../api/integrations.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { ReviewDialog } from './ReviewDialog.tsx';

export function PendingTab({ query }: { query: ReturnType<typeof usePendingRequests> }) {
  const { t, label, date } = useI18n();
  const [reviewing, setReviewing] = useState<PendingRequest | null>(null);
  const back = { back: '/admin/integrations' };

  const columns: TableColumnsType<PendingRequest> = [
    { title: t('int.col.requestedAt'), dataIndex: 'requestedAt', render: (v: string) => date(v) },
    {
      title: t('int.name'),
      dataIndex: 'appName',
      render: (_, r) => (
        <Link to={`/integrations/${r.appId}`} state={back}>
          {r.appName}
        </Link>
      ),
    },
    { title: 'APCODE', dataIndex: 'apcode', render: (v: string) => <code>{v}</code> },
    { title: t('int.org'), dataIndex: 'orgName' },
    { title: t('int.col.service'), dataIndex: 'service', render: (_, r) => label(SERVICE_LABELS[r.service]) },
    { title: t('intAdmin.requestedBy'), dataIndex: 'requestedBy', render: (v: string | null) => v ?? '' },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Button
          size="small"
          type="primary"
          onClick={() => setReviewing(r)}
          aria-label={t('intAdmin.reviewNamed', { app: r.appName, service: label(SERVICE_LABELS[r.service]) })}
        >
          {t('intAdmin.review')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <ErrorAlert error={query.error} />
      <DataTable<PendingRequest>
        rowKey={(r) => `${r.appId}|${r.service}`}
        size="middle"
        columns={columns}
        dataSource={query.data}
        loading={query.isFetching}
        scroll={{ x: 'max-content' }}
        label={t('intAdmin.pending')}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <span className="empty-text">{t('intAdmin.noPending')}</span> }}
      />
      <ReviewDialog request={reviewing} onClose={() => setReviewing(null)} />
    </>
  );
}
