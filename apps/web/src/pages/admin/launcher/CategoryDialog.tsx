/** 新增分類 / 編輯分類: its name (unique) and its place in the order. */
import { App, Form, Input, InputNumber, Modal } from 'antd';
import type { AdminCategory } from '@menhu/contracts';
import { useCreateCategory, useUpdateCategory } from '../../../api/launcher.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { requiredRule } from '../../../lib/validation.ts';

interface Values {
  name: string;
  sortOrder: number;
}

interface Props {
  open: boolean;
  /** The category to edit; null to add one. */
  category: AdminCategory | null;
  onClose: () => void;
}

export function CategoryDialog({ open, category, onClose }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const saving = category ? update : create;

  const close = () => {
    create.reset();
    update.reset();
    onClose();
  };

  const submit = async (v: Values) => {
    const body = { name: v.name.trim(), sortOrder: v.sortOrder };
    try {
      if (category) await update.mutateAsync({ id: category.id, ...body });
      else await create.mutateAsync(body);
      void message.success(t('common.saved'));
      close();
    } catch {
      // shown by ErrorAlert
    }
  };

  return (
    <Modal
      open={open}
      title={category ? t('launcherAdmin.editCategory', { name: category.name }) : t('launcherAdmin.createCategory')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={saving.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name="category"
        layout="vertical"
        onFinish={submit}
        initialValues={category ? { name: category.name, sortOrder: category.sortOrder } : { sortOrder: 0 }}
      >
        <ErrorAlert error={saving.error} />
        <Form.Item label={t('launcherAdmin.categoryName')} name="name" rules={[requiredRule(t), { max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('launcherAdmin.sortOrder')} name="sortOrder" extra={t('launcherAdmin.sortOrderHint')}>
          <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
