/** A page of applications: name (opens it), APCODE, agency, services asked for, status. */
import { Space, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { SERVICE_LABELS, type App } from '@menhu/contracts';
import type { Page } from '../../api/client.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { AppStatusTag, ServiceStatusTag } from '../../components/Tags.tsx';
import { useI18n } from '../../i18n/index.tsx';

interface Props {
  data: Page<App> | undefined;
  loading: boolean;
  caption: string;
  onPage: (page: number, pageSize: number) => void;
  /** Extra columns (the system administrator's 停權/復權). */
  actions?: (a: App) => ReactNode;
  showOwner?: boolean;
  /** Passed to the application page (where its 返回 leads). */
  linkState?: { back: string };
}

export function AppTable({ data, loading, caption, onPage, actions, showOwner, linkState }: Props) {
  const { t, label, date } = useI18n();
  const navigate = useNavigate();
  const columns: TableColumnsType<App> = [
    {
      title: t('int.name'),
      dataIndex: 'name',
      render: (_, a) => (
        <Link to={`/integrations/${a.id}`} state={linkState} onClick={(e) => e.stopPropagation()}>
          {a.name}
        </Link>
      ),
    },
    { title: 'APCODE', dataIndex: 'apcode', render: (v: string) => <code>{v}</code> },
    { title: t('int.org'), dataIndex: 'orgName' },
    ...(showOwner ? [{ title: t('int.owner'), dataIndex: 'ownerName', render: (v: string | null) => v ?? '' }] : []),
    {
      title: t('int.services'),
      key: 'services',
      render: (_, a) => {
        const asked = a.services.filter((s) => s.status !== 'none');
        if (!asked.length) return t('int.noServices');
        return (
          <Space size={[4, 4]} wrap>
            {asked.map((s) => (
              <span key={s.service} className="service-chip">
                {label(SERVICE_LABELS[s.service])} <ServiceStatusTag status={s.status} />
              </span>
            ))}
          </Space>
        );
      },
    },
    {
      title: t('int.status'),
      dataIndex: 'status',
      render: (_, a) => (
        <>
          <AppStatusTag status={a.status} />
          {a.status === 'suspended' && a.statusReason && (
            <Typography.Paragraph type="secondary" className="service-note">
              {t('int.statusReason', { reason: a.statusReason })}
            </Typography.Paragraph>
          )}
        </>
      ),
    },
    { title: t('int.createdAt'), dataIndex: 'createdAt', render: (v: string) => date(v, { time: false }) },
    ...(actions
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right' as const,
            // The row opens the application; its buttons must not.
            render: (_: unknown, a: App) => <span onClick={(e) => e.stopPropagation()}>{actions(a)}</span>,
          },
        ]
      : []),
  ];
  return (
    <DataTable<App>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items}
      loading={loading}
      scroll={{ x: 'max-content' }}
      label={caption}
      onRow={(a) => ({
        onClick: () => navigate(`/integrations/${a.id}`, { state: linkState }),
        className: 'clickable-row',
      })}
      serverPage={data}
      onPage={onPage}
      locale={{ emptyText: <span className="empty-text">{t('int.empty')}</span> }}
    />
  );
}
