/** ACC-3 個人帳號管理: one page, tabbed. `?tab=password` opens the password form directly (`?tab=security`: 動態驗證碼). */
import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useI18n, usePageTitle } from '../../i18n/index.tsx';
import { MyLoginRecordsTab } from './MyLoginRecordsTab.tsx';
import { PasswordTab } from './PasswordTab.tsx';
import { SecurityTab } from './SecurityTab.tsx';
import { ProfileTab } from './ProfileTab.tsx';
import { SessionsTab } from './SessionsTab.tsx';

const TABS = ['profile', 'password', 'security', 'sessions', 'records'] as const;
type Tab = (typeof TABS)[number];

export default function MePage() {
  usePageTitle('nav.me');
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'profile';

  return (
    <>
      <PageTitle>{t('nav.me')}</PageTitle>
      <Tabs
        className="me-tabs"
        activeKey={tab}
        onChange={(k) => setParams(k === 'profile' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'profile', label: t('me.tab.profile'), children: <ProfileTab /> },
          { key: 'password', label: t('me.tab.password'), children: <PasswordTab /> },
          { key: 'security', label: t('me.tab.security'), children: <SecurityTab /> },
          { key: 'sessions', label: t('me.tab.sessions'), children: <SessionsTab /> },
          { key: 'records', label: t('me.tab.records'), children: <MyLoginRecordsTab /> },
        ]}
      />
    </>
  );
}
