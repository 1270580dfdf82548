/**
 * Opening a system in a new tab. The tab is opened inside the click, so pop-up blockers allow
 * it, and cut off from this page (no opener); the address is asked for at the click, because a
 * transfer ticket lasts only 60 s. If the browser blocks the tab, the system opens here.
 */
import { App } from 'antd';
import { useCallback, useState } from 'react';
import type { LauncherSystem } from '@menhu/contracts';
import { launchSystem } from '../../api/launcher.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorMessage } from '../../lib/errors.ts';

export function useOpenSystem() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [opening, setOpening] = useState<number | null>(null);

  const open = useCallback(
    async (system: LauncherSystem) => {
      const tab = window.open('', '_blank');
      if (tab) tab.opener = null;
      setOpening(system.id);
      try {
        const { url } = await launchSystem(system.id);
        if (tab) tab.location.replace(url);
        else {
          void message.info(t('launcher.popupBlocked'));
          window.location.assign(url);
        }
      } catch (err) {
        tab?.close();
        void message.error(errorMessage(err, t('error.unexpected')));
      } finally {
        setOpening(null);
      }
    },
    [message, t],
  );

  return { open, opening };
}
