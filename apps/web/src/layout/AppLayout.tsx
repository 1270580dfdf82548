/**
 * The signed-in frame, after the seeds' 公務入口網: header, side menu (a drawer on narrow
 * screens), and the page in <main>, with a skip link to it (WCAG 2.4.1).
 */
import { Drawer, Grid, Layout } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet } from 'react-router';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { useI18n } from '../i18n/index.tsx';
import { HeaderBar } from './HeaderBar.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { PasswordExpiryBanner } from './PasswordExpiryBanner.tsx';
import { SideMenu } from './SideMenu.tsx';

export function AppLayout() {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [drawerOpen, setDrawerOpen] = useState(false);

  return (
    <Layout className="app-layout">
      <a href="#main" className="skip-link">
        {t('a11y.skipToMain')}
      </a>
      <HeaderBar narrow={narrow} onOpenMenu={() => setDrawerOpen(true)} />
      <Layout>
        {!narrow && (
          <Layout.Sider width={232} theme="light" className="app-sider">
            <nav aria-label={t('nav.label')}>
              <SideMenu />
            </nav>
          </Layout.Sider>
        )}
        <Layout.Content id="main" tabIndex={-1} className="app-main">
          <PasswordExpiryBanner />
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      <Layout.Footer className="app-footer">{t('app.footer')}</Layout.Footer>
      {narrow && (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={280}
          title={t('app.name')}
          closable={{ 'aria-label': t('common.close') }}
          styles={{ body: { padding: 0 } }}
        >
          <nav aria-label={t('nav.label')}>
            <SideMenu onNavigate={() => setDrawerOpen(false)} />
          </nav>
          <div style={{ padding: 16 }}>
            <LanguageSwitch block />
          </div>
        </Drawer>
      )}
    </Layout>
  );
}
