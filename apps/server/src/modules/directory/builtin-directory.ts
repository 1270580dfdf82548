/**
 * The built-in directory: the portal's own database is the store. Account records already
 * live in `accounts`, so only passwords need handling here.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../platform/db/client.ts';
import { passwords } from '../../platform/db/schema.ts';
import { hashPassword, verifyPasswordHash, verifyAgainstDummy } from '../credentials/hashing.ts';
import type { Directory, DirectoryAccount } from './directory.ts';

export class BuiltinDirectory implements Directory {
  readonly kind = 'builtin' as const;
  private readonly hashLookup;
  constructor(db: Db) {
    this.hashLookup = db
      .select({ hash: passwords.hash })
      .from(passwords)
      .where(eq(passwords.accountId, sql.placeholder('accountId')))
      .prepare('menhu_password_hash');
  }

  async verifyPassword(accountId: number | null, password: string): Promise<boolean> {
    const row = accountId === null ? undefined : (await this.hashLookup.execute({ accountId }))[0];
    // Unknown account or no password yet: spend the same argon2 time so timing reveals nothing.
    if (!row) return verifyAgainstDummy(password);
    return verifyPasswordHash(row.hash, password);
  }

  async setPassword(exec: Executor, account: DirectoryAccount, password: string): Promise<void> {
    const hash = await hashPassword(password);
    await exec
      .insert(passwords)
      .values({ accountId: account.id, hash })
      .onConflictDoUpdate({ target: passwords.accountId, set: { hash, updatedAt: new Date() } });
  }

  async createAccount(): Promise<void> {}
  async updateAccount(): Promise<void> {}
  async disableAccount(): Promise<void> {}
  async enableAccount(): Promise<void> {}
  async moveAccount(): Promise<void> {}
}
