/** /login: 帳號 + 密碼 (SSO-7 refusals shown as the server words them), then where the user was going. */
import { Card } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../../api/me.ts';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { usePageTitle } from '../../i18n/index.tsx';
import { LoginForm } from './LoginForm.tsx';
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
function oidcReturn(search: string): { url: string; fresh: boolean } | null {
  const params = new URLSearchParams(search);
  const url = params.get('return') ?? '';
  return /^\/api\/oidc\/interaction\/[A-Za-z0-9_-]{1,100}$/u.test(url)
    ? { url, fresh: params.get('fresh') === '1' }
    : null;
}

export function LoginPage() {
  usePageTitle('login.title');
  const location = useLocation();
  const target = safeTarget((location.state as { from?: unknown } | null)?.from);
  const sso = oidcReturn(location.search);
  const { data: me, isPending } = useMe();
  // A system asked for a fresh sign-in (prompt=login / max_age): the existing session does not count.
  const [signedInHere, setSignedInHere] = useState(false);
  const ready = me && !me.passwordChangeRequired && (!sso?.fresh || signedInHere);

  const ssoUrl = sso?.url;
  useEffect(() => {
    if (ready && ssoUrl) window.location.replace(ssoUrl);
  }, [ready, ssoUrl]);

  if (isPending) return <FullPageSpin />;
  if (me?.passwordChangeRequired) return <PasswordChangeRequired me={me} />;
  if (ready) return sso ? <FullPageSpin /> : <Navigate to={target} replace />;

  return (
    <PublicFrame>
      <Card className="login-card">
        <LoginForm onSignedIn={() => setSignedInHere(true)} />
      </Card>
    </PublicFrame>
  );
}
