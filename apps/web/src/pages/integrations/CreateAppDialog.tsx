/** 新增應用系統: the form, then APCODE and the one-time APTOKEN (INT-4; the server keeps only its hash). */
import { Button, Form, Modal } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { App } from '@menhu/contracts';
import { useCreateApp } from '../../api/integrations.ts';
import { useMe } from '../../api/me.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { OneTimeSecret } from '../../components/OneTimeSecret.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { AppFormFields, toAppInput, type AppFormValues } from './AppFormFields.tsx';
import { showFieldErrors } from './field-errors.ts';

export function CreateAppDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<AppFormValues>();
  const create = useCreateApp();
  const { data: me } = useMe();
  const [created, setCreated] = useState<{ app: App; aptoken: string } | null>(null);

  const close = () => {
    form.resetFields();
    create.reset();
    setCreated(null);
    onClose();
  };

  const submit = async (v: AppFormValues) => {
    try {
      setCreated(await create.mutateAsync(toAppInput(v)));
    } catch (err) {
      showFieldErrors(form, err, t);
    }
  };

  return (
    <Modal
      open={open}
      title={created ? t('int.createdTitle') : t('int.create')}
      onCancel={close}
      width={720}
      destroyOnHidden
      // Closing by the mask or Esc would lose the APTOKEN by accident; closing is a deliberate choice.
      mask={{ closable: !created }}
      keyboard={!created}
      footer={
        created
          ? [
              <Button
                key="open"
                type="primary"
                onClick={() => {
                  const id = created.app.id;
                  close();
                  navigate(`/integrations/${id}`);
                }}
              >
                {t('int.savedGoToApp')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                {t('common.cancel')}
              </Button>,
              <Button key="ok" type="primary" loading={create.isPending} onClick={() => form.submit()}>
                {t('int.createSubmit')}
              </Button>,
            ]
      }
    >
      {created ? (
        <>
          <p>{t('int.createdNotice', { name: created.app.name })}</p>
          <OneTimeSecret
            warning={t('int.aptokenOnce')}
            items={[
              { label: 'APCODE', value: created.app.apcode },
              { label: 'APTOKEN', value: created.aptoken, secret: true },
            ]}
          />
        </>
      ) : (
        <Form<AppFormValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ orgId: me?.org.id, contactName: me?.name ?? '' }}
        >
          <ErrorAlert error={create.error} />
          <AppFormFields />
        </Form>
      )}
    </Modal>
  );
}
