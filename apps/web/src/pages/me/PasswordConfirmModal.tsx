/**
 * Removing a sign-in factor (動態驗證碼, 備用信箱) asks for the password again: a left-open session
 * alone must not remove one. Refusals (a wrong password, MENHU_ERR_LAST_FACTOR when the role
 * requires a second factor) are shown in the dialog as the server words them.
 */
import { Form, Input, Modal, Typography } from 'antd';
import type { UseMutationResult } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';

interface Props {
  open: boolean;
  onClose: () => void;
  onDone: () => void;
  /** The removal, called with the password. */
  action: UseMutationResult<unknown, Error, string>;
  title: MessageKey;
  okText: MessageKey;
  note: MessageKey;
}

export function PasswordConfirmModal({ open, onClose, onDone, action, title, okText, note }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string }>();

  const close = () => {
    action.reset();
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t(title)}
      okText={t(okText)}
      okButtonProps={{ danger: true, loading: action.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      <Typography.Paragraph>{t(note)}</Typography.Paragraph>
      <ErrorAlert error={action.error} />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) =>
          action.mutate(v.password, {
            onSuccess: () => {
              form.resetFields();
              action.reset();
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
