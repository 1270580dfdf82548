/** What leaves the server about an account (Outline's presenters): never the ID number itself. */
import type { AccountDetail, AccountStatus, AccountSummary, Role } from '@menhu/contracts';
import { IdNumberCipher } from '../../platform/crypto.ts';
import type { AccountWithOrg } from './store.ts';

export function presentAccountSummary(a: AccountWithOrg): AccountSummary {
  return {
    id: a.id,
    account: a.account,
    name: a.name,
    title: a.title,
    email: a.email,
    org: { id: a.orgId, code: a.orgCode, name: a.orgName },
    status: a.status as AccountStatus,
    locked: a.lockedUntil !== null,
    roles: ['user', ...(a.roles as Role[])],
    lastLoginAt: a.lastLoginAt?.toISOString() ?? null,
  };
}

export function presentAccountDetail(a: AccountWithOrg): AccountDetail {
  return {
    ...presentAccountSummary(a),
    idNumberMasked: IdNumberCipher.mask(a.idNumberLast4),
    officePhone: a.officePhone,
    phoneExt: a.phoneExt,
    birthday: a.birthday,
    homeAddress: a.homeAddress,
    workAddress: a.workAddress,
    needsOfficeMail: a.needsOfficeMail,
    createdAt: a.createdAt.toISOString(),
    loginCount: a.loginCount,
    passwordChangedAt: a.passwordChangedAt?.toISOString() ?? null,
    mustChangePassword: a.mustChangePassword,
    hasAvatar: a.hasAvatar,
    lockedUntil: a.lockedUntil?.toISOString() ?? null,
  };
}

/** The audit trail's view of an account: plain fields, ID number masked. */
export function auditView(a: AccountWithOrg): Record<string, unknown> {
  return {
    name: a.name,
    title: a.title,
    email: a.email,
    officePhone: a.officePhone,
    phoneExt: a.phoneExt,
    birthday: a.birthday,
    homeAddress: a.homeAddress,
    workAddress: a.workAddress,
    needsOfficeMail: a.needsOfficeMail,
    orgId: a.orgId,
    idNumber: IdNumberCipher.mask(a.idNumberLast4),
    // A short piece of the keyed blind index: shows that the ID number changed even when the
    // last four characters did not, without revealing anything about the number itself.
    idNumberRef: a.idNumberIndex?.slice(0, 8) ?? null,
    status: a.status,
    roles: a.roles,
  };
}
