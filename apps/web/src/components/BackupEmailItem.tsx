/** The 備用信箱 field: required, an e-mail address, the phone's e-mail keyboard. */
import { Form, Input } from 'antd';
import { useI18n } from '../i18n/index.tsx';

export function BackupEmailItem({ autoFocus }: { autoFocus?: boolean }) {
  const { t } = useI18n();
  return (
    <Form.Item
      label={t('temp.email')}
      name="email"
      rules={[
        { required: true, whitespace: true, message: t('temp.emailRequired') },
        { type: 'email', message: t('temp.emailFormat') },
      ]}
    >
      <Input
        type="email"
        inputMode="email"
        autoComplete="email"
        autoCapitalize="none"
        spellCheck={false}
        size="large"
        autoFocus={autoFocus}
      />
    </Form.Item>
  );
}
