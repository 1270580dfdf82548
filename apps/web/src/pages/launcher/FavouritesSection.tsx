/**
 * 常用系統 at the top of the system list, in the person's order. Reordering is by the 上移 /
 * 下移 buttons (keyboard and screen-reader usable, unlike drag and drop); focus stays on the
 * moved system's button, or its other one when the first reached an end.
 */
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Button, Tooltip, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import type { LauncherSystem } from '@menhu/contracts';
import { useI18n } from '../../i18n/index.tsx';
import { SystemTile } from './SystemTile.tsx';

interface Props {
  systems: LauncherSystem[];
  opening: number | null;
  onOpen: (s: LauncherSystem) => void;
  onToggleFavourite: (s: LauncherSystem) => void;
  onMove: (s: LauncherSystem, step: -1 | 1, position: number) => void;
}

export function FavouritesSection({ systems, opening, onOpen, onToggleFavourite, onMove }: Props) {
  const { t } = useI18n();
  const list = useRef<HTMLUListElement>(null);
  const refocus = useRef<{ id: number; step: -1 | 1 } | null>(null);
  const order = systems.map((s) => s.id).join(',');

  useEffect(() => {
    const want = refocus.current;
    if (!want || !list.current) return;
    refocus.current = null;
    const button = (step: number) =>
      list.current!.querySelector<HTMLButtonElement>(`button[data-move="${want.id}:${step}"]:not(:disabled)`);
    (button(want.step) ?? button(-want.step))?.focus();
  }, [order]);

  const move = (s: LauncherSystem, step: -1 | 1, position: number) => {
    refocus.current = { id: s.id, step };
    onMove(s, step, position);
  };

  const moveButton = (s: LauncherSystem, step: -1 | 1, position: number) => {
    const name = t(step === -1 ? 'launcher.moveUp' : 'launcher.moveDown', { name: s.name });
    return (
      <Tooltip title={name}>
        <Button
          type="text"
          size="small"
          icon={step === -1 ? <ArrowUpOutlined aria-hidden /> : <ArrowDownOutlined aria-hidden />}
          aria-label={name}
          data-move={`${s.id}:${step}`}
          disabled={step === -1 ? position === 0 : position === systems.length - 1}
          onClick={() => move(s, step, position)}
        />
      </Tooltip>
    );
  };

  return (
    <section aria-labelledby="favourites-title" className="launcher-section">
      <Typography.Title level={2} id="favourites-title" className="section-title">
        {t('launcher.favourites')}
      </Typography.Title>
      {systems.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('launcher.favouritesEmpty')}</Typography.Paragraph>
      ) : (
        <>
          {systems.length > 1 && (
            <Typography.Paragraph type="secondary">{t('launcher.favouritesHint')}</Typography.Paragraph>
          )}
          <ul className="system-grid" ref={list} aria-labelledby="favourites-title">
            {systems.map((s, i) => (
              <SystemTile
                key={s.id}
                system={s}
                opening={opening === s.id}
                onOpen={onOpen}
                onToggleFavourite={onToggleFavourite}
                controls={
                  systems.length > 1 && (
                    <>
                      {moveButton(s, -1, i)}
                      {moveButton(s, 1, i)}
                    </>
                  )
                }
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
