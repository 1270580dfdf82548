import type { Role } from '@menhu/contracts';

interface HasRoles {
  roles: Role[];
}

export const isSystemAdmin = (me: HasRoles | null | undefined) => !!me?.roles.includes('system_admin');
/** Agency admins and system admins both reach 管理主控台. */
export const isAdmin = (me: HasRoles | null | undefined) =>
  !!me && (me.roles.includes('agency_admin') || me.roles.includes('system_admin'));
