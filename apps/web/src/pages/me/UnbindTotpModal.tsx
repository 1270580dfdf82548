/**
 * 解除綁定 asks for the password again (a left-open session alone must not remove a factor).
 * The server refuses with MENHU_ERR_LAST_FACTOR when the role requires a second factor; that
 * refusal is shown in the dialog as the server words it.
 */
import { Form, Input, Modal, Typography } from 'antd';
import { useUnbindTotp } from '../../api/totp.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';

export function UnbindTotpModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string }>();
  const unbind = useUnbindTotp();

  const close = () => {
    unbind.reset();
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('totp.unbindTitle')}
      okText={t('totp.unbind')}
      okButtonProps={{ danger: true, loading: unbind.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('totp.unbindNote')}</Typography.Paragraph>
      <ErrorAlert error={unbind.error} />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) =>
          unbind.mutate(v.password, {
            onSuccess: () => {
              form.resetFields();
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
