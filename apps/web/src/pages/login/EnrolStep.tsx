/**
 * SSO-10 first sign-in of an account that must use a second factor but has none: bind an
 * authenticator app from the pending session; its confirming code completes the sign-in.
 * The recovery codes are shown before moving on, since they are never shown again.
 */
import { Alert, Typography } from 'antd';
import { useState } from 'react';
import type { TotpConfirmed } from '@menhu/contracts';
import { useFinishSignIn, type MfaChallenge } from '../../api/auth.ts';
import { useLogout } from '../../api/me.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { RecoveryCodes } from '../../components/RecoveryCodes.tsx';
import { TotpSetup } from '../../components/TotpSetup.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useFocusOnMount } from '../../lib/focus.ts';

function StepHeading({ children }: { children: string }) {
  const ref = useFocusOnMount<HTMLHeadingElement>();
  return (
    <Typography.Title level={1} className="login-heading" tabIndex={-1} ref={ref}>
      {children}
    </Typography.Title>
  );
}

export function EnrolStep({
  challenge,
  onSignedIn,
  onCancel,
}: {
  challenge: MfaChallenge;
  onSignedIn: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const logout = useLogout();
  const finish = useFinishSignIn();
  const [confirmed, setConfirmed] = useState<TotpConfirmed | null>(null);
  const [error, setError] = useState<unknown>(null);

  if (confirmed)
    return (
      <>
        <StepHeading key="codes">{t('totp.recoveryHeading')}</StepHeading>
        <ErrorAlert error={error} />
        <RecoveryCodes
          account={challenge.account}
          codes={confirmed.recoveryCodes}
          onDone={() =>
            finish(confirmed.session)
              .then(onSignedIn)
              .catch((err: unknown) => setError(err))
          }
        />
      </>
    );

  return (
    <>
      <StepHeading key="setup">{t('totp.enrolHeading')}</StepHeading>
      <Alert type="info" showIcon title={t('totp.enrolIntro')} style={{ marginBottom: 16 }} />
      <TotpSetup
        account={challenge.account}
        onConfirmed={setConfirmed}
        // Back to the first step at once; the pending session ends in the background.
        onCancel={() => {
          onCancel();
          logout.mutate();
        }}
      />
    </>
  );
}
