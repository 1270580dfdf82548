import { LOGIN_METHOD_LABELS } from '@menhu/contracts';
import type { I18n } from '../i18n/index.tsx';

/**
 * A recorded sign-in method in words. Sessions record every factor ('password+totp' →
 * 一般登入 + 動態驗證碼); a recovery code is a second step, not a login method of its own.
 */
export function loginMethodLabel(i18n: Pick<I18n, 't' | 'label'>, method: string): string {
  return method
    .split('+')
    .map((m) =>
      m === 'recovery'
        ? i18n.t('mfa.recovery')
        : i18n.label(LOGIN_METHOD_LABELS[m as keyof typeof LOGIN_METHOD_LABELS], m),
    )
    .join(' + ');
}
