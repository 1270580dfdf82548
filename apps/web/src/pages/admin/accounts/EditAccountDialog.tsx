/** 編輯: an administrator's change to an account, including moving it to another agency. */
import { App, Form, Modal } from 'antd';
import type { AccountDetail } from '@menhu/contracts';
import { useUpdateAccount } from '../../../api/accounts.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { AccountFormFields, fromAccount, toAccountUpdate, type AccountFormValues } from './AccountFormFields.tsx';

export function EditAccountDialog({
  account,
  open,
  onClose,
}: {
  account: AccountDetail;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<AccountFormValues>();
  const update = useUpdateAccount(account.id);

  const close = () => {
    update.reset();
    onClose();
  };

  const submit = async (v: AccountFormValues) => {
    try {
      await update.mutateAsync(toAccountUpdate(v));
      void message.success(t('common.saved'));
      close();
    } catch {
      // shown by ErrorAlert
    }
  };

  return (
    <Modal
      open={open}
      title={t('accounts.editTitle', { account: account.account })}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={update.isPending}
      width={720}
      destroyOnHidden
    >
      <Form<AccountFormValues> form={form} layout="vertical" onFinish={submit} initialValues={fromAccount(account)}>
        <ErrorAlert error={update.error} />
        <AccountFormFields mode="edit" maskedId={account.idNumberMasked} />
      </Form>
    </Modal>
  );
}
