/** SSO-8: after an expired or forced password the session may only change it (or sign out). */
import { Alert, Button, Card, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { Me } from '@menhu/contracts';
import { useLogout } from '../../api/me.ts';
import { ChangePasswordForm } from '../../components/ChangePasswordForm.tsx';
import { usePageTitle, useI18n } from '../../i18n/index.tsx';
import { PublicFrame } from './PublicFrame.tsx';

export function PasswordChangeRequired({ me }: { me: Me }) {
  usePageTitle('password.changeTitle');
  const { t } = useI18n();
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <PublicFrame>
      <Card className="login-card wide">
        <Typography.Title level={1} className="login-heading">
          {t('password.changeTitle')}
        </Typography.Title>
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={me.passwordChangeRequired === 'expired' ? t('password.expiredNotice') : t('password.forcedNotice')}
        />
        {/* Once changed, /api/me no longer reports a restriction and the guard lets the page through. */}
        <ChangePasswordForm account={me.account} />
        <Button
          type="link"
          style={{ marginTop: 8, paddingInline: 0 }}
          onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
        >
          {t('nav.logout')}
        </Button>
      </Card>
    </PublicFrame>
  );
}
