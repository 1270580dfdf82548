/** 管理主控台 › 登入紀錄: login records of every account in the administrator's scope (SSO-11). */
import { ExportButton } from '../../../components/ExportButton.tsx';

import { useState } from 'react';
import { exportLoginRecords, useLoginRecords } from '../../../api/login-records.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { LoginRecordTable } from '../../../components/LoginRecordTable.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useI18n, usePageTitle } from '../../../i18n/index.tsx';

export default function LoginRecordsPage() {
  usePageTitle('nav.loginRecords');
  const { t } = useI18n();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching, error } = useLoginRecords(undefined, paging.page, paging.pageSize);

  return (
    <>
      <PageTitle extra={<ExportButton onExport={() => exportLoginRecords()} />}>{t('nav.loginRecords')}</PageTitle>
      <ErrorAlert error={error} />
      <LoginRecordTable
        data={data}
        loading={isFetching}
        showAccount
        caption={t('nav.loginRecords')}
        onPage={(page, pageSize) => setPaging({ page, pageSize })}
      />
    </>
  );
}
