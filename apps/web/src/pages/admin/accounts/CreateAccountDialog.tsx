/** 新增帳號: the form, then the one-time temporary password. */
import { Button, Form, Modal } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { AccountDetail } from '@menhu/contracts';
import { useCreateAccount } from '../../../api/accounts.ts';
import { useMe } from '../../../api/me.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { OneTimePassword } from '../../../components/OneTimePassword.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { AccountFormFields, toAccountUpdate, type AccountFormValues } from './AccountFormFields.tsx';

export function CreateAccountDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<AccountFormValues>();
  const create = useCreateAccount();
  const { data: me } = useMe();
  const [created, setCreated] = useState<{ account: AccountDetail; temporaryPassword: string } | null>(null);

  const close = () => {
    form.resetFields();
    create.reset();
    setCreated(null);
    onClose();
  };

  const submit = async (v: AccountFormValues) => {
    const body = {
      ...toAccountUpdate(v),
      account: (v.account ?? '').trim().toLowerCase(),
      name: v.name.trim(),
      orgId: v.orgId,
    };
    try {
      setCreated(await create.mutateAsync(body));
    } catch {
      // shown by ErrorAlert
    }
  };

  return (
    <Modal
      open={open}
      title={t('accounts.create')}
      onCancel={close}
      width={720}
      destroyOnHidden
      footer={
        created
          ? [
              <Button key="close" onClick={close}>
                {t('common.close')}
              </Button>,
              <Button
                key="open"
                type="primary"
                onClick={() => {
                  const id = created.account.id;
                  close();
                  navigate(`/admin/accounts/${id}`);
                }}
              >
                {t('accounts.openCreated')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                {t('common.cancel')}
              </Button>,
              <Button key="ok" type="primary" loading={create.isPending} onClick={() => form.submit()}>
                {t('accounts.createSubmit')}
              </Button>,
            ]
      }
    >
      {created ? (
        <>
          <p>{t('accounts.createdNotice', { account: created.account.account, name: created.account.name })}</p>
          <OneTimePassword password={created.temporaryPassword} />
        </>
      ) : (
        <Form<AccountFormValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ needsOfficeMail: false, orgId: me?.org.id }}
        >
          <ErrorAlert error={create.error} />
          <AccountFormFields mode="create" />
        </Form>
      )}
    </Modal>
  );
}
