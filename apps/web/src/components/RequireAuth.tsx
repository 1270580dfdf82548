/** Guards for signed-in pages: sign-in first, then any required password change, then roles. */
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Me } from '@menhu/contracts';
import { useMe } from '../api/me.ts';
import { useI18n, usePageTitle } from '../i18n/index.tsx';
import { errorMessage } from '../lib/errors.ts';
import { PasswordChangeRequired } from '../pages/login/PasswordChangeRequired.tsx';
import { FullPageSpin } from './FullPageSpin.tsx';

export function RequireAuth() {
  const { t } = useI18n();
  const location = useLocation();
  const { data: me, isPending, error, refetch } = useMe();
  if (isPending) return <FullPageSpin />;
  if (error)
    return (
      <Result
        status="error"
        title={errorMessage(error, t('error.unexpected'))}
        extra={<Button onClick={() => void refetch()}>{t('common.retry')}</Button>}
      />
    );
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // SSO-8: an expired or forced password limits the session to changing it.
  if (me.passwordChangeRequired) return <PasswordChangeRequired me={me} />;
  return <Outlet />;
}

export function RequireRole({ allow, children }: { allow: (me: Me) => boolean; children: ReactNode }) {
  const { data: me } = useMe();
  if (!me || !allow(me)) return <Forbidden />;
  return <>{children}</>;
}

function Forbidden() {
  usePageTitle('error.forbidden');
  const { t } = useI18n();
  return <Result status="403" title={<h1 className="result-title">{t('error.forbidden')}</h1>} />;
}
