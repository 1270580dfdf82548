/**
 * A 6-digit code field (動態驗證碼, or 驗證碼 mailed to the 備用信箱 with `kind="email"`): numeric
 * keypad on phones, the browser's one-time-code autofill.
 */
import { Form, Input } from 'antd';
import { useI18n } from '../i18n/index.tsx';

/** Digits only: "123 456" pasted from an app becomes 123456. */
const digits = (v: string | undefined) => (v ?? '').replace(/\D/gu, '').slice(0, 6);

export function TotpCodeItem({
  label,
  extra,
  autoFocus,
  kind = 'totp',
}: {
  label: string;
  extra?: string;
  autoFocus?: boolean;
  kind?: 'totp' | 'email';
}) {
  const { t } = useI18n();
  return (
    <Form.Item
      label={label}
      name="code"
      extra={extra}
      normalize={digits}
      rules={[
        { required: true, message: t(kind === 'email' ? 'emailCode.required' : 'code.required') },
        { pattern: /^\d{6}$/u, message: t(kind === 'email' ? 'emailCode.format' : 'code.format') },
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
