/**
 * The second screen of a sign-in by a sent code (臨時密碼 by mail, 簡訊 by text message): the
 * notice (which never says whether the code really went out), where it went, the code, 登入,
 * 重新寄送 after a wait, and going back to change the address or account.
 */
import { Alert, Button, Form, Space, Typography } from 'antd';
import type { UseMutationResult } from '@tanstack/react-query';
import { useSignInStep, type SignInStep } from '../../api/auth.ts';
import { TotpCodeItem } from '../../components/TotpCodeItem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useCountdown } from '../../lib/countdown.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useFocusOnMount } from '../../lib/focus.ts';
import { retryAfterSeconds, withRetryTime } from '../../lib/retry.ts';
import type { SignInHandlers } from './LoginForm.tsx';
import { useLoginError } from './login-error.ts';

export function CodeSignInStep({
  target,
  resend,
  toStep,
  resendAt,
  resendWaitMs,
  texts,
  onResent,
  onBack,
  onSignedIn,
  onChallenge,
}: SignInHandlers & {
  /** The address or account the code went to; sent again by 重新寄送. */
  target: string;
  resend: UseMutationResult<unknown, Error, string>;
  toStep: (code: string) => SignInStep;
  resendAt: number;
  resendWaitMs: number;
  texts: {
    sent: string;
    sentTo: string;
    code: string;
    codeHint: string;
    resend: string;
    resendIn: (n: number) => string;
    back: string;
  };
  onResent: (waitMs: number) => void;
  onBack: () => void;
}) {
  const { t } = useI18n();
  // The notice takes focus, so a screen reader reads it before the code field.
  const notice = useFocusOnMount<HTMLDivElement>();
  const step = useSignInStep();
  const wait = useCountdown(resendAt);
  const loginError = useLoginError(step.error);
  const resendError = resend.error
    ? withRetryTime(t, errorMessage(resend.error, t('error.network')), resend.error)
    : null;
  const errorText = loginError ?? resendError;

  const again = () => {
    step.reset();
    resend.mutate(target, {
      onSuccess: () => onResent(resendWaitMs),
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
        step.mutate(toStep(v.code), {
          onSuccess: (challenge) => (challenge ? onChallenge(challenge) : onSignedIn()),
        });
      }}
    >
      <div ref={notice} tabIndex={-1} className="temp-notice">
        <Alert type="info" showIcon role="status" title={texts.sent} style={{ marginBottom: 16 }} />
      </div>
      {errorText && <Alert type="error" showIcon role="alert" title={errorText} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph className="temp-sent-to">{texts.sentTo}</Typography.Paragraph>
      <TotpCodeItem label={texts.code} extra={texts.codeHint} kind="email" />
      <Button type="primary" htmlType="submit" block size="large" loading={step.isPending}>
        {t('login.submit')}
      </Button>
      <Space wrap className="mfa-links">
        <Button type="link" onClick={again} disabled={wait > 0} loading={resend.isPending}>
          {wait > 0 ? texts.resendIn(wait) : texts.resend}
        </Button>
        <Button type="link" onClick={onBack}>
          {texts.back}
        </Button>
      </Space>
    </Form>
  );
}
