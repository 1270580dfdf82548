/**
 * ACC-6: where accounts and passwords live. The portal is the management plane; a Directory
 * is the store it writes through to. The built-in one keeps everything in our database; an
 * AD/LDAP implementation will plug in here later without touching callers.
 */
import type { Executor } from '../../platform/db/client.ts';

export interface DirectoryAccount {
  id: number;
  account: string;
  name: string;
  orgCode: string;
  email: string | null;
  title: string | null;
}

export interface Directory {
  readonly kind: 'builtin' | 'ldap';
  /** True only when the account exists in the directory and the password matches. */
  verifyPassword(accountId: number | null, password: string): Promise<boolean>;
  /** Sets the password; `exec` lets the built-in store join the caller's transaction. */
  setPassword(exec: Executor, account: DirectoryAccount, password: string): Promise<void>;
  createAccount(exec: Executor, account: DirectoryAccount): Promise<void>;
  updateAccount(exec: Executor, account: DirectoryAccount): Promise<void>;
  disableAccount(exec: Executor, account: DirectoryAccount): Promise<void>;
  enableAccount(exec: Executor, account: DirectoryAccount): Promise<void>;
  moveAccount(exec: Executor, account: DirectoryAccount, fromOrgCode: string): Promise<void>;
}
