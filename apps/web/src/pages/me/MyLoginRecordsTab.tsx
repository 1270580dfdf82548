import { useState } from 'react';
import { useMyLoginRecords } from '../../api/me.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoginRecordTable } from '../../components/LoginRecordTable.tsx';
import { useI18n } from '../../i18n/index.tsx';

export function MyLoginRecordsTab() {
  const { t } = useI18n();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching, error } = useMyLoginRecords(paging.page, paging.pageSize);
  return (
    <>
      <ErrorAlert error={error} />
      <LoginRecordTable
        data={data}
        loading={isFetching}
        caption={t('me.tab.records')}
        onPage={(page, pageSize) => setPaging({ page, pageSize })}
      />
    </>
  );
}
