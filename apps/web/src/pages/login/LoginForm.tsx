import { Alert, Button, Form, Input, Typography } from 'antd';
import { ApiError } from '../../api/client.ts';
import { useLogin } from '../../api/me.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorMessage } from '../../lib/errors.ts';

interface Values {
  account: string;
  password: string;
}

/** Locked accounts also get the time the lock ends (details.lockedUntil). */
function useLoginError(error: unknown): string | null {
  const { t, date } = useI18n();
  if (!error) return null;
  const text = errorMessage(error, t('error.network'));
  if (error instanceof ApiError && error.code === 'MENHU_ERR_ACCOUNT_LOCKED') {
    const until = (error.details as { lockedUntil?: string } | undefined)?.lockedUntil;
    if (until) return `${text}（${t('login.lockedUntil', { time: date(until) })}）`;
  }
  return text;
}

export function LoginForm({ onSignedIn }: { onSignedIn?: () => void } = {}) {
  const { t } = useI18n();
  const login = useLogin();
  const errorText = useLoginError(login.error);

  return (
    <Form<Values>
      layout="vertical"
      onFinish={(v) => login.mutate(v, { onSuccess: () => onSignedIn?.() })}
      requiredMark={false}
    >
      <Typography.Title level={1} id="login-heading" className="login-heading">
        {t('login.heading')}
      </Typography.Title>
      {errorText && <Alert type="error" showIcon role="alert" title={errorText} style={{ marginBottom: 16 }} />}
      <Form.Item
        label={t('login.account')}
        name="account"
        rules={[{ required: true, whitespace: true, message: t('login.accountRequired') }]}
      >
        <Input autoComplete="username" autoCapitalize="none" spellCheck={false} size="large" />
      </Form.Item>
      <Form.Item
        label={t('login.password')}
        name="password"
        rules={[{ required: true, message: t('login.passwordRequired') }]}
      >
        <Input.Password autoComplete="current-password" size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}
