/**
 * 管理主控台 › 簡訊發送紀錄 (system administrators): every text message the portal queued — time,
 * masked number, purpose, status, the provider's message id or error. With the development `log`
 * provider the body (with its code) is shown here, since no message really leaves; with a real
 * provider the body is never kept.
 */
import { Alert, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSmsMessages, type SmsMessage } from '../../../api/sms.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { SolidTag } from '../../../components/Tags.tsx';
import { useI18n, usePageTitle, type MessageKey } from '../../../i18n/index.tsx';

const STATUS_COLOR = { queued: 'orange', sent: 'green', failed: 'red' } as const;

export default function SmsMessagesPage() {
  usePageTitle('nav.smsMessages');
  const { t, date } = useI18n();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching, error } = useSmsMessages(paging.page, paging.pageSize);
  const purpose = (p: string) => {
    const key = `sms.purpose.${p}`;
    return t(key as MessageKey);
  };
  const columns: TableColumnsType<SmsMessage> = [
    { title: t('sms.col.time'), dataIndex: 'createdAt', render: (v: string) => date(v, { seconds: true }), width: 180 },
    { title: t('sms.col.to'), dataIndex: 'to', render: (v: string) => <span className="backup-address">{v}</span> },
    { title: t('sms.col.purpose'), dataIndex: 'purpose', render: purpose },
    {
      title: t('sms.col.body'),
      dataIndex: 'body',
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('sms.bodyNotKept')}</Typography.Text>,
    },
    {
      title: t('sms.col.status'),
      dataIndex: 'status',
      render: (v: SmsMessage['status']) => (
        <SolidTag color={STATUS_COLOR[v]}>{t(`sms.status.${v}` as MessageKey)}</SolidTag>
      ),
    },
    {
      title: t('sms.col.detail'),
      key: 'detail',
      render: (_: unknown, m: SmsMessage) => [m.provider, m.providerMessageId, m.errorCode].filter(Boolean).join(' · '),
    },
  ];
  return (
    <>
      <PageTitle>{t('nav.smsMessages')}</PageTitle>
      <Alert type="info" showIcon title={t('sms.logNote')} style={{ marginBottom: 16 }} />
      <ErrorAlert error={error} />
      <DataTable<SmsMessage>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        scroll={{ x: 'max-content' }}
        label={t('nav.smsMessages')}
        serverPage={data}
        onPage={(page, pageSize) => setPaging({ page, pageSize })}
      />
    </>
  );
}
