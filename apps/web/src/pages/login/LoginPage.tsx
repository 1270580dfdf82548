/**
 * /login: the first step (SSO-5 methods per zone, SSO-7 refusals as the server words them), a
 * second step or first binding when SSO-10 asks for one, then where the user was going.
 */
import { Card } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { useMe } from '../../api/me.ts';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { useI18n, usePageTitle } from '../../i18n/index.tsx';
import { useLoginMethods, type MfaChallenge } from '../../api/auth.ts';
import { EnrolStep } from './EnrolStep.tsx';
import { LoginForm } from './LoginForm.tsx';
import { MfaStep } from './MfaStep.tsx';
import { PasswordChangeRequired } from './PasswordChangeRequired.tsx';
import { PublicFrame } from './PublicFrame.tsx';

/** Only same-site paths, so a crafted link cannot send the user elsewhere after sign-in. */
function safeTarget(from: unknown): string {
  return typeof from === 'string' && from.startsWith('/') && !/^\/[/\\]/u.test(from) && from !== '/login' ? from : '/';
}

/**
 * SSO-1: a single-sign-on request for another system comes back here as `?return=` naming the
 * server's interaction endpoint; after sign-in the browser goes there (a full page load, not a
 * client route). Nothing else is accepted, so the parameter cannot redirect anywhere else.
 */
function oidcReturn(search: string): { url: string; fresh: boolean; mfa: boolean } | null {
  const params = new URLSearchParams(search);
  const url = params.get('return') ?? '';
  return /^\/api\/oidc\/interaction\/[A-Za-z0-9_-]{1,100}$/u.test(url)
    ? { url, fresh: params.get('fresh') === '1', mfa: params.get('mfa') === '1' }
    : null;
}

export function LoginPage() {
  const { t } = useI18n();
  const location = useLocation();
  const { data: methods } = useLoginMethods();
  const target = safeTarget((location.state as { from?: unknown } | null)?.from);
  const sso = oidcReturn(location.search);
  const { data: me, isPending } = useMe();
  // A system asked for a fresh sign-in (prompt=login / max_age): the existing session does not count.
  const [signedInHere, setSignedInHere] = useState(false);
  // The pending second step; the cookie now holds an MFA-pending session (/api/me still answers 401).
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);
  // After 取消 the first step comes back with focus on its heading; on arrival it does not.
  const [returned, setReturned] = useState(false);
  usePageTitle(challenge ? (challenge.enrolRequired ? 'totp.enrolHeading' : 'mfa.heading') : 'login.title');
  const ready = me && !me.passwordChangeRequired && (!sso?.fresh || signedInHere);

  const ssoUrl = sso?.url;
  useEffect(() => {
    if (ready && ssoUrl) window.location.replace(ssoUrl);
  }, [ready, ssoUrl]);

  const signedIn = () => setSignedInHere(true);
  const cancel = () => {
    setChallenge(null);
    setReturned(true);
  };

  if (isPending) return <FullPageSpin />;
  if (me?.passwordChangeRequired) return <PasswordChangeRequired me={me} />;
  if (ready) return sso ? <FullPageSpin /> : <Navigate to={target} replace />;

  return (
    <PublicFrame>
      <Card className={challenge?.enrolRequired ? 'login-card wide' : 'login-card'}>
        {challenge?.enrolRequired ? (
          <EnrolStep challenge={challenge} onSignedIn={signedIn} onCancel={cancel} />
        ) : challenge ? (
          <MfaStep challenge={challenge} onSignedIn={signedIn} onCancel={cancel} />
        ) : (
          <>
            <LoginForm
              onSignedIn={signedIn}
              onChallenge={setChallenge}
              focusHeading={returned}
              stepUp={sso?.mfa === true || (location.state as { stepUp?: unknown } | null)?.stepUp === true}
            />
            {/* SSO-9 開通帳號及忘記密碼 */}
            <nav className="recovery-links" aria-label={t('login.recoveryLinks')}>
              <Link to="/activate">{t('login.activate')}</Link>
              <Link to="/forgot-password">{t('login.forgot')}</Link>
              {/* ACC-5, 僅提供府內網路環境使用: offered on the intranet only. */}
              {methods?.zone === 'intranet' && <Link to="/agency-admins">{t('login.agencyAdmins')}</Link>}
            </nav>
          </>
        )}
      </Card>
    </PublicFrame>
  );
}
