/** SSO-11 login records: time, method (labelled), result, IP; used on /me, account detail and the admin list. */
import { type TableColumnsType } from 'antd';
import type { LoginRecord } from '@menhu/contracts';
import type { Page } from '../api/client.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { zhTW } from '../i18n/zh-TW.ts';
import { loginMethodLabel } from '../lib/login-method.ts';
import { ResultTag } from './Tags.tsx';
import { DataTable } from './DataTable.tsx';

interface Props {
  data: Page<LoginRecord> | undefined;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
  showAccount?: boolean;
  caption?: string;
}

export function LoginRecordTable({ data, loading, onPage, showAccount, caption }: Props) {
  const { t, label, date } = useI18n();
  const methodLabel = (m: string) => loginMethodLabel({ t, label }, m);
  // Reasons the server records (login-service); an unknown one is shown as recorded.
  const reasonLabel = (r: string | null) => {
    if (!r) return '';
    const key = `records.reason.${r}`;
    return key in zhTW ? t(key as MessageKey) : r;
  };
  const columns: TableColumnsType<LoginRecord> = [
    { title: t('records.time'), dataIndex: 'at', render: (v: string) => date(v, { seconds: true }), width: 180 },
    ...(showAccount
      ? [
          { title: t('account.account'), dataIndex: 'account' },
          { title: t('account.name'), dataIndex: 'name', render: (v: string | null) => v ?? '' },
        ]
      : []),
    { title: t('records.method'), dataIndex: 'method', render: methodLabel },
    { title: t('records.result'), dataIndex: 'success', render: (v: boolean) => <ResultTag success={v} /> },
    { title: t('records.reason'), dataIndex: 'reason', render: reasonLabel },
    { title: 'IP', dataIndex: 'ip', render: (v: string | null) => v ?? '' },
  ];
  return (
    <DataTable<LoginRecord>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items}
      loading={loading}
      scroll={{ x: 'max-content' }}
      label={caption ?? t('me.tab.records')}
      serverPage={data}
      onPage={onPage}
    />
  );
}
