/**
 * One system: its name opens it (the whole tile is the click target, the name is the button),
 * with its description and how it opens; beside it the 常用系統 star and, in the favourites,
 * the move buttons. Separate buttons, never nested, so each is reachable by keyboard.
 */
import { LoadingOutlined, StarFilled, StarOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useId, type ReactNode } from 'react';
import type { LauncherSystem } from '@menhu/contracts';
import { useI18n } from '../../i18n/index.tsx';
import { LaunchModeTag } from './LaunchModeTag.tsx';
import './launcher.css';

interface Props {
  system: LauncherSystem;
  onOpen: (s: LauncherSystem) => void;
  opening: boolean;
  /** The star; omitted where favourites are only shown (home page). */
  onToggleFavourite?: (s: LauncherSystem) => void;
  /** Further controls beside the star (move up / down). */
  controls?: ReactNode;
}

export function SystemTile({ system: s, onOpen, opening, onToggleFavourite, controls }: Props) {
  const { t } = useI18n();
  const descId = useId();
  const starLabel = t(s.favourite ? 'launcher.removeFavourite' : 'launcher.addFavourite', { name: s.name });
  return (
    <li className="system-tile">
      <div className="system-tile-body">
        <button
          type="button"
          className="system-tile-open"
          onClick={() => onOpen(s)}
          aria-describedby={s.description ? descId : undefined}
          aria-busy={opening}
        >
          <span className="system-tile-name">{s.name}</span>
          {opening && <LoadingOutlined aria-hidden className="system-tile-spin" />}
          <span className="visually-hidden">{t('launcher.newTab')}</span>
        </button>
        {s.description && (
          <p id={descId} className="system-tile-desc">
            {s.description}
          </p>
        )}
        <LaunchModeTag mode={s.launchMode} />
      </div>
      {(onToggleFavourite || controls) && (
        <div className="system-tile-actions">
          {controls}
          {onToggleFavourite && (
            <Tooltip title={starLabel}>
              <Button
                type="text"
                className={s.favourite ? 'favourite-star on' : 'favourite-star'}
                icon={s.favourite ? <StarFilled aria-hidden /> : <StarOutlined aria-hidden />}
                aria-label={starLabel}
                onClick={() => onToggleFavourite(s)}
              />
            </Tooltip>
          )}
        </div>
      )}
    </li>
  );
}
