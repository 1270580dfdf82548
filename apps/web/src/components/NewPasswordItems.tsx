/** 新密碼 and 確認新密碼 with the live SSO-8 checklist; used by 變更密碼 and by 設定密碼 (SSO-9). */
import { Form, Input } from 'antd';
import { passwordMeetsPolicy } from '@menhu/contracts';
import { useI18n } from '../i18n/index.tsx';
import { PasswordChecklist } from './PasswordChecklist.tsx';

export function NewPasswordItems({ account }: { account: string }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const newPassword = (Form.useWatch('newPassword', form) as string | undefined) ?? '';
  return (
    <>
      <Form.Item
        label={t('password.new')}
        name="newPassword"
        extra={<PasswordChecklist password={newPassword} account={account} />}
        rules={[
          { required: true, message: t('validation.required') },
          {
            validator: async (_, v: string | undefined) => {
              if (v && !passwordMeetsPolicy(v, account)) throw new Error(t('password.policyNotMet'));
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={t('password.confirm')}
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator: async (_, v: string | undefined) => {
              if (v && v !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
