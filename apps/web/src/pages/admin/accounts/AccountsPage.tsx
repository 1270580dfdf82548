/** ACC-4 管理主控台 › 帳號管理. */
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { exportAccounts, useAccounts, type AccountFilter } from '../../../api/accounts.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useI18n, usePageTitle } from '../../../i18n/index.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { AccountFilters } from './AccountFilters.tsx';
import { AccountTable } from './AccountTable.tsx';
import { CreateAccountDialog } from './CreateAccountDialog.tsx';
import { parseListState, toSearchParams } from './filter-params.ts';

export default function AccountsPage() {
  usePageTitle('nav.accounts');
  const { t } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const state = useMemo(() => parseListState(new URLSearchParams(key)), [key]);
  const { data, isFetching, error } = useAccounts(state.filter, state.page, state.pageSize);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);

  const search = (filter: AccountFilter) => setParams(toSearchParams({ filter, page: 1, pageSize: state.pageSize }));
  const runExport = async () => {
    setExporting(true);
    try {
      await exportAccounts(state.filter);
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
          <Space wrap>
            <Button icon={<DownloadOutlined aria-hidden />} onClick={runExport} loading={exporting}>
              {t('common.export')}
            </Button>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t('accounts.create')}
            </Button>
          </Space>
        }
      >
        {t('nav.accounts')}
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <AccountFilters value={state.filter} onSearch={search} />
      </Card>
      <ErrorAlert error={error} />
      <AccountTable
        data={data}
        loading={isFetching}
        onPage={(page, pageSize) => setParams(toSearchParams({ filter: state.filter, page, pageSize }))}
      />
      <CreateAccountDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
