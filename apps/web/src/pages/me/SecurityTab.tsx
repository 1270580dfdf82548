/**
 * 登入安全 (ACC-3): one list of every bound factor with its last use, then a card per factor to
 * add or remove it (side by side on wide screens, stacked on phones).
 */
import { BackupEmailCard } from './BackupEmailCard.tsx';
import { FactorsOverview } from './FactorsOverview.tsx';
import { TotpCard } from './TotpCard.tsx';
import { MoicaCard } from './MoicaCard.tsx';
import { QrDevicesCard } from './QrDevicesCard.tsx';
import { SmsCard } from './SmsCard.tsx';
import { PasskeyCard } from './PasskeyCard.tsx';

export function SecurityTab() {
  return (
    <>
      <FactorsOverview />
      <div className="security-cards">
        <TotpCard />
        <BackupEmailCard />
        <SmsCard />
        <MoicaCard />
        <QrDevicesCard />
        <PasskeyCard />
      </div>
    </>
  );
}
