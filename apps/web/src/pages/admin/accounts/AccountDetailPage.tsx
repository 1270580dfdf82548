/** /admin/accounts/:id — every field, the ACC-4 actions and this account's login records. */
import { ExportButton } from '../../../components/ExportButton.tsx';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useAccount } from '../../../api/accounts.ts';
import { exportLoginRecords, useLoginRecords } from '../../../api/login-records.ts';
import { AccountDescriptions } from '../../../components/AccountDescriptions.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { LoginRecordTable } from '../../../components/LoginRecordTable.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useI18n, usePageTitle } from '../../../i18n/index.tsx';
import { AccountActions } from './AccountActions.tsx';
import { AccountHistoryCard } from './AccountHistoryCard.tsx';
import { EditAccountDialog } from './EditAccountDialog.tsx';

export default function AccountDetailPage() {
  const id = Number(useParams().id);
  const { t } = useI18n();
  const { data: account, error, isPending } = useAccount(id);
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const records = useLoginRecords(id, paging.page, paging.pageSize);
  const [editing, setEditing] = useState(false);
  usePageTitle('accounts.detail', account ? `${account.name} (${account.account})` : undefined);

  const back = (
    <Link to="/admin/accounts" className="back-link">
      <ArrowLeftOutlined aria-hidden /> {t('accounts.backToList')}
    </Link>
  );
  if (error)
    return (
      <>
        {back}
        <ErrorAlert error={error} />
      </>
    );
  if (isPending || !account) return <Skeleton active />;

  const cardTitle = (key: Parameters<typeof t>[0]) => <h2 className="card-title">{t(key)}</h2>;
  return (
    <>
      {back}
      <PageTitle>{`${account.name}（${account.account}）`}</PageTitle>
      <Card title={cardTitle('common.actions')} style={{ marginBottom: 16 }}>
        <AccountActions account={account} onEdit={() => setEditing(true)} />
      </Card>
      <Card title={cardTitle('accounts.officialData')} style={{ marginBottom: 16 }}>
        <AccountDescriptions account={account} section="profile" />
      </Card>
      <Card title={cardTitle('me.accountStatus')} style={{ marginBottom: 16 }}>
        <AccountDescriptions account={account} section="status" />
      </Card>
      <AccountHistoryCard id={id} />
      <Card
        title={cardTitle('me.tab.records')}
        extra={
          <Space>
            <ExportButton ariaLabel={t('accounts.exportLoginRecords')} onExport={() => exportLoginRecords(id)} />
          </Space>
        }
      >
        <LoginRecordTable
          data={records.data}
          loading={records.isFetching}
          onPage={(page, pageSize) => setPaging({ page, pageSize })}
          caption={t('me.tab.records')}
        />
      </Card>
      <EditAccountDialog account={account} open={editing} onClose={() => setEditing(false)} />
    </>
  );
}
