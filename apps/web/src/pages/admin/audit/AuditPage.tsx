/** X-1 稽核紀錄: who did what to whom, with before/after, searchable and exportable. */
import { ExportButton } from '../../../components/ExportButton.tsx';
import { Card } from 'antd';
import { useState } from 'react';
import { exportAudit, useAudit, type AuditFilter } from '../../../api/audit.ts';
import { AuditTable } from '../../../components/AuditTable.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useI18n, usePageTitle } from '../../../i18n/index.tsx';
import { AuditFilters } from './AuditFilters.tsx';

export default function AuditPage() {
  usePageTitle('nav.audit');
  const { t } = useI18n();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching, error } = useAudit(filter, paging.page, paging.pageSize);

  return (
    <>
      <PageTitle extra={<ExportButton onExport={() => exportAudit(filter)} />}>{t('nav.audit')}</PageTitle>
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
