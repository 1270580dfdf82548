/** SQL for 機關管理員查詢: organisations, and the active agency administrators over an org path. */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { accountRoles, accounts, orgs } from '../../platform/db/schema.ts';

const publicOrg = { id: orgs.id, code: orgs.code, name: orgs.name, shortName: orgs.shortName, parentId: orgs.parentId };

export async function listPublicOrgs(exec: Executor) {
  return exec.select(publicOrg).from(orgs).orderBy(asc(orgs.code));
}

export async function findPublicOrg(exec: Executor, id: number) {
  return (
    await exec
      .select({ ...publicOrg, path: orgs.path })
      .from(orgs)
      .where(eq(orgs.id, id))
  )[0];
}

/** Active agency administrators of the organisation at `path` or any above it, nearest first. */
export async function adminsOver(exec: Executor, path: string) {
  return exec
    .select({
      org: publicOrg,
      depth: sql<number>`length(${orgs.path})`,
      name: accounts.name,
      title: accounts.title,
      officePhone: accounts.officePhone,
      phoneExt: accounts.phoneExt,
      email: accounts.email,
    })
    .from(accountRoles)
    .innerJoin(accounts, eq(accounts.id, accountRoles.accountId))
    .innerJoin(orgs, eq(orgs.id, accounts.orgId))
    .where(
      and(eq(accountRoles.role, 'agency_admin'), eq(accounts.status, 'active'), sql`${path} like ${orgs.path} || '%'`),
    )
    .orderBy(desc(sql`length(${orgs.path})`), asc(accounts.name));
}
