import { type TableColumnsType } from 'antd';
import type { AccountSummary } from '@menhu/contracts';
import { Link, useNavigate } from 'react-router';
import type { Page } from '../../../api/client.ts';
import { AccountStatusTag, LoginPermissionTag, RoleTags } from '../../../components/Tags.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { DataTable } from '../../../components/DataTable.tsx';

interface Props {
  data: Page<AccountSummary> | undefined;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
}

/** The seeds' account list columns; a row opens the account (the 檢視 link does the same by keyboard). */
export function AccountTable({ data, loading, onPage }: Props) {
  const { t, date } = useI18n();
  const navigate = useNavigate();
  const columns: TableColumnsType<AccountSummary> = [
    { title: t('account.account'), dataIndex: 'account' },
    { title: t('account.name'), dataIndex: 'name' },
    { title: t('account.title'), dataIndex: 'title', render: (v: string | null) => v ?? '' },
    { title: t('account.org'), key: 'org', render: (_, a) => a.org.name },
    { title: t('account.status'), dataIndex: 'status', render: (_, a) => <AccountStatusTag status={a.status} /> },
    {
      title: t('account.loginPermission'),
      dataIndex: 'locked',
      render: (_, a) => <LoginPermissionTag locked={a.locked} />,
    },
    { title: t('account.roles'), dataIndex: 'roles', render: (_, a) => <RoleTags roles={a.roles} /> },
    { title: t('account.lastLoginAt'), dataIndex: 'lastLoginAt', render: (v: string | null) => date(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, a) => (
        <Link
          to={`/admin/accounts/${a.id}`}
          aria-label={t('accounts.viewNamed', { name: `${a.name} ${a.account}` })}
          onClick={(e) => e.stopPropagation()}
        >
          {t('common.view')}
        </Link>
      ),
    },
  ];
  return (
    <DataTable<AccountSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items}
      loading={loading}
      scroll={{ x: 'max-content' }}
      label={t('accounts.tableCaption')}
      onRow={(a) => ({ onClick: () => navigate(`/admin/accounts/${a.id}`), className: 'clickable-row' })}
      serverPage={data}
      onPage={onPage}
    />
  );
}
