/**
 * ACC-2 / ACC-4: account administration within scope. Every change is authorised against
 * the target's organisation (and the destination's, for moves), written through to the
 * directory, and audited with before/after in the same transaction.
 */
import type {
  AccountCreate,
  AccountDetail,
  AccountListQuery,
  AccountSummary,
  AccountUpdate,
  Role,
} from '@menhu/contracts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit, auditOfAccount, diff } from '../audit/service.ts';
import { unlockAccountName } from '../auth/lockout.ts';
import { revokeAllSessions } from '../auth/session-service.ts';
import { deleteTotp } from '../totp/store.ts';
import { generatePassword, setPassword, toDirectoryAccount } from '../credentials/service.ts';
import { findOrgById } from '../orgs/store.ts';
import { assertPersonalMailbox } from '../backup-email/service.ts';
import { saveBackupEmail } from '../backup-email/store.ts';
import { canChangeAccount, canGrantRole, canManageOrgPath, intersectScope, type Principal } from './policy.ts';
import { auditView, presentAccountDetail, presentAccountSummary } from './presenter.ts';
import {
  countActiveAgencyAdmins,
  findAccountById,
  insertAccount,
  listAccounts,
  setRole,
  updateAccountRow,
  type AccountWithOrg,
  type NewAccountRow,
} from './store.ts';

/** Loads an account within the principal's scope; out-of-scope looks exactly like missing. */
async function loadVisibleAccount(ctx: Ctx, p: Principal, id: number, exec: Executor = ctx.db) {
  const a = await findAccountById(exec, id, ctx.clock.now());
  if (!a || !canManageOrgPath(p, a.orgPath)) throw new AppError('MENHU_ERR_NOT_FOUND');
  return a;
}

/** Loads an account the principal may change: in scope, and no system admin unless they are one. */
export async function loadManagedAccount(ctx: Ctx, p: Principal, id: number, exec: Executor = ctx.db) {
  const a = await loadVisibleAccount(ctx, p, id, exec);
  if (!canChangeAccount(p, a)) throw new AppError('MENHU_ERR_FORBIDDEN');
  return a;
}

async function reload(ctx: Ctx, exec: Executor, id: number): Promise<AccountWithOrg> {
  const a = await findAccountById(exec, id, ctx.clock.now());
  if (!a) throw new AppError('MENHU_ERR_NOT_FOUND');
  return a;
}

async function managedOrg(ctx: Ctx, p: Principal, orgId: number, exec: Executor) {
  const org = await findOrgById(exec, orgId);
  if (!org || !canManageOrgPath(p, org.path))
    throw new AppError('MENHU_ERR_VALIDATION', [{ path: 'orgId', message: 'unknown organisation' }]);
  return org;
}

export async function searchAccounts(
  ctx: Ctx,
  p: Principal,
  q: Omit<AccountListQuery, 'page' | 'pageSize'>,
  limit: number,
  offset: number,
): Promise<{ items: AccountSummary[]; total: number }> {
  let requested: string | undefined;
  if (q.orgId !== undefined) {
    const org = await findOrgById(ctx.db, q.orgId);
    if (!org) return { items: [], total: 0 };
    requested = org.path;
  }
  const prefixes = intersectScope(p, requested);
  const { rows, total } = await listAccounts(
    ctx.db,
    {
      q: q.q,
      orgPathPrefixes: prefixes,
      status: q.status,
      role: q.role,
      locked: q.locked,
      ...(q.orgId !== undefined && !q.includeSubOrgs ? { orgId: q.orgId } : {}),
    },
    ctx.clock.now(),
    limit,
    offset,
  );
  return { items: rows.map(presentAccountSummary), total };
}

export async function accountHistory(ctx: Ctx, p: Principal, id: number, limit: number, offset: number) {
  await loadVisibleAccount(ctx, p, id);
  return auditOfAccount(ctx, id, limit, offset);
}

export async function getAccount(ctx: Ctx, p: Principal, id: number): Promise<AccountDetail> {
  return presentAccountDetail(await loadVisibleAccount(ctx, p, id));
}

function idNumberColumns(ctx: Ctx, idNumber: string | null | undefined): Partial<NewAccountRow> {
  if (idNumber === undefined) return {};
  if (idNumber === null) return { idNumberEnc: null, idNumberLast4: null, idNumberIndex: null };
  return {
    idNumberEnc: ctx.cipher.encrypt(idNumber),
    idNumberLast4: idNumber.slice(-4),
    idNumberIndex: ctx.cipher.index(idNumber),
  };
}

function profileColumns(input: AccountUpdate): Partial<NewAccountRow> {
  const cols: Partial<NewAccountRow> = {};
  const keys = [
    'name',
    'title',
    'email',
    'officePhone',
    'phoneExt',
    'birthday',
    'homeAddress',
    'workAddress',
    'needsOfficeMail',
  ] as const;
  for (const k of keys) if (input[k] !== undefined) (cols as Record<string, unknown>)[k] = input[k];
  return cols;
}

function uniqueViolation(err: unknown): string | null {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const code = e.code ?? e.cause?.code;
  return code === '23505' ? (e.constraint ?? e.cause?.constraint ?? 'unique') : null;
}

/** Maps unique-constraint races (two admins, two nodes) to a clear 409. */
async function translateConflicts<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const c = uniqueViolation(err);
    if (c === 'accounts_account_uq') throw new AppError('MENHU_ERR_CONFLICT', { field: 'account' });
    if (c === 'accounts_id_number_uq') throw new AppError('MENHU_ERR_CONFLICT', { field: 'idNumber' });
    if (c === 'backup_emails_email_uq') throw new AppError('MENHU_ERR_CONFLICT', { field: 'backupEmail' });
    if (c) throw new AppError('MENHU_ERR_CONFLICT');
    throw err;
  }
}

export async function createAccount(
  ctx: Ctx,
  p: Principal,
  input: AccountCreate,
  actor: Actor,
  /** Roles granted in the same transaction (the CLI's create-admin). */
  roles: Exclude<Role, 'user'>[] = [],
): Promise<{ account: AccountDetail; temporaryPassword: string | null }> {
  // With the person's own mailbox the account waits for them to activate it (SSO-9 開通帳號):
  // nobody else ever knows its password. Without, a one-time password to hand over.
  const backupEmail = input.backupEmail;
  if (backupEmail !== undefined) assertPersonalMailbox(ctx, backupEmail, input.email ?? null, 'backupEmail');
  const temporaryPassword = backupEmail === undefined ? generatePassword(input.account) : null;
  const created = await translateConflicts(() =>
    ctx.db.transaction(async (tx) => {
      const org = await managedOrg(ctx, p, input.orgId, tx);
      if (roles.some((role) => !canGrantRole(p, role, org.path))) throw new AppError('MENHU_ERR_FORBIDDEN');
      const now = ctx.clock.now();
      const row = await insertAccount(tx, {
        ...profileColumns(input),
        ...idNumberColumns(ctx, input.idNumber),
        account: input.account,
        name: input.name,
        orgId: input.orgId,
        status: temporaryPassword ? 'active' : 'pending',
        createdAt: now,
        updatedAt: now,
      });
      const a = await reload(ctx, tx, row.id);
      await ctx.directory.createAccount(tx, toDirectoryAccount(a));
      if (temporaryPassword)
        await setPassword(ctx, tx, a, temporaryPassword, { mustChange: true, checkHistory: false });
      else await saveBackupEmail(tx, a.id, backupEmail!, now);
      for (const role of roles) await setRole(tx, a.id, role, true);
      const created = await reload(ctx, tx, row.id);
      await audit(tx, ctx, actor, {
        action: 'account.create',
        target: { type: 'account', id: a.id, label: a.account },
        after: auditView(created),
      });
      return created;
    }),
  );
  return { account: presentAccountDetail(created), temporaryPassword };
}

export async function updateAccount(
  ctx: Ctx,
  p: Principal,
  id: number,
  input: AccountUpdate,
  actor: Actor,
): Promise<AccountDetail> {
  const updated = await translateConflicts(() =>
    ctx.db.transaction(async (tx) => {
      const before = await loadManagedAccount(ctx, p, id, tx);
      const moving = input.orgId !== undefined && input.orgId !== before.orgId;
      if (moving) {
        await managedOrg(ctx, p, input.orgId!, tx);
        // LC-6: leaving the agency ends agency-admin rights held for it.
        if (before.roles.includes('agency_admin')) {
          await assertNotLastAdmin(tx, before);
          await setRole(tx, id, 'agency_admin', false);
        }
      }
      await updateAccountRow(tx, id, {
        ...profileColumns(input),
        ...idNumberColumns(ctx, input.idNumber),
        ...(moving ? { orgId: input.orgId } : {}),
        updatedAt: ctx.clock.now(),
      });
      const after = await reload(ctx, tx, id);
      await ctx.directory.updateAccount(tx, toDirectoryAccount(after));
      if (moving) await ctx.directory.moveAccount(tx, toDirectoryAccount(after), before.orgCode);
      // SSO-11: a transferred account is signed out everywhere, systems included.
      if (moving) await revokeAllSessions(ctx, tx, id);
      const change = diff(auditView(before), auditView(after));
      if (change)
        await audit(tx, ctx, actor, {
          action: moving ? 'account.move' : 'account.update',
          target: { type: 'account', id, label: before.account },
          ...change,
        });
      return after;
    }),
  );
  return presentAccountDetail(updated);
}

/** Advisory-lock namespace for "the admins of one organisation" (any fixed number). */
const ORG_ADMINS_LOCK = 7_301;

/**
 * LC-4: an agency keeps at least one active agency admin. The count is taken under a
 * transaction-scoped advisory lock on the organisation, so two admins removing each other at
 * the same moment on different nodes cannot both pass.
 */
async function assertNotLastAdmin(exec: Executor, a: AccountWithOrg): Promise<void> {
  if (!a.roles.includes('agency_admin') || a.status !== 'active') return;
  await exec.execute(sql`select pg_advisory_xact_lock(${ORG_ADMINS_LOCK}, ${a.orgId})`);
  if ((await countActiveAgencyAdmins(exec, a.orgId)) <= 1) throw new AppError('MENHU_ERR_LAST_ADMIN');
}

export async function changeStatus(
  ctx: Ctx,
  p: Principal,
  id: number,
  status: 'active' | 'disabled',
  actor: Actor,
): Promise<AccountDetail> {
  if (id === p.accountId) throw new AppError('MENHU_ERR_SELF_ACTION');
  const after = await ctx.db.transaction(async (tx) => {
    const before = await loadManagedAccount(ctx, p, id, tx);
    if (before.status === status) return before;
    if (status === 'disabled') await assertNotLastAdmin(tx, before); // LC-4
    await updateAccountRow(tx, id, { status, updatedAt: ctx.clock.now() });
    const a = await reload(ctx, tx, id);
    if (status === 'disabled') {
      await ctx.directory.disableAccount(tx, toDirectoryAccount(a));
      await revokeAllSessions(ctx, tx, id); // SSO-11 forced sign-out
    } else {
      await ctx.directory.enableAccount(tx, toDirectoryAccount(a));
    }
    await audit(tx, ctx, actor, {
      action: 'account.status',
      target: { type: 'account', id, label: a.account },
      before: { status: before.status },
      after: { status },
    });
    return a;
  });
  return presentAccountDetail(after);
}

export async function unlockAccount(ctx: Ctx, p: Principal, id: number, actor: Actor): Promise<AccountDetail> {
  const a = await loadManagedAccount(ctx, p, id);
  await ctx.db.transaction(async (tx) => {
    await unlockAccountName({ db: tx }, a.account);
    await audit(tx, ctx, actor, {
      action: 'account.unlock',
      target: { type: 'account', id, label: a.account },
      before: { locked: a.lockedUntil !== null },
      after: { locked: false },
    });
  });
  return presentAccountDetail(await reload(ctx, ctx.db, id));
}

/** Operator unlock by name (CLI): works for any name, so a locked-out last system admin can get back in. */
export async function unlockAccountByName(ctx: Ctx, name: string, actor: Actor): Promise<void> {
  const account = name.trim().toLowerCase();
  await ctx.db.transaction(async (tx) => {
    await unlockAccountName({ db: tx }, account);
    await audit(tx, ctx, actor, {
      action: 'account.unlock',
      target: { type: 'account_name', id: account, label: account },
      after: { locked: false },
    });
  });
}

export async function resetPassword(
  ctx: Ctx,
  p: Principal,
  id: number,
  actor: Actor,
): Promise<{ temporaryPassword: string }> {
  if (id === p.accountId) throw new AppError('MENHU_ERR_SELF_ACTION');
  return ctx.db.transaction(async (tx) => {
    const a = await loadManagedAccount(ctx, p, id, tx);
    const temporaryPassword = generatePassword(a.account);
    await setPassword(ctx, tx, a, temporaryPassword, { mustChange: true, checkHistory: false });
    await revokeAllSessions(ctx, tx, id);
    await audit(tx, ctx, actor, { action: 'password.reset', target: { type: 'account', id, label: a.account } });
    return { temporaryPassword };
  });
}

/**
 * A lost phone (SSO-5 / ACC-3): an administrator removes the account's authenticator app and
 * recovery codes and signs it out everywhere; if its role requires a second factor, the next
 * sign-in binds a new app. Never one's own (another administrator must do it).
 */
export async function resetSecondFactor(ctx: Ctx, p: Principal, id: number, actor: Actor): Promise<void> {
  if (id === p.accountId) throw new AppError('MENHU_ERR_SELF_ACTION');
  await ctx.db.transaction(async (tx) => {
    const a = await loadManagedAccount(ctx, p, id, tx);
    await deleteTotp(tx, id);
    await revokeAllSessions(ctx, tx, id);
    await audit(tx, ctx, actor, { action: 'totp.reset', target: { type: 'account', id, label: a.account } });
  });
}

export async function forcePasswordChange(ctx: Ctx, p: Principal, id: number, actor: Actor): Promise<AccountDetail> {
  const a = await ctx.db.transaction(async (tx) => {
    const before = await loadManagedAccount(ctx, p, id, tx);
    await updateAccountRow(tx, id, { mustChangePassword: true, updatedAt: ctx.clock.now() });
    await revokeAllSessions(ctx, tx, id);
    await audit(tx, ctx, actor, {
      action: 'password.force_change',
      target: { type: 'account', id, label: before.account },
      before: { mustChangePassword: before.mustChangePassword },
      after: { mustChangePassword: true },
    });
    return reload(ctx, tx, id);
  });
  return presentAccountDetail(a);
}

export async function changeRole(
  ctx: Ctx,
  p: Principal,
  id: number,
  role: Exclude<Role, 'user'>,
  granted: boolean,
  actor: Actor,
): Promise<AccountDetail> {
  const a = await ctx.db.transaction(async (tx) => {
    const before = await loadManagedAccount(ctx, p, id, tx);
    if (!canGrantRole(p, role, before.orgPath)) throw new AppError('MENHU_ERR_FORBIDDEN');
    if (id === p.accountId && !granted) throw new AppError('MENHU_ERR_SELF_ACTION');
    if (before.roles.includes(role) === granted) return before;
    if (!granted && role === 'agency_admin') await assertNotLastAdmin(tx, before);
    await setRole(tx, id, role, granted);
    await audit(tx, ctx, actor, {
      action: 'account.role',
      target: { type: 'account', id, label: before.account },
      before: { roles: before.roles },
      after: { role, granted },
    });
    return reload(ctx, tx, id);
  });
  return presentAccountDetail(a);
}

export async function revokeSessionsOf(ctx: Ctx, p: Principal, id: number, actor: Actor): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const a = await loadManagedAccount(ctx, p, id, tx);
    const n = await revokeAllSessions(ctx, tx, id);
    await audit(tx, ctx, actor, {
      action: 'session.revoke_all',
      target: { type: 'account', id, label: a.account },
      after: { revoked: n },
    });
    return n;
  });
}
