/** The 6-digit 動態驗證碼 field: numeric keypad on phones, the browser's one-time-code autofill. */
import { Form, Input } from 'antd';
import { useI18n } from '../i18n/index.tsx';

/** Digits only: "123 456" pasted from an app becomes 123456. */
const digits = (v: string | undefined) => (v ?? '').replace(/\D/gu, '').slice(0, 6);

export function TotpCodeItem({ label, extra, autoFocus }: { label: string; extra?: string; autoFocus?: boolean }) {
  const { t } = useI18n();
  return (
    <Form.Item
      label={label}
      name="code"
      extra={extra}
      normalize={digits}
      rules={[
        { required: true, message: t('code.required') },
        { pattern: /^\d{6}$/u, message: t('code.format') },
      ]}
    >
      <Input
        inputMode="numeric"
        autoComplete="one-time-code"
        autoFocus={autoFocus}
        size="large"
        className="totp-code-input"
        spellCheck={false}
      />
    </Form.Item>
  );
}
