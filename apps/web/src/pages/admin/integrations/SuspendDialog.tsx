/** 停權: every service of the application stops answering until 復權; the reason is required and kept. */
import { App as AntApp, Form, Input, Modal, Typography } from 'antd';
import type { App } from '@menhu/contracts';
import { useSetAppStatus } from '../../../api/integrations.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { requiredRule } from '../../../lib/validation.ts';

export function SuspendDialog({ app, onClose }: { app: App | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const setStatus = useSetAppStatus();

  const close = () => {
    setStatus.reset();
    form.resetFields();
    onClose();
  };

  const submit = async ({ reason }: { reason: string }) => {
    if (!app) return;
    try {
      await setStatus.mutateAsync({ appId: app.id, status: 'suspended', reason: reason.trim() });
      void message.success(t('intAdmin.suspended', { name: app.name }));
      close();
    } catch {
      // shown by ErrorAlert
    }
  };

  return (
    <Modal
      open={app !== null}
      title={app ? t('intAdmin.suspendTitle', { name: app.name }) : ''}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('intAdmin.suspend')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={setStatus.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={setStatus.error} />
      <Typography.Paragraph>{t('intAdmin.suspendExplain')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={t('intAdmin.reason')} name="reason" rules={[requiredRule(t), { max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
