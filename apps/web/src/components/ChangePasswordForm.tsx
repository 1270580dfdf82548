/** 變更密碼: current, new and confirmation, with the live SSO-8 checklist and the server's refusals. */
import { Button, Form, Input } from 'antd';
import { ApiError } from '../api/client.ts';
import { useChangePassword } from '../api/me.ts';
import { useI18n } from '../i18n/index.tsx';
import { errorMessage } from '../lib/errors.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { NewPasswordItems } from './NewPasswordItems.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordForm({ account, onDone }: { account: string; onDone?: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();

  const submit = async (v: Values) => {
    try {
      await change.mutateAsync({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      form.resetFields();
      onDone?.();
    } catch (err) {
      // Put the refusal next to the field it concerns; others show above the form.
      if (err instanceof ApiError && err.code === 'MENHU_ERR_CURRENT_PASSWORD')
        form.setFields([{ name: 'currentPassword', errors: [err.message] }]);
      else if (err instanceof ApiError && ['MENHU_ERR_PASSWORD_REUSED', 'MENHU_ERR_PASSWORD_POLICY'].includes(err.code))
        form.setFields([{ name: 'newPassword', errors: [errorMessage(err, t('error.unexpected'))] }]);
    }
  };

  const fieldError =
    change.error instanceof ApiError &&
    ['MENHU_ERR_CURRENT_PASSWORD', 'MENHU_ERR_PASSWORD_REUSED', 'MENHU_ERR_PASSWORD_POLICY'].includes(
      change.error.code,
    );

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark style={{ maxWidth: 420 }}>
      {!fieldError && <ErrorAlert error={change.error} />}
      <Form.Item
        label={t('password.current')}
        name="currentPassword"
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <NewPasswordItems account={account} />
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
