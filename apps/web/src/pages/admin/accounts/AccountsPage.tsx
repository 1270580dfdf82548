/** ACC-4 管理主控台 › 帳號管理. */
import { ExportButton } from '../../../components/ExportButton.tsx';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { exportAccounts, useAccounts, type AccountFilter } from '../../../api/accounts.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useI18n, usePageTitle } from '../../../i18n/index.tsx';
import { AccountFilters } from './AccountFilters.tsx';
import { AccountTable } from './AccountTable.tsx';
import { CreateAccountDialog } from './CreateAccountDialog.tsx';
import { parseListState, toSearchParams } from './filter-params.ts';

export default function AccountsPage() {
  usePageTitle('nav.accounts');
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const state = useMemo(() => parseListState(new URLSearchParams(key)), [key]);
  const { data, isFetching, error } = useAccounts(state.filter, state.page, state.pageSize);
  const [creating, setCreating] = useState(false);

  const search = (filter: AccountFilter) => setParams(toSearchParams({ filter, page: 1, pageSize: state.pageSize }));

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <ExportButton onExport={() => exportAccounts(state.filter)} />
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
