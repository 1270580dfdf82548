/** 自然人憑證 sign-in tab (SSO-5): PIN → HiPKI popup → the card signs the server's challenge. */
import { loginChallenge, useMoicaSignIn } from '../../api/moica.ts';
import { MoicaSignForm } from '../../components/MoicaSignForm.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { SignInHandlers } from './LoginForm.tsx';
import { useLoginError } from './login-error.ts';

export function MoicaLoginForm({ onSignedIn, onChallenge }: SignInHandlers) {
  const { t } = useI18n();
  const signIn = useMoicaSignIn();
  const loginError = useLoginError(signIn.error);
  return (
    <MoicaSignForm
      getChallenge={() => {
        signIn.reset();
        return loginChallenge();
      }}
      onSigned={(signed) =>
        signIn.mutateAsync(signed).then(
          (challenge) => (challenge ? onChallenge(challenge) : onSignedIn()),
          () => undefined, // shown below from signIn.error
        )
      }
      serverError={loginError}
      submitText={t('moica.signIn')}
    />
  );
}
