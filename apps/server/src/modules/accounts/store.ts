import { and, asc, count, eq, gt, ilike, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../platform/db/client.ts';
import { accountAvatars, accountRoles, accounts, loginThrottle, orgs } from '../../platform/db/schema.ts';

export type AccountRow = typeof accounts.$inferSelect;
export type NewAccountRow = typeof accounts.$inferInsert;

export interface AccountWithOrg extends AccountRow {
  orgCode: string;
  orgName: string;
  orgShortName: string;
  orgPath: string;
  roles: string[];
  hasAvatar: boolean;
  lockedUntil: Date | null;
}

const lockKey = sql<string>`'acct:' || ${accounts.account}`;

/** Columns for an account with its organisation, roles and avatar flag; other stores join on accounts and reuse it. */
export const accountWithOrgColumns = {
  a: accounts,
  orgCode: orgs.code,
  orgName: orgs.name,
  orgShortName: orgs.shortName,
  orgPath: orgs.path,
  roles: sql<
    string[]
  >`coalesce((select array_agg(r.role order by r.role) from ${accountRoles} r where r.account_id = ${accounts.id}), '{}')`,
  hasAvatar: sql<boolean>`exists(select 1 from ${accountAvatars} av where av.account_id = ${accounts.id})`,
};

function selectWithOrg(exec: Executor, now: Date) {
  return exec
    .select({ ...accountWithOrgColumns, lockedUntil: loginThrottle.lockedUntil })
    .from(accounts)
    .innerJoin(orgs, eq(orgs.id, accounts.orgId))
    .leftJoin(loginThrottle, and(eq(loginThrottle.key, lockKey), gt(loginThrottle.lockedUntil, now)));
}

type Joined = Awaited<ReturnType<ReturnType<typeof selectWithOrg>['execute']>>[number];

export function flatten(r: Omit<Joined, 'lockedUntil'> & { lockedUntil?: Date | null }): AccountWithOrg {
  return {
    ...r.a,
    orgCode: r.orgCode,
    orgName: r.orgName,
    orgShortName: r.orgShortName,
    orgPath: r.orgPath,
    roles: r.roles,
    hasAvatar: r.hasAvatar,
    lockedUntil: r.lockedUntil ?? null,
  };
}

export async function findAccountById(exec: Executor, id: number, now: Date): Promise<AccountWithOrg | undefined> {
  const rows = await selectWithOrg(exec, now).where(eq(accounts.id, id));
  return rows[0] && flatten(rows[0]);
}

function prepareLoginLookup(db: Db) {
  return db
    .select(accountWithOrgColumns)
    .from(accounts)
    .innerJoin(orgs, eq(orgs.id, accounts.orgId))
    .where(eq(accounts.account, sql.placeholder('account')))
    .prepare('menhu_account_for_login');
}
const loginLookups = new WeakMap<Db, ReturnType<typeof prepareLoginLookup>>();

/**
 * The sign-in hot path's lookup: a prepared statement without the lock join (the lockout gate
 * has already decided), planned once per connection on PostgreSQL.
 */
export async function findAccountForLogin(db: Db, account: string): Promise<AccountWithOrg | undefined> {
  let lookup = loginLookups.get(db);
  if (!lookup) loginLookups.set(db, (lookup = prepareLoginLookup(db)));
  const row = (await lookup.execute({ account: account.toLowerCase() }))[0];
  return row && flatten(row);
}

export interface AccountFilter {
  q?: string | undefined;
  /** Only accounts whose organisation path starts with one of these (scope and org filter). */
  orgPathPrefixes?: string[] | undefined;
  status?: string | undefined;
  role?: string | undefined;
  locked?: boolean | undefined;
  /** Exactly this organisation, without its units. */
  orgId?: number | undefined;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/gu, (c) => `\\${c}`);
}

function where(f: AccountFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (f.q) {
    const q = `%${escapeLike(f.q)}%`;
    parts.push(
      or(
        ilike(accounts.account, q),
        ilike(accounts.name, q),
        ilike(accounts.email, q),
        ilike(accounts.title, q),
        ilike(accounts.officePhone, q),
      ),
    );
  }
  if (f.orgPathPrefixes) {
    parts.push(
      f.orgPathPrefixes.length ? or(...f.orgPathPrefixes.map((p) => like(orgs.path, `${escapeLike(p)}%`))) : sql`false`,
    );
  }
  if (f.orgId !== undefined) parts.push(eq(accounts.orgId, f.orgId));
  if (f.status) parts.push(eq(accounts.status, f.status));
  if (f.role === 'user')
    parts.push(sql`not exists(select 1 from ${accountRoles} r where r.account_id = ${accounts.id})`);
  else if (f.role)
    parts.push(sql`exists(select 1 from ${accountRoles} r where r.account_id = ${accounts.id} and r.role = ${f.role})`);
  if (f.locked === true) parts.push(sql`${loginThrottle.key} is not null`);
  if (f.locked === false) parts.push(sql`${loginThrottle.key} is null`);
  return and(...parts);
}

export async function listAccounts(
  exec: Executor,
  f: AccountFilter,
  now: Date,
  limit: number,
  offset: number,
): Promise<{ rows: AccountWithOrg[]; total: number }> {
  const w = where(f);
  const [rows, totals] = await Promise.all([
    selectWithOrg(exec, now).where(w).orderBy(asc(orgs.path), asc(accounts.account)).limit(limit).offset(offset),
    exec
      .select({ n: count() })
      .from(accounts)
      .innerJoin(orgs, eq(orgs.id, accounts.orgId))
      .leftJoin(loginThrottle, and(eq(loginThrottle.key, lockKey), gt(loginThrottle.lockedUntil, now)))
      .where(w),
  ]);
  return { rows: rows.map(flatten), total: totals[0]?.n ?? 0 };
}

export async function insertAccount(exec: Executor, row: NewAccountRow): Promise<AccountRow> {
  const [created] = await exec.insert(accounts).values(row).returning();
  return created!;
}

export async function updateAccountRow(exec: Executor, id: number, set: Partial<NewAccountRow>): Promise<void> {
  await exec.update(accounts).set(set).where(eq(accounts.id, id));
}

/** Returns the query unexecuted: await it, or compose it with others via writeAll. */
export function recordLogin(exec: Executor, id: number, at: Date) {
  return exec
    .update(accounts)
    .set({ lastLoginAt: at, loginCount: sql`${accounts.loginCount} + 1` })
    .where(eq(accounts.id, id));
}

export async function setRole(exec: Executor, accountId: number, role: string, granted: boolean): Promise<void> {
  if (granted) await exec.insert(accountRoles).values({ accountId, role }).onConflictDoNothing();
  else await exec.delete(accountRoles).where(and(eq(accountRoles.accountId, accountId), eq(accountRoles.role, role)));
}

/** Agency admins of the given organisation (not its parents), active only. */
export async function countActiveAgencyAdmins(exec: Executor, orgId: number): Promise<number> {
  const rows = await exec
    .select({ n: count() })
    .from(accountRoles)
    .innerJoin(accounts, eq(accounts.id, accountRoles.accountId))
    .where(and(eq(accountRoles.role, 'agency_admin'), eq(accounts.orgId, orgId), eq(accounts.status, 'active')));
  return rows[0]?.n ?? 0;
}

export async function accountIdsByNames(exec: Executor, names: string[]): Promise<Map<string, number>> {
  if (!names.length) return new Map();
  const rows = await exec
    .select({ id: accounts.id, account: accounts.account })
    .from(accounts)
    .where(inArray(accounts.account, names));
  return new Map(rows.map((r) => [r.account, r.id]));
}

export async function getAvatar(exec: Executor, accountId: number) {
  const rows = await exec.select().from(accountAvatars).where(eq(accountAvatars.accountId, accountId));
  return rows[0];
}

export async function putAvatar(exec: Executor, accountId: number, mime: string, data: Uint8Array, at: Date) {
  await exec
    .insert(accountAvatars)
    .values({ accountId, mime, data, updatedAt: at })
    .onConflictDoUpdate({ target: accountAvatars.accountId, set: { mime, data, updatedAt: at } });
}
