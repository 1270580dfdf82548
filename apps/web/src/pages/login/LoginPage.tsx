/** /login: 帳號 + 密碼 (SSO-7 refusals shown as the server words them), then where the user was going. */
import { Card } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../../api/me.ts';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { usePageTitle } from '../../i18n/index.tsx';
import { LoginForm } from './LoginForm.tsx';
import { PasswordChangeRequired } from './PasswordChangeRequired.tsx';
import { PublicFrame } from './PublicFrame.tsx';

/** Only same-site paths, so a crafted link cannot send the user elsewhere after sign-in. */
function safeTarget(from: unknown): string {
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : '/';
}

export function LoginPage() {
  usePageTitle('login.title');
  const location = useLocation();
  const target = safeTarget((location.state as { from?: unknown } | null)?.from);
  const { data: me, isPending } = useMe();

  if (isPending) return <FullPageSpin />;
  if (me?.passwordChangeRequired) return <PasswordChangeRequired me={me} />;
  if (me) return <Navigate to={target} replace />;

  return (
    <PublicFrame>
      <Card className="login-card">
        <LoginForm />
      </Card>
    </PublicFrame>
  );
}
