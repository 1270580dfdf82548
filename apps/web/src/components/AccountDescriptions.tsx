/** ACC-2 account fields as a description list; shared by 個人帳號管理 and the admin detail page. */
import { Descriptions, type DescriptionsProps } from 'antd';
import type { AccountDetail } from '@menhu/contracts';
import { useI18n } from '../i18n/index.tsx';
import { AccountStatusTag, LoginPermissionTag, RoleTags } from './Tags.tsx';

type Section = 'profile' | 'status';

export function AccountDescriptions({ account: a, section }: { account: AccountDetail; section: Section }) {
  const { t, date } = useI18n();
  const dash = (v: string | null | undefined) => v || '—';
  const phone = a.officePhone ? `${a.officePhone}${a.phoneExt ? ` ${t('account.ext')} ${a.phoneExt}` : ''}` : '—';

  const profile: DescriptionsProps['items'] = [
    { key: 'account', label: t('account.account'), children: a.account },
    { key: 'name', label: t('account.name'), children: a.name },
    // ACC-2: the ID number only ever arrives masked (****7556).
    { key: 'id', label: t('account.idNumber'), children: dash(a.idNumberMasked) },
    { key: 'org', label: t('account.org'), children: `${a.org.name}（${a.org.code}）` },
    { key: 'title', label: t('account.title'), children: dash(a.title) },
    { key: 'phone', label: t('account.officePhone'), children: phone },
    { key: 'email', label: t('account.email'), children: dash(a.email) },
    { key: 'birthday', label: t('account.birthday'), children: dash(date(a.birthday)) },
    { key: 'home', label: t('account.homeAddress'), children: dash(a.homeAddress) },
    { key: 'work', label: t('account.workAddress'), children: dash(a.workAddress) },
    {
      key: 'mail',
      label: t('account.needsOfficeMail'),
      children: a.needsOfficeMail ? t('account.needsOfficeMailYes') : t('account.needsOfficeMailNo'),
    },
  ];
  const status: DescriptionsProps['items'] = [
    { key: 'status', label: t('account.status'), children: <AccountStatusTag status={a.status} /> },
    {
      key: 'locked',
      label: t('account.loginPermission'),
      children: (
        <>
          <LoginPermissionTag locked={a.locked} />
          {a.locked && a.lockedUntil ? t('account.lockedUntil', { time: date(a.lockedUntil) }) : null}
        </>
      ),
    },
    { key: 'roles', label: t('account.roles'), children: <RoleTags roles={a.roles} /> },
    { key: 'created', label: t('account.createdAt'), children: dash(date(a.createdAt)) },
    { key: 'count', label: t('account.loginCount'), children: a.loginCount },
    { key: 'last', label: t('account.lastLoginAt'), children: dash(date(a.lastLoginAt)) },
    { key: 'pwd', label: t('account.passwordChangedAt'), children: dash(date(a.passwordChangedAt)) },
    {
      key: 'must',
      label: t('account.mustChangePassword'),
      children: a.mustChangePassword ? t('common.yes') : t('common.no'),
    },
  ];
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2, xl: 2, xxl: 3 }}
      items={section === 'profile' ? profile : status}
    />
  );
}
