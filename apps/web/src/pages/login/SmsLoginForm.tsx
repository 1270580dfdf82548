/**
 * 簡訊登入 (SSO-5): 帳號 → 傳送簡訊驗證碼 → the 6-digit code from the text message → 登入. The
 * notice after sending never says whether the account has a number (the server answers the same
 * either way); a second factor, when asked for, continues at the MFA step.
 */
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSignInStep } from '../../api/auth.ts';
import { useRequestSmsLogin } from '../../api/sms.ts';
import { TotpCodeItem } from '../../components/TotpCodeItem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useCountdown } from '../../lib/countdown.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useFocusOnMount } from '../../lib/focus.ts';
import { retryAfterSeconds, withRetryTime } from '../../lib/retry.ts';
import type { SignInHandlers } from './LoginForm.tsx';
import { useLoginError } from './login-error.ts';

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
  resendAt,
  onResent,
  onChangeAccount,
  onSignedIn,
  onChallenge,
}: SignInHandlers & {
  account: string;
  resendAt: number;
  onResent: (waitMs: number) => void;
  onChangeAccount: () => void;
}) {
  const { t } = useI18n();
  const notice = useFocusOnMount<HTMLDivElement>();
  const step = useSignInStep();
  const resend = useRequestSmsLogin();
  const wait = useCountdown(resendAt);
  const loginError = useLoginError(step.error);
  const resendError = resend.error
    ? withRetryTime(t, errorMessage(resend.error, t('error.network')), resend.error)
    : null;
  const errorText = loginError ?? resendError;

  const again = () => {
    step.reset();
    resend.mutate(account, {
      onSuccess: () => onResent(RESEND_WAIT_MS),
      onError: (err) => {
        const s = retryAfterSeconds(err);
        if (s) onResent(s * 1000);
      },
    });
  };

  return (
    <Form<{ code: string }>
      layout="vertical"
      requiredMark={false}
      onFinish={(v) => {
        resend.reset();
        step.mutate(
          { kind: 'sms', body: { account, code: v.code } },
          { onSuccess: (challenge) => (challenge ? onChallenge(challenge) : onSignedIn()) },
        );
      }}
    >
      <div ref={notice} tabIndex={-1} className="temp-notice">
        <Alert type="info" showIcon role="status" title={t('sms.loginSent')} style={{ marginBottom: 16 }} />
      </div>
      {errorText && <Alert type="error" showIcon role="alert" title={errorText} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph className="temp-sent-to">{t('sms.loginAccount', { account })}</Typography.Paragraph>
      <TotpCodeItem label={t('sms.code')} extra={t('sms.codeHint')} kind="email" />
      <Button type="primary" htmlType="submit" block size="large" loading={step.isPending}>
        {t('login.submit')}
      </Button>
      <Space wrap className="mfa-links">
        <Button type="link" onClick={again} disabled={wait > 0} loading={resend.isPending}>
          {wait > 0 ? t('sms.resendIn', { n: wait }) : t('sms.resend')}
        </Button>
        <Button type="link" onClick={onChangeAccount}>
          {t('sms.changeAccount')}
        </Button>
      </Space>
    </Form>
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
