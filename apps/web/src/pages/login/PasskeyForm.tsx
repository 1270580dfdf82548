/**
 * 通行金鑰 sign-in (SSO-5): one button, no account typed. The browser offers the passkeys saved
 * for this portal (on this device, or on a phone through the QR code it shows) and the device
 * verifies the person (fingerprint, face, PIN). A passkey is two factors by itself, so no
 * second step follows.
 */
import { Alert, Button, Typography } from 'antd';
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { passkeyErrorKey, usePasskeySignIn } from '../../api/passkey.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { SignInHandlers } from './LoginForm.tsx';
import { useLoginError } from './login-error.ts';

export function PasskeyForm({ onSignedIn, onChallenge }: SignInHandlers) {
  const { t } = useI18n();
  const signIn = usePasskeySignIn();
  const browserError = passkeyErrorKey(signIn.error);
  const apiError = useLoginError(signIn.error);
  const errorText = browserError ? t(browserError) : apiError;
  const supported = browserSupportsWebAuthn();
  return (
    <div className="passkey-login">
      {errorText && <Alert type="error" showIcon role="alert" title={errorText} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">
        {t(supported ? 'passkey.loginHint' : 'passkey.unsupported')}
      </Typography.Paragraph>
      <Button
        type="primary"
        block
        size="large"
        disabled={!supported}
        loading={signIn.isPending}
        onClick={() =>
          signIn.mutate({}, { onSuccess: (challenge) => (challenge ? onChallenge(challenge) : onSignedIn()) })
        }
      >
        {t('passkey.loginButton')}
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('passkey.loginNoKey')}
      </Typography.Paragraph>
    </div>
  );
}
