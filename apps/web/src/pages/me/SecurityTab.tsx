/**
 * 登入安全: what a person manages themselves for signing in — 動態驗證碼 and, beside it, the
 * 備用電子郵件 臨時密碼 codes are mailed to (side by side on wide screens, stacked on phones).
 */
import { BackupEmailCard } from './BackupEmailCard.tsx';
import { TotpCard } from './TotpCard.tsx';
import { MoicaCard } from './MoicaCard.tsx';

export function SecurityTab() {
  return (
    <div className="security-cards">
      <TotpCard />
      <BackupEmailCard />
      <MoicaCard />
    </div>
  );
}
