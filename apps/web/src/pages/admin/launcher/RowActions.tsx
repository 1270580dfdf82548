/** 編輯 / 刪除 on a row of the 系統列表管理 tables; deleting asks first, then says how it went. */
import { App, Button, Space } from 'antd';
import { useI18n } from '../../../i18n/index.tsx';
import { errorMessage } from '../../../lib/errors.ts';

export function RowActions({ name, onEdit, onDelete }: { name: string; onEdit: () => void; onDelete: () => void }) {
  const { t } = useI18n();
  return (
    <Space size={0} wrap>
      <Button type="link" onClick={onEdit} aria-label={t('launcherAdmin.editNamed', { name })}>
        {t('common.edit')}
      </Button>
      <Button type="link" danger onClick={onDelete} aria-label={t('launcherAdmin.deleteNamed', { name })}>
        {t('launcherAdmin.delete')}
      </Button>
    </Space>
  );
}

/** Asks `question`; on 刪除 runs `remove` and reports success or the server's refusal. */
export function useConfirmDelete() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  return (question: string, remove: () => Promise<unknown>) =>
    modal.confirm({
      title: question,
      okText: t('launcherAdmin.delete'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await remove();
          void message.success(t('launcherAdmin.deleted'));
        } catch (err) {
          void message.error(errorMessage(err, t('error.unexpected')));
        }
      },
    });
}
