/** 登入安全: the second factors a person manages themselves (動態驗證碼 now; passkeys later). */
import { TotpCard } from './TotpCard.tsx';

export function SecurityTab() {
  return <TotpCard />;
}
