/** SSO-8 expiry: 90 days, with "密碼將於 N 天後到期" from 14 days before. */
import type { Config } from '../../config.ts';

const DAY = 86_400_000;

export interface PasswordStatus {
  changeRequired: 'expired' | 'forced' | null;
  expiresInDays: number | null;
}

export function passwordStatus(
  a: { passwordChangedAt: Date | null; mustChangePassword: boolean },
  now: Date,
  cfg: Config['password'],
): PasswordStatus {
  if (a.mustChangePassword) return { changeRequired: 'forced', expiresInDays: null };
  if (!a.passwordChangedAt) return { changeRequired: 'forced', expiresInDays: null };
  const expiresAt = a.passwordChangedAt.getTime() + cfg.maxAgeDays * DAY;
  const left = Math.ceil((expiresAt - now.getTime()) / DAY);
  if (left <= 0) return { changeRequired: 'expired', expiresInDays: 0 };
  return { changeRequired: null, expiresInDays: left <= cfg.warnDays ? left : null };
}
