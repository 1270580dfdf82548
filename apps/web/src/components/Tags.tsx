/**
 * Status tags with solid dark backgrounds: antd's light preset tags fall below the WCAG AA
 * 4.5:1 contrast ratio, white on these colours does not.
 */
import { Tag } from 'antd';
import {
  ACCOUNT_STATUS_LABELS,
  APP_STATUS_LABELS,
  LOGIN_PERMISSION_LABELS,
  ORG_TYPE_LABELS,
  ROLE_LABELS,
  SERVICE_STATUS_LABELS,
  type AccountStatus,
  type AppStatus,
  type OrgType,
  type Role,
  type ServiceStatus,
} from '@menhu/contracts';
import { useI18n } from '../i18n/index.tsx';

export const TAG_COLORS = {
  green: '#237804',
  red: '#a8071a',
  grey: '#595959',
  orange: '#ad4e00',
  blue: '#0958d9',
  purple: '#531dab',
  cyan: '#006d75',
} as const;

export function SolidTag({ color, children }: { color: keyof typeof TAG_COLORS; children: React.ReactNode }) {
  return (
    <Tag color={TAG_COLORS[color]} variant="solid">
      {children}
    </Tag>
  );
}

const STATUS_COLOR: Record<AccountStatus, keyof typeof TAG_COLORS> = {
  pending: 'orange',
  active: 'green',
  disabled: 'grey',
};

export function AccountStatusTag({ status }: { status: AccountStatus }) {
  const { label } = useI18n();
  return <SolidTag color={STATUS_COLOR[status]}>{label(ACCOUNT_STATUS_LABELS[status])}</SolidTag>;
}

export function LoginPermissionTag({ locked }: { locked: boolean }) {
  const { label } = useI18n();
  return locked ? (
    <SolidTag color="red">{label(LOGIN_PERMISSION_LABELS.locked)}</SolidTag>
  ) : (
    <SolidTag color="green">{label(LOGIN_PERMISSION_LABELS.normal)}</SolidTag>
  );
}

export function RoleTags({ roles }: { roles: Role[] }) {
  const { label } = useI18n();
  const shown = roles.filter((r) => r !== 'user');
  if (!shown.length) return <>{label(ROLE_LABELS.user)}</>;
  return (
    <>
      {shown.map((r) => (
        <SolidTag key={r} color={r === 'system_admin' ? 'purple' : 'blue'}>
          {label(ROLE_LABELS[r])}
        </SolidTag>
      ))}
    </>
  );
}

const ORG_TYPE_COLOR: Record<OrgType, keyof typeof TAG_COLORS> = {
  internal: 'blue',
  external: 'cyan',
  district: 'orange',
  school: 'purple',
};

export function OrgTypeTag({ type }: { type: OrgType }) {
  const { label } = useI18n();
  return <SolidTag color={ORG_TYPE_COLOR[type]}>{label(ORG_TYPE_LABELS[type])}</SolidTag>;
}

export function ResultTag({ success }: { success: boolean }) {
  const { t } = useI18n();
  return success ? (
    <SolidTag color="green">{t('common.success')}</SolidTag>
  ) : (
    <SolidTag color="red">{t('common.failure')}</SolidTag>
  );
}

const SERVICE_STATUS_COLOR: Record<ServiceStatus, keyof typeof TAG_COLORS> = {
  none: 'grey',
  pending: 'orange',
  approved: 'green',
  rejected: 'red',
};

/** INT-1 介接服務狀態: 尚未申請 / 未審核 / 審核通過 / 駁回. */
export function ServiceStatusTag({ status }: { status: ServiceStatus }) {
  const { label } = useI18n();
  return <SolidTag color={SERVICE_STATUS_COLOR[status]}>{label(SERVICE_STATUS_LABELS[status])}</SolidTag>;
}

const APP_STATUS_COLOR: Record<AppStatus, keyof typeof TAG_COLORS> = {
  active: 'green',
  suspended: 'red',
  revoked: 'grey',
};

export function AppStatusTag({ status }: { status: AppStatus }) {
  const { label } = useI18n();
  return <SolidTag color={APP_STATUS_COLOR[status]}>{label(APP_STATUS_LABELS[status])}</SolidTag>;
}
