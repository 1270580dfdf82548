/** 分類項目: their order and how many systems each holds; one still holding systems is not deleted. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { AdminCategory } from '@menhu/contracts';
import { useDeleteCategory } from '../../../api/launcher.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { CategoryDialog } from './CategoryDialog.tsx';
import { RowActions, useConfirmDelete } from './RowActions.tsx';

export function CategoriesPanel({ categories, loading }: { categories: AdminCategory[]; loading: boolean }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const confirm = useConfirmDelete();
  const remove = useDeleteCategory();
  const [editing, setEditing] = useState<AdminCategory | 'new' | null>(null);

  const confirmDelete = (c: AdminCategory) => {
    if (c.systemCount > 0) {
      void modal.info({ title: t('launcherAdmin.categoryInUse', { name: c.name, n: c.systemCount }) });
      return;
    }
    confirm(t('launcherAdmin.confirmDeleteCategory', { name: c.name }), () => remove.mutateAsync(c.id));
  };

  const columns: TableColumnsType<AdminCategory> = [
    { title: t('launcherAdmin.categoryName'), dataIndex: 'name' },
    { title: t('launcherAdmin.sortOrder'), dataIndex: 'sortOrder' },
    { title: t('launcherAdmin.systemCount'), dataIndex: 'systemCount' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) => <RowActions name={c.name} onEdit={() => setEditing(c)} onDelete={() => confirmDelete(c)} />,
    },
  ];

  return (
    <>
      <div style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
          {t('launcherAdmin.createCategory')}
        </Button>
      </div>
      <DataTable<AdminCategory>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={categories}
        loading={loading}
        scroll={{ x: 'max-content' }}
        label={t('launcherAdmin.categoriesCaption')}
        pagination={false}
      />
      <CategoryDialog
        open={editing !== null}
        category={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
