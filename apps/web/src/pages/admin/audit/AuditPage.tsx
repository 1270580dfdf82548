/** X-1 稽核紀錄: who did what to whom, with before/after, searchable and exportable. */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card } from 'antd';
import { useState } from 'react';
import { exportAudit, useAudit, type AuditFilter } from '../../../api/audit.ts';
import { AuditTable } from '../../../components/AuditTable.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useI18n, usePageTitle } from '../../../i18n/index.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { AuditFilters } from './AuditFilters.tsx';

export default function AuditPage() {
  usePageTitle('nav.audit');
  const { t } = useI18n();
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
      <AuditTable
        data={data}
        loading={isFetching}
        caption={t('nav.audit')}
        onPage={(page, pageSize) => setPaging({ page, pageSize })}
      />
    </>
  );
}
