/**
 * Who may manage what (ACC-4, roles in SPEC). Deny by default: a user manages nobody, an
 * agency admin manages accounts and units within their agency's subtree, a system admin
 * manages everything. Services call these with the target's organisation path.
 */
import type { Role } from '@menhu/contracts';

export interface Principal {
  accountId: number;
  orgPath: string;
  roles: Role[];
}

export const isSystemAdmin = (p: Pick<Principal, 'roles'>) => p.roles.includes('system_admin');
export const isAgencyAdmin = (p: Principal) => p.roles.includes('agency_admin');

/** Organisation-path prefixes the principal may manage; `undefined` means everything. */
export function managedScope(p: Principal): string[] | undefined {
  if (isSystemAdmin(p)) return undefined;
  if (isAgencyAdmin(p)) return [p.orgPath];
  return [];
}

export function canManageOrgPath(p: Principal, orgPath: string): boolean {
  const scope = managedScope(p);
  return scope === undefined || scope.some((prefix) => orgPath.startsWith(prefix));
}

/**
 * LC-5: only a system administrator may change a system administrator's account. Otherwise an
 * agency admin whose agency holds one could reset its password and sign in with its rights.
 */
export function canChangeAccount(p: Principal, target: { orgPath: string; roles: readonly string[] }): boolean {
  return canManageOrgPath(p, target.orgPath) && (isSystemAdmin(p) || !target.roles.includes('system_admin'));
}

/** LC-5: agency admin rights are granted within scope; system admin only by a system admin. */
export function canGrantRole(p: Principal, role: Role, targetOrgPath: string): boolean {
  if (role === 'system_admin') return isSystemAdmin(p);
  if (role === 'agency_admin') return canManageOrgPath(p, targetOrgPath);
  return false;
}

/** Narrows a requested scope (an organisation subtree) to what the principal may see. */
export function intersectScope(p: Principal, requestedPrefix: string | undefined): string[] | undefined {
  const scope = managedScope(p);
  if (requestedPrefix === undefined) return scope;
  if (scope === undefined) return [requestedPrefix];
  // requested inside scope → requested; scope inside requested → scope; disjoint → nothing
  const inside = scope.filter((s) => requestedPrefix.startsWith(s));
  if (inside.length) return [requestedPrefix];
  return scope.filter((s) => s.startsWith(requestedPrefix));
}
