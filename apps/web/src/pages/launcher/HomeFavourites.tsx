/** 常用系統 on the home page: the person's favourites, opened from here; the list itself is on 系統列表. */
import { Typography } from 'antd';
import { Link } from 'react-router';
import { useLauncher } from '../../api/launcher.ts';
import { useI18n } from '../../i18n/index.tsx';
import { SystemTile } from './SystemTile.tsx';
import { useOpenSystem } from './use-open-system.ts';

export function HomeFavourites() {
  const { t } = useI18n();
  const { data } = useLauncher();
  const { open, opening } = useOpenSystem();
  const byId = new Map(data?.systems.map((s) => [s.id, s]));
  const favourites = (data?.favourites ?? []).map((id) => byId.get(id)).filter((s) => s !== undefined);
  if (!data) return null;
  return (
    <section aria-labelledby="home-favourites-title" className="launcher-section">
      <div className="page-title" style={{ marginBottom: 0 }}>
        <Typography.Title level={2} id="home-favourites-title" className="section-title">
          {t('launcher.favourites')}
        </Typography.Title>
        <Link to="/systems">{t('launcher.goToList')}</Link>
      </div>
      {favourites.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('launcher.favouritesEmpty')}</Typography.Paragraph>
      ) : (
        <ul className="system-grid" aria-labelledby="home-favourites-title">
          {favourites.map((s) => (
            <SystemTile key={s.id} system={s} opening={opening === s.id} onOpen={open} />
          ))}
        </ul>
      )}
    </section>
  );
}
