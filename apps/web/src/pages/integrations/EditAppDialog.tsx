/** 編輯 an application's 介接機關/單位資訊; APCODE and the services are unaffected. */
import { App as AntApp, Form, Modal } from 'antd';
import type { App } from '@menhu/contracts';
import { useUpdateApp } from '../../api/integrations.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { AppFormFields, fromApp, toAppInput, type AppFormValues } from './AppFormFields.tsx';
import { showFieldErrors } from './field-errors.ts';

export function EditAppDialog({ app, open, onClose }: { app: App; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<AppFormValues>();
  const update = useUpdateApp(app.id);

  const close = () => {
    update.reset();
    onClose();
  };

  const submit = async (v: AppFormValues) => {
    try {
      await update.mutateAsync(toAppInput(v));
      void message.success(t('common.saved'));
      close();
    } catch (err) {
      showFieldErrors(form, err, t);
    }
  };

  return (
    <Modal
      open={open}
      title={t('int.editTitle', { name: app.name })}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      width={720}
      destroyOnHidden
    >
      <Form<AppFormValues> form={form} layout="vertical" onFinish={submit} initialValues={fromApp(app)}>
        <ErrorAlert error={update.error} />
        <AppFormFields />
      </Form>
    </Modal>
  );
}
