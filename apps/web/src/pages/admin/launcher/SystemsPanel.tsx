/** The systems of the 系統列表, filtered by 關鍵字 and 分類項目, with 新增 / 編輯 / 刪除. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Select, Space, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import type { AdminCategory, AdminSystem } from '@menhu/contracts';
import { useDeleteSystem } from '../../../api/launcher.ts';
import { useOrgs } from '../../../api/orgs.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { FilterActions } from '../../../components/FilterActions.tsx';
import { SolidTag } from '../../../components/Tags.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { LaunchModeTag } from '../../launcher/LaunchModeTag.tsx';
import { RowActions, useConfirmDelete } from './RowActions.tsx';
import { SystemDialog } from './SystemDialog.tsx';

interface Filter {
  q?: string;
  categoryId?: number;
}

const SHOWN_ORGS = 3;

interface Props {
  systems: AdminSystem[];
  categories: AdminCategory[];
  loading: boolean;
}

export function SystemsPanel({ systems, categories, loading }: Props) {
  const { t } = useI18n();
  const confirm = useConfirmDelete();
  const { data: orgs = [] } = useOrgs();
  const remove = useDeleteSystem();
  const [form] = Form.useForm<Filter>();
  const [filter, setFilter] = useState<Filter>({});
  /** The system being edited, or 'new'; null when the dialog is closed. */
  const [editing, setEditing] = useState<AdminSystem | 'new' | null>(null);

  const orgName = useMemo(() => new Map(orgs.map((o) => [o.id, o.shortName])), [orgs]);
  const categoryName = useMemo(() => new Map(categories.map((c) => [c.id, c.name])), [categories]);
  const shown = useMemo(() => {
    const q = filter.q?.trim().toLowerCase();
    return systems.filter(
      (s) =>
        (filter.categoryId === undefined || s.categoryId === filter.categoryId) &&
        (!q || [s.name, s.description ?? '', s.url].some((v) => v.toLowerCase().includes(q))),
    );
  }, [systems, filter]);

  const confirmDelete = (s: AdminSystem) =>
    confirm(t('launcherAdmin.confirmDeleteSystem', { name: s.name }), () => remove.mutateAsync(s.id));

  const visibility = (ids: number[]) => {
    if (!ids.length) return t('launcherAdmin.visibilityAll');
    const names = ids.slice(0, SHOWN_ORGS).map((id) => orgName.get(id) ?? `#${id}`);
    const more = ids.length > SHOWN_ORGS ? ` ${t('launcherAdmin.visibilityMore', { n: ids.length })}` : '';
    return `${names.join('、')}${more}`;
  };

  const columns: TableColumnsType<AdminSystem> = [
    {
      title: t('launcherAdmin.name'),
      dataIndex: 'name',
      render: (_, s) => (
        <>
          <div>{s.name}</div>
          {s.description && <Typography.Text type="secondary">{s.description}</Typography.Text>}
        </>
      ),
    },
    { title: t('launcher.category'), dataIndex: 'categoryId', render: (id: number) => categoryName.get(id) ?? '' },
    {
      title: t('launcherAdmin.launchMode'),
      dataIndex: 'launchMode',
      render: (_, s) => <LaunchModeTag mode={s.launchMode} />,
    },
    {
      title: t('launcherAdmin.appName'),
      dataIndex: 'appId',
      render: (_, s) => (s.appId === null ? '' : (s.appName ?? `#${s.appId}`)),
    },
    {
      title: t('launcherAdmin.status'),
      dataIndex: 'enabled',
      render: (on: boolean) =>
        on ? (
          <SolidTag color="green">{t('launcherAdmin.statusEnabled')}</SolidTag>
        ) : (
          <SolidTag color="grey">{t('launcherAdmin.statusDisabled')}</SolidTag>
        ),
    },
    { title: t('launcherAdmin.visibility'), dataIndex: 'visibleOrgIds', render: visibility },
    { title: t('launcherAdmin.sortOrder'), dataIndex: 'sortOrder' },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, s) => <RowActions name={s.name} onEdit={() => setEditing(s)} onDelete={() => confirmDelete(s)} />,
    },
  ];

  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Form<Filter>
          form={form}
          name="systemFilter"
          layout="vertical"
          onFinish={setFilter}
          role="search"
          className="filter-form"
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={t('launcherAdmin.keyword')} name="q" extra={t('launcherAdmin.keywordHint')}>
                <Input allowClear maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('launcher.category')} name="categoryId">
                <Select
                  allowClear
                  placeholder={t('launcherAdmin.allCategories')}
                  options={categories.map((c) => ({ value: c.id, label: c.name }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
            <FilterActions
              onClear={() => {
                form.resetFields();
                setFilter({});
              }}
            />
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
              {t('launcherAdmin.createSystem')}
            </Button>
          </Space>
        </Form>
      </Card>
      <DataTable<AdminSystem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={shown}
        loading={loading}
        scroll={{ x: 'max-content' }}
        label={t('launcherAdmin.systemsCaption')}
        pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
      />
      <SystemDialog
        open={editing !== null}
        system={editing === 'new' ? null : editing}
        categories={categories}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
