/** ACC-4 異動紀錄: every change made to this account (data, status, roles, agency), exportable. */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card } from 'antd';
import { useState } from 'react';
import { exportAccountHistory, useAccountHistory } from '../../../api/accounts.ts';
import { AuditTable } from '../../../components/AuditTable.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { errorMessage } from '../../../lib/errors.ts';

export function AccountHistoryCard({ id }: { id: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const { data, isFetching, error } = useAccountHistory(id, paging.page, paging.pageSize);
  return (
    <Card
      title={<h2 className="card-title">{t('accounts.history')}</h2>}
      style={{ marginBottom: 16 }}
      extra={
        <Button
          icon={<DownloadOutlined aria-hidden />}
          aria-label={t('accounts.exportHistory')}
          onClick={() =>
            exportAccountHistory(id).catch((err: unknown) => message.error(errorMessage(err, t('error.unexpected'))))
          }
        >
          {t('common.export')}
        </Button>
      }
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
