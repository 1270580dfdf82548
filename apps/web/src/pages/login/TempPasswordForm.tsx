/**
 * 臨時密碼 (SSO-5): 備用信箱 → 寄送驗證碼 → the 6-digit code from the mail → 登入. The notice
 * after sending never says whether the address is bound to an account (the server answers the
 * same either way); a second factor, when asked for, continues at the existing MFA step.
 */
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSignInStep } from '../../api/auth.ts';
import { useRequestTempPassword } from '../../api/backup-email.ts';
import { TotpCodeItem } from '../../components/TotpCodeItem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useCountdown } from '../../lib/countdown.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useFocusOnMount } from '../../lib/focus.ts';
import { retryAfterSeconds, withRetryTime } from '../../lib/retry.ts';
import type { SignInHandlers } from './LoginForm.tsx';
import { useLoginError } from './login-error.ts';

/** 重新寄送 is offered this long after a code was sent. */
const RESEND_WAIT_MS = 30_000;

function EmailStep({ initial, onSent }: { initial: string; onSent: (email: string, waitMs: number) => void }) {
  const { t } = useI18n();
  const send = useRequestTempPassword();
  const errorText = send.error ? withRetryTime(t, errorMessage(send.error, t('error.network')), send.error) : null;

  return (
    <Form<{ email: string }>
      layout="vertical"
      requiredMark={false}
      initialValues={{ email: initial }}
      onFinish={(v) => send.mutate(v.email.trim(), { onSuccess: () => onSent(v.email.trim(), RESEND_WAIT_MS) })}
    >
      {errorText && <Alert type="error" showIcon role="alert" title={errorText} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">{t('temp.hint')}</Typography.Paragraph>
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
          autoFocus={initial !== ''}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={send.isPending}>
        {t('temp.send')}
      </Button>
    </Form>
  );
}

function CodeStep({
  email,
  resendAt,
  onResent,
  onChangeEmail,
  onSignedIn,
  onChallenge,
}: SignInHandlers & {
  email: string;
  resendAt: number;
  onResent: (waitMs: number) => void;
  onChangeEmail: () => void;
}) {
  const { t } = useI18n();
  // The notice takes focus, so a screen reader reads it before the code field.
  const notice = useFocusOnMount<HTMLDivElement>();
  const step = useSignInStep();
  const resend = useRequestTempPassword();
  const wait = useCountdown(resendAt);
  const loginError = useLoginError(step.error);
  const resendError = resend.error
    ? withRetryTime(t, errorMessage(resend.error, t('error.network')), resend.error)
    : null;
  const errorText = loginError ?? resendError;

  const again = () => {
    step.reset();
    resend.mutate(email, {
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
          { kind: 'temp_password', body: { email, code: v.code } },
          { onSuccess: (challenge) => (challenge ? onChallenge(challenge) : onSignedIn()) },
        );
      }}
    >
      <div ref={notice} tabIndex={-1} className="temp-notice">
        <Alert type="info" showIcon role="status" title={t('temp.sent')} style={{ marginBottom: 16 }} />
      </div>
      {errorText && <Alert type="error" showIcon role="alert" title={errorText} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph className="temp-sent-to">{t('temp.sentTo', { email })}</Typography.Paragraph>
      <TotpCodeItem label={t('temp.code')} extra={t('temp.codeHint')} kind="email" />
      <Button type="primary" htmlType="submit" block size="large" loading={step.isPending}>
        {t('login.submit')}
      </Button>
      <Space wrap className="mfa-links">
        <Button type="link" onClick={again} disabled={wait > 0} loading={resend.isPending}>
          {wait > 0 ? t('temp.resendIn', { n: wait }) : t('temp.resend')}
        </Button>
        <Button type="link" onClick={onChangeEmail}>
          {t('temp.changeEmail')}
        </Button>
      </Space>
    </Form>
  );
}

export function TempPasswordForm(handlers: SignInHandlers) {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [resendAt, setResendAt] = useState(0);

  return sent ? (
    <CodeStep
      {...handlers}
      email={email}
      resendAt={resendAt}
      onResent={(ms) => setResendAt(Date.now() + ms)}
      onChangeEmail={() => setSent(false)}
    />
  ) : (
    <EmailStep
      initial={email}
      onSent={(address, ms) => {
        setEmail(address);
        setResendAt(Date.now() + ms);
        setSent(true);
      }}
    />
  );
}
