/** ACC-4 異動紀錄: every change made to this account (data, status, roles, agency), exportable. */
import { ExportButton } from '../../../components/ExportButton.tsx';
import { Card } from 'antd';
import { useState } from 'react';
import { exportAccountHistory, useAccountHistory } from '../../../api/accounts.ts';
import { AuditTable } from '../../../components/AuditTable.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';

export function AccountHistoryCard({ id }: { id: number }) {
  const { t } = useI18n();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const { data, isFetching, error } = useAccountHistory(id, paging.page, paging.pageSize);
  return (
    <Card
      title={<h2 className="card-title">{t('accounts.history')}</h2>}
      style={{ marginBottom: 16 }}
      extra={<ExportButton ariaLabel={t('accounts.exportHistory')} onExport={() => exportAccountHistory(id)} />}
    >
      <ErrorAlert error={error} />
      <AuditTable
        data={data}
        loading={isFetching}
        caption={t('accounts.history')}
        onPage={(page, pageSize) => setPaging({ page, pageSize })}
      />
    </Card>
  );
}
