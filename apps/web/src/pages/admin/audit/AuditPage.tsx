/** X-1 稽核紀錄: who did what to whom, with before/after, searchable and exportable. */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { AUDIT_ACTION_LABELS, type AuditEvent } from '@menhu/contracts';
import { exportAudit, useAudit, type AuditFilter } from '../../../api/audit.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { ResultTag } from '../../../components/Tags.tsx';
import { useI18n, usePageTitle } from '../../../i18n/index.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { AuditChange } from './AuditChange.tsx';
import { AuditFilters } from './AuditFilters.tsx';

export default function AuditPage() {
  usePageTitle('nav.audit');
  const { t, label, date } = useI18n();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [exporting, setExporting] = useState(false);
  const { data, isFetching, error } = useAudit(filter, paging.page, paging.pageSize);

  const runExport = async () => {
    setExporting(true);
    try {
      await exportAudit(filter);
    } catch (err) {
      void message.error(errorMessage(err, t('error.unexpected')));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<AuditEvent> = [
    { title: t('records.time'), dataIndex: 'at', render: (v: string) => date(v, { seconds: true }), width: 180 },
    { title: t('audit.actor'), dataIndex: 'actor', render: (v: string | null) => v ?? t('audit.system') },
    { title: t('audit.action'), dataIndex: 'action', render: (v: string) => label(AUDIT_ACTION_LABELS[v], v) },
    { title: t('audit.target'), key: 'target', render: (_, e) => e.targetLabel ?? e.targetId ?? '' },
    { title: t('records.result'), dataIndex: 'result', render: (v: string) => <ResultTag success={v === 'success'} /> },
    { title: 'IP', dataIndex: 'ip', render: (v: string | null) => v ?? '' },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Button icon={<DownloadOutlined aria-hidden />} onClick={runExport} loading={exporting}>
            {t('common.export')}
          </Button>
        }
      >
        {t('nav.audit')}
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <AuditFilters
          onSearch={(f) => {
            setFilter(f);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
      </Card>
      <ErrorAlert error={error} />
      <Table<AuditEvent>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        scroll={{ x: 'max-content' }}
        caption={<span className="visually-hidden">{t('nav.audit')}</span>}
        expandable={{
          expandedRowRender: (e) => <AuditChange event={e} />,
          rowExpandable: (e) => e.before !== null || e.after !== null || !!e.userAgent,
        }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { n }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
    </>
  );
}
