/**
 * SSO-10 第二階段驗證 from an MFA-pending session: after a password, the 動態驗證碼 (or a
 * recovery code, 簡訊, a 通行金鑰); after a 動態驗證碼 sign-in, the password. 取消 ends the
 * pending session.
 */
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSignInStep, type MfaChallenge, type SecondFactor } from '../../api/auth.ts';
import { passkeyErrorKey, passkeySecondFactor } from '../../api/passkey.ts';
import { useLogout } from '../../api/me.ts';
import { TotpCodeItem } from '../../components/TotpCodeItem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useFocusOnMount } from '../../lib/focus.ts';
import { useLoginError } from './login-error.ts';
import { SmsSecondStep } from './SmsSecondStep.tsx';

export function MfaStep({
  challenge,
  onSignedIn,
  onCancel,
}: {
  challenge: MfaChallenge;
  onSignedIn: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [method, setMethod] = useState<SecondFactor>(challenge.methods[0] ?? 'totp');
  const [switched, setSwitched] = useState(false);
  const step = useSignInStep();
  const logout = useLogout();
  const [passkeyError, setPasskeyError] = useState<unknown>(null);
  const [asking, setAsking] = useState(false);
  const loginError = useLoginError(step.error ?? passkeyError);
  const browserError = passkeyErrorKey(passkeyError);
  const errorText = browserError ? t(browserError) : loginError;
  const other: SecondFactor | null =
    method === 'totp' && challenge.methods.includes('recovery')
      ? 'recovery'
      : (method === 'recovery' || method === 'sms' || method === 'passkey') && challenge.methods.includes('totp')
        ? 'totp'
        : null;
  const offerSms = method !== 'sms' && challenge.methods.includes('sms');
  const offerPasskey = method !== 'passkey' && challenge.methods.includes('passkey');
  // The device's own prompt (fingerprint, face, PIN), then the assertion as the second factor.
  const verifyWithPasskey = () => {
    step.reset();
    setPasskeyError(null);
    setAsking(true);
    passkeySecondFactor()
      .finally(() => setAsking(false))
      .then(
        (credential) =>
          step.mutate(
            { kind: 'mfa', method: 'passkey', credential },
            { onSuccess: (next) => (next ? undefined : onSignedIn()) },
          ),
        setPasskeyError,
      );
  };

  const submit = (v: { code?: string; password?: string }) =>
    step.mutate(
      { kind: 'mfa', method, credential: (method === 'password' ? v.password : v.code) ?? '' },
      { onSuccess: (next) => (next ? undefined : onSignedIn()) },
    );
  const switchTo = (m: SecondFactor) => {
    step.reset();
    setPasskeyError(null);
    setSwitched(true);
    setMethod(m);
  };

  return (
    <>
      <Typography.Title level={1} className="login-heading" tabIndex={-1} ref={heading}>
        {t('mfa.heading')}
      </Typography.Title>
      <Typography.Paragraph>
        {t('mfa.intro', { name: challenge.name, account: challenge.account })}
      </Typography.Paragraph>
      {/* key: a fresh form per method, so a code typed for one is not sent as the other. */}
      <Form key={method} layout="vertical" onFinish={submit} requiredMark={false}>
        {errorText && <Alert type="error" showIcon role="alert" title={errorText} style={{ marginBottom: 16 }} />}
        {method === 'totp' && (
          <TotpCodeItem label={t('login.totpCode')} extra={t('mfa.totpHint')} autoFocus={switched} />
        )}
        {method === 'recovery' && (
          <Form.Item
            label={t('mfa.recovery')}
            name="code"
            extra={t('mfa.recoveryHint')}
            rules={[{ required: true, whitespace: true, message: t('mfa.recoveryRequired') }]}
          >
            <Input
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              size="large"
              autoFocus={switched}
            />
          </Form.Item>
        )}
        {method === 'sms' && <SmsSecondStep autoFocus={switched} />}
        {method === 'password' && (
          <Form.Item
            label={t('login.password')}
            name="password"
            extra={t('mfa.passwordHint')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
        )}
        {method === 'passkey' ? (
          <>
            <Typography.Paragraph type="secondary">{t('passkey.mfaHint')}</Typography.Paragraph>
            <Button type="primary" block size="large" loading={asking || step.isPending} onClick={verifyWithPasskey}>
              {t('passkey.mfaButton')}
            </Button>
          </>
        ) : (
          <Button type="primary" htmlType="submit" block size="large" loading={step.isPending}>
            {t('mfa.verify')}
          </Button>
        )}
      </Form>
      <Space wrap className="mfa-links">
        {other && (
          <Button type="link" onClick={() => switchTo(other)}>
            {t(other === 'recovery' ? 'mfa.useRecovery' : 'mfa.useTotp')}
          </Button>
        )}
        {offerSms && (
          <Button type="link" onClick={() => switchTo('sms')}>
            {t('sms.useSms')}
          </Button>
        )}
        {offerPasskey && (
          <Button type="link" onClick={() => switchTo('passkey')}>
            {t('passkey.mfaSwitch')}
          </Button>
        )}
        <Button
          type="link"
          onClick={() => {
            onCancel();
            logout.mutate();
          }}
        >
          {t('common.cancel')}
        </Button>
      </Space>
    </>
  );
}
