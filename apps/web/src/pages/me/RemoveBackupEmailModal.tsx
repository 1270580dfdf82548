/** 解除備用信箱綁定 asks for the password again (a left-open session alone must not remove it). */
import { Form, Input, Modal, Typography } from 'antd';
import { useRemoveBackupEmail } from '../../api/backup-email.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';

export function RemoveBackupEmailModal({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string }>();
  const remove = useRemoveBackupEmail();

  const close = () => {
    remove.reset();
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('backup.remove')}
      okText={t('backup.removeShort')}
      okButtonProps={{ danger: true, loading: remove.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('backup.removeNote')}</Typography.Paragraph>
      <ErrorAlert error={remove.error} />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) =>
          remove.mutate(v.password, {
            onSuccess: () => {
              form.resetFields();
              remove.reset();
              onDone();
            },
          })
        }
      >
        <Form.Item
          label={t('password.current')}
          name="password"
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
