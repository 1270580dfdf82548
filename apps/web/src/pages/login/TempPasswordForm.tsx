/**
 * 臨時密碼 (SSO-5): 備用信箱 → 寄送驗證碼 → the 6-digit code from the mail → 登入. The notice
 * after sending never says whether the address is bound to an account (the server answers the
 * same either way); a second factor, when asked for, continues at the existing MFA step.
 */
import { Alert, Button, Form, Typography } from 'antd';
import { useState } from 'react';
import { useRequestTempPassword } from '../../api/backup-email.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { withRetryTime } from '../../lib/retry.ts';
import { CodeSignInStep } from './CodeSignInStep.tsx';
import type { SignInHandlers } from './LoginForm.tsx';
import { BackupEmailItem } from '../../components/BackupEmailItem.tsx';

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
      <BackupEmailItem autoFocus={initial !== ''} />
      <Button type="primary" htmlType="submit" block size="large" loading={send.isPending}>
        {t('temp.send')}
      </Button>
    </Form>
  );
}

function CodeStep({
  email,
  onChangeEmail,
  ...rest
}: SignInHandlers & {
  email: string;
  resendAt: number;
  onResent: (waitMs: number) => void;
  onChangeEmail: () => void;
}) {
  const { t } = useI18n();
  return (
    <CodeSignInStep
      {...rest}
      target={email}
      resend={useRequestTempPassword()}
      toStep={(code) => ({ kind: 'temp_password', body: { email, code } })}
      resendWaitMs={RESEND_WAIT_MS}
      texts={{
        sent: t('temp.sent'),
        sentTo: t('temp.sentTo', { email }),
        code: t('temp.code'),
        codeHint: t('temp.codeHint'),
        resend: t('temp.resend'),
        resendIn: (n) => t('temp.resendIn', { n }),
        back: t('temp.changeEmail'),
      }}
      onBack={onChangeEmail}
    />
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
