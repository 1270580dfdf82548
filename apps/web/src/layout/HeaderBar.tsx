/** 公務入口網 header: brand, the signed-in person, language and 登出. */
import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Layout, Space } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useLogout, useMe } from '../api/me.ts';
import { useI18n } from '../i18n/index.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { UserAvatar } from './UserAvatar.tsx';

export function HeaderBar({ narrow, onOpenMenu }: { narrow: boolean; onOpenMenu: () => void }) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const logout = useLogout();
  const navigate = useNavigate();

  const signOut = () => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });

  return (
    <Layout.Header className="app-header">
      {narrow && (
        <Button
          ghost
          icon={<MenuOutlined aria-hidden />}
          aria-label={t('nav.openMenu')}
          onClick={onOpenMenu}
          className="header-menu-button"
        />
      )}
      <Link to="/" className="brand">
        <img src="/favicon.svg" alt="" width={28} height={28} />
        <span>{t('app.name')}</span>
      </Link>
      <Space size={narrow ? 8 : 16} className="header-right">
        {!narrow && <LanguageSwitch ghost />}
        {me && (
          <Link
            to="/me"
            className="header-user"
            aria-label={narrow ? t('header.userLink', { name: me.name }) : undefined}
          >
            <UserAvatar />
            {!narrow && (
              <span className="header-user-name">
                {me.name}
                <span className="header-user-org">{me.org.shortName}</span>
              </span>
            )}
          </Link>
        )}
        <Button
          ghost
          icon={<LogoutOutlined aria-hidden />}
          onClick={signOut}
          loading={logout.isPending}
          aria-label={narrow ? t('nav.logout') : undefined}
        >
          {narrow ? null : t('nav.logout')}
        </Button>
      </Space>
    </Layout.Header>
  );
}
