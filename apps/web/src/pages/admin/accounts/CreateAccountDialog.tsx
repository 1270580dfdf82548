/**
 * 新增帳號: the form, then the one-time temporary password — or, given the person's own mailbox,
 * an account 未開通 that they activate themselves (SSO-9 開通帳號), which nobody else knows the password of.
 */
import { Button, Form, Input, Modal } from 'antd';
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
  const [created, setCreated] = useState<{ account: AccountDetail; temporaryPassword: string | null } | null>(null);

  const close = () => {
    form.resetFields();
    create.reset();
    setCreated(null);
    onClose();
  };

  const submit = async (v: AccountFormValues & { backupEmail?: string }) => {
    const backupEmail = v.backupEmail?.trim();
    const body = {
      ...toAccountUpdate(v),
      account: (v.account ?? '').trim().toLowerCase(),
      name: v.name.trim(),
      orgId: v.orgId,
      ...(backupEmail ? { backupEmail } : {}),
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
          {created.temporaryPassword ? (
            <>
              <p>{t('accounts.createdNotice', { account: created.account.account, name: created.account.name })}</p>
              <OneTimePassword password={created.temporaryPassword} />
            </>
          ) : (
            <p role="status">
              {t('accounts.createdPending', { account: created.account.account, name: created.account.name })}
            </p>
          )}
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
          <Form.Item
            label={t('accounts.backupEmail')}
            name="backupEmail"
            extra={t('accounts.backupEmailHint')}
            rules={[{ type: 'email', message: t('temp.emailFormat') }]}
          >
            <Input type="email" inputMode="email" autoCapitalize="none" spellCheck={false} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
