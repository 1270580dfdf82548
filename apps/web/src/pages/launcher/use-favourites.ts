/** The 常用系統 actions of the system list: star (add / remove) and move up / down, announced to screen readers. */
import { App } from 'antd';
import { useState } from 'react';
import type { LauncherSystem } from '@menhu/contracts';
import { useSaveFavourites } from '../../api/launcher.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { moved } from './filter.ts';

export function useFavourites() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { save } = useSaveFavourites();
  /** What the last action did, for the polite live region (a move gives no other feedback). */
  const [announcement, setAnnouncement] = useState('');

  const run = (change: (ids: number[]) => number[], said: string, toast: boolean) => {
    setAnnouncement(said);
    if (toast) void message.success(said);
    save(change).catch((err: unknown) => {
      const failure = errorMessage(err, t('error.unexpected'));
      setAnnouncement(failure);
      void message.error(failure);
    });
  };

  const toggle = (s: LauncherSystem) =>
    s.favourite
      ? run((ids) => ids.filter((id) => id !== s.id), t('launcher.removed', { name: s.name }), true)
      : run((ids) => [...ids.filter((id) => id !== s.id), s.id], t('launcher.added', { name: s.name }), true);

  const move = (s: LauncherSystem, step: -1 | 1, position: number) =>
    run(
      (ids) => moved(ids, ids.indexOf(s.id), step),
      t('launcher.moved', { name: s.name, n: position + step + 1 }),
      false,
    );

  return { toggle, move, announcement };
}
