/**
 * The role-dependent menu: everyone has 首頁, 系統列表, 個人帳號管理 and 線上申請作業
 * (應用系統服務介接管理); admins get 管理主控台.
 */
import {
  ApartmentOutlined,
  ApiOutlined,
  AppstoreOutlined,
  AuditOutlined,
  CheckSquareOutlined,
  HistoryOutlined,
  HomeOutlined,
  MessageOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useMe } from '../api/me.ts';
import { useI18n } from '../i18n/index.tsx';
import { isAdmin, isSystemAdmin } from '../lib/roles.ts';

type Item = Required<MenuProps>['items'][number];

export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const admin: Item[] = [
    { key: '/admin/accounts', icon: <TeamOutlined />, label: t('nav.accounts') },
    { key: '/admin/login-records', icon: <HistoryOutlined />, label: t('nav.loginRecords') },
    ...(isSystemAdmin(me)
      ? [
          { key: '/admin/orgs', icon: <ApartmentOutlined />, label: t('nav.orgs') },
          { key: '/admin/audit', icon: <AuditOutlined />, label: t('nav.audit') },
          { key: '/admin/launcher', icon: <UnorderedListOutlined />, label: t('nav.launcherAdmin') },
          { key: '/admin/integrations', icon: <CheckSquareOutlined />, label: t('nav.integrationReview') },
          { key: '/admin/sms-messages', icon: <MessageOutlined />, label: t('nav.smsMessages') },
        ]
      : []),
  ];
  const apply: Item[] = [{ key: '/integrations', icon: <ApiOutlined />, label: t('nav.integrations') }];
  const items: Item[] = [
    { key: '/', icon: <HomeOutlined />, label: t('nav.home') },
    { key: '/systems', icon: <AppstoreOutlined />, label: t('nav.systems') },
    { key: '/me', icon: <UserOutlined />, label: t('nav.me') },
    { type: 'group' as const, key: 'apply', label: t('nav.apply'), children: apply },
    ...(isAdmin(me) ? [{ type: 'group' as const, key: 'console', label: t('nav.console'), children: admin }] : []),
  ];
  const keys = ['/systems', '/me', ...apply.map((i) => String(i?.key)), ...admin.map((i) => String(i?.key))];
  const selected = keys.find((k) => pathname === k || pathname.startsWith(`${k}/`)) ?? (pathname === '/' ? '/' : '');

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
