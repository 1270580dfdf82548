/** X-1 audit events: time, actor, action label, target, result, IP; a row expands to before/after. */
import { type TableColumnsType } from 'antd';
import { AUDIT_ACTION_LABELS, type AuditEvent } from '@menhu/contracts';
import type { Page } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { AuditChange } from './AuditChange.tsx';
import { ResultTag } from './Tags.tsx';
import { DataTable } from './DataTable.tsx';

interface Props {
  data: Page<AuditEvent> | undefined;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
  caption: string;
}

export function AuditTable({ data, loading, onPage, caption }: Props) {
  const { t, label, date } = useI18n();
  const columns: TableColumnsType<AuditEvent> = [
    { title: t('records.time'), dataIndex: 'at', render: (v: string) => date(v, { seconds: true }), width: 180 },
    { title: t('audit.actor'), dataIndex: 'actor', render: (v: string | null) => v ?? t('audit.system') },
    { title: t('audit.action'), dataIndex: 'action', render: (v: string) => label(AUDIT_ACTION_LABELS[v], v) },
    { title: t('audit.target'), key: 'target', render: (_, e) => e.targetLabel ?? e.targetId ?? '' },
    { title: t('records.result'), dataIndex: 'result', render: (v: string) => <ResultTag success={v === 'success'} /> },
    { title: 'IP', dataIndex: 'ip', render: (v: string | null) => v ?? '' },
  ];
  return (
    <DataTable<AuditEvent>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items}
      loading={loading}
      // A fixed width: with max-content the expanded before/after text would widen the whole table.
      scroll={{ x: 880 }}
      label={caption}
      expandable={{
        expandedRowRender: (e) => <AuditChange event={e} />,
        rowExpandable: (e) => e.before !== null || e.after !== null || !!e.userAgent,
      }}
      serverPage={data}
      onPage={onPage}
    />
  );
}
