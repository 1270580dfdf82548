/**
 * ACC-3 登入安全 overview: every factor bound to an account, from one registry of sources, with
 * when it was bound and last used; and the rule that the last second factor of an account whose
 * role requires one cannot be removed (SSO-10), counted across every kind.
 */
import type { Factor, FactorKind } from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { requiredByRole } from '../auth/mfa-policy.ts';
import { findAccountById } from '../accounts/store.ts';
import { findTotp } from '../totp/store.ts';
import { findBackupEmail } from '../backup-email/store.ts';
import { maskEmail } from '../backup-email/service.ts';
import { findNumber } from '../sms/store.ts';
import { listDevices } from '../qr/store.ts';
import { factorSummary as moicaFactors } from '../moica/service.ts';
import { listPasskeys } from '../passkey/store.ts';
import { lastUseByMethod } from './store.ts';

type LastUse = Map<string, Date>;

export interface FactorSource {
  kind: FactorKind;
  /** The account's factors of this kind (`id` tells several apart when removing one). */
  list: (ctx: Ctx, accountId: number, lastUse: LastUse) => Promise<(Omit<Factor, 'kind'> & { id: string })[]>;
}

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** Each login method adds its source here. */
export const FACTOR_SOURCES: FactorSource[] = [
  {
    kind: 'password',
    list: async (ctx, accountId, lastUse) => {
      const a = await findAccountById(ctx.db, accountId, ctx.clock.now());
      if (!a || !a.passwordChangedAt) return [];
      return [
        {
          id: 'password',
          label: null,
          boundAt: iso(a.passwordChangedAt),
          lastUsedAt: iso(lastUse.get('password')),
          secondFactor: false,
        },
      ];
    },
  },
  {
    kind: 'totp',
    list: async (ctx, accountId) => {
      const row = await findTotp(ctx.db, accountId);
      if (!row?.confirmedAt) return [];
      return [
        { id: 'totp', label: null, boundAt: iso(row.confirmedAt), lastUsedAt: iso(row.lastUsedAt), secondFactor: true },
      ];
    },
  },
  {
    kind: 'backup_email',
    list: async (ctx, accountId, lastUse) => {
      const row = await findBackupEmail(ctx.db, accountId);
      if (!row) return [];
      return [
        {
          id: 'backup_email',
          label: maskEmail(row.email),
          boundAt: iso(row.boundAt),
          lastUsedAt: iso(lastUse.get('temp_password')),
          secondFactor: false,
        },
      ];
    },
  },
  {
    kind: 'sms',
    list: async (ctx, accountId) => {
      const row = await findNumber(ctx.db, accountId);
      if (!row) return [];
      return [
        {
          id: 'sms',
          label: row.phoneMasked,
          boundAt: iso(row.boundAt),
          lastUsedAt: iso(row.lastUsedAt),
          secondFactor: true,
        },
      ];
    },
  },
  {
    kind: 'qr',
    list: async (ctx, accountId) =>
      (await listDevices(ctx.db, accountId)).map((d) => ({
        id: d.id,
        label: d.name,
        boundAt: iso(d.createdAt),
        lastUsedAt: iso(d.lastUsedAt),
        secondFactor: true,
      })),
  },
  { kind: 'moica', list: moicaFactors },
  {
    // Several per account, each with the name its owner gave; two factors by itself (user verification).
    kind: 'passkey',
    list: async (ctx, accountId) =>
      (await listPasskeys(ctx.db, accountId)).map((p) => ({
        id: String(p.id),
        label: p.name,
        boundAt: iso(p.createdAt),
        lastUsedAt: iso(p.lastUsedAt),
        secondFactor: true,
      })),
  },
  {
    // Registered with the Ministry's App, not here: listed once it has been used to sign in.
    kind: 'mobile_moica',
    list: async (ctx, _accountId, lastUse) => {
      const at = lastUse.get('mobile_moica');
      if (!at) return [];
      const usable = ctx.config.loginMethods.includes('mobile_moica');
      return [{ id: 'mobile_moica', label: null, boundAt: null, lastUsedAt: iso(at), secondFactor: usable }];
    },
  },
];

export async function listFactors(ctx: Ctx, accountId: number) {
  const lastUse = await lastUseByMethod(ctx.db, accountId);
  const lists = await Promise.all(
    FACTOR_SOURCES.map(async (s) => (await s.list(ctx, accountId, lastUse)).map((f) => ({ ...f, kind: s.kind }))),
  );
  return lists.flat();
}

export async function factorOverview(ctx: Ctx, accountId: number, roles: readonly string[]) {
  const items = (await listFactors(ctx, accountId)).map(({ id: _id, ...f }) => f);
  return { items, secondFactorRequired: requiredByRole(ctx.config, roles) };
}

/**
 * Refuses to remove `removing` when it is the account's last second factor and its role requires
 * one (MENHU_ERR_LAST_FACTOR); an administrator can still reset factors for a lost device.
 */
export async function assertKeepsSecondFactor(
  ctx: Ctx,
  account: { accountId: number; roles: readonly string[] },
  removing: { kind: FactorKind; id?: string },
): Promise<void> {
  if (!requiredByRole(ctx.config, account.roles)) return;
  const left = (await listFactors(ctx, account.accountId)).filter(
    (f) => f.secondFactor && !(f.kind === removing.kind && (removing.id === undefined || f.id === removing.id)),
  );
  if (!left.length) throw new AppError('MENHU_ERR_LAST_FACTOR');
}
