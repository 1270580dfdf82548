/** 管理主控台 › 登入紀錄: login records of every account in the administrator's scope (SSO-11). */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { exportLoginRecords, useLoginRecords } from '../../../api/login-records.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { LoginRecordTable } from '../../../components/LoginRecordTable.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useI18n, usePageTitle } from '../../../i18n/index.tsx';
import { errorMessage } from '../../../lib/errors.ts';

export default function LoginRecordsPage() {
  usePageTitle('nav.loginRecords');
  const { t } = useI18n();
  const { message } = App.useApp();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [exporting, setExporting] = useState(false);
  const { data, isFetching, error } = useLoginRecords(undefined, paging.page, paging.pageSize);

  const runExport = async () => {
    setExporting(true);
    try {
      await exportLoginRecords();
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
        {t('nav.loginRecords')}
      </PageTitle>
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
