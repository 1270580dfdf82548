/**
 * 簡訊登入 (SSO-5): 帳號 → 傳送簡訊驗證碼 → the 6-digit code from the text message → 登入. The
 * notice after sending never says whether the account has a number (the server answers the same
 * either way); a second factor, when asked for, continues at the MFA step.
 */
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useRequestSmsLogin } from '../../api/sms.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { withRetryTime } from '../../lib/retry.ts';
import { CodeSignInStep } from './CodeSignInStep.tsx';
import type { SignInHandlers } from './LoginForm.tsx';

/** 重新傳送 is offered this long after a code was sent. */
const RESEND_WAIT_MS = 60_000;

function AccountStep({ initial, onSent }: { initial: string; onSent: (account: string, waitMs: number) => void }) {
  const { t } = useI18n();
  const send = useRequestSmsLogin();
  const errorText = send.error ? withRetryTime(t, errorMessage(send.error, t('error.network')), send.error) : null;
  return (
    <Form<{ account: string }>
      layout="vertical"
      requiredMark={false}
      initialValues={{ account: initial }}
      onFinish={(v) => send.mutate(v.account.trim(), { onSuccess: () => onSent(v.account.trim(), RESEND_WAIT_MS) })}
    >
      {errorText && <Alert type="error" showIcon role="alert" title={errorText} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">{t('sms.loginHint')}</Typography.Paragraph>
      <Form.Item
        label={t('login.account')}
        name="account"
        rules={[{ required: true, whitespace: true, message: t('login.accountRequired') }]}
      >
        <Input autoComplete="username" autoCapitalize="none" spellCheck={false} size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={send.isPending}>
        {t('sms.send')}
      </Button>
    </Form>
  );
}

function CodeStep({
  account,
  onChangeAccount,
  ...rest
}: SignInHandlers & {
  account: string;
  resendAt: number;
  onResent: (waitMs: number) => void;
  onChangeAccount: () => void;
}) {
  const { t } = useI18n();
  return (
    <CodeSignInStep
      {...rest}
      target={account}
      resend={useRequestSmsLogin()}
      toStep={(code) => ({ kind: 'sms', body: { account, code } })}
      resendWaitMs={RESEND_WAIT_MS}
      texts={{
        sent: t('sms.loginSent'),
        sentTo: t('sms.loginAccount', { account }),
        code: t('sms.code'),
        codeHint: t('sms.codeHint'),
        resend: t('sms.resend'),
        resendIn: (n) => t('sms.resendIn', { n }),
        back: t('sms.changeAccount'),
      }}
      onBack={onChangeAccount}
    />
  );
}

export function SmsLoginForm(handlers: SignInHandlers) {
  const [account, setAccount] = useState('');
  const [sent, setSent] = useState(false);
  const [resendAt, setResendAt] = useState(0);
  return sent ? (
    <CodeStep
      {...handlers}
      account={account}
      resendAt={resendAt}
      onResent={(ms) => setResendAt(Date.now() + ms)}
      onChangeAccount={() => setSent(false)}
    />
  ) : (
    <AccountStep
      initial={account}
      onSent={(a, ms) => {
        setAccount(a);
        setResendAt(Date.now() + ms);
        setSent(true);
      }}
    />
  );
}
