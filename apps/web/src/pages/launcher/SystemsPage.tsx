/**
 * PORTAL-3 系統列表: 常用系統 first, then every system the person's organisation sees, by
 * category, narrowed by 系統搜尋 and 分類項目. A tile opens its system in a new tab.
 */
import { SearchOutlined } from '@ant-design/icons';
import { Empty, Input, Radio, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { LauncherSystem } from '@menhu/contracts';
import { useLauncher } from '../../api/launcher.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useI18n, usePageTitle } from '../../i18n/index.tsx';
import { FavouritesSection } from './FavouritesSection.tsx';
import { matchSystems, type CategoryChoice } from './filter.ts';
import { SystemTile } from './SystemTile.tsx';
import { useFavourites } from './use-favourites.ts';
import { useOpenSystem } from './use-open-system.ts';

export default function SystemsPage() {
  usePageTitle('nav.systems');
  const { t } = useI18n();
  const { data, error, isPending } = useLauncher();
  const { open, opening } = useOpenSystem();
  const { toggle, move, announcement } = useFavourites();
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<CategoryChoice>('all');

  const byId = useMemo(() => new Map(data?.systems.map((s) => [s.id, s])), [data]);
  const favourites = (data?.favourites ?? []).map((id) => byId.get(id)).filter((s) => s !== undefined);
  const matching = useMemo(() => matchSystems(data?.systems ?? [], query, category), [data, query, category]);
  const groups = (data?.categories ?? [])
    .map((c) => ({ category: c, systems: matching.filter((s) => s.categoryId === c.id) }))
    .filter((g) => g.systems.length > 0);

  const tile = (s: LauncherSystem) => (
    <SystemTile key={s.id} system={s} opening={opening === s.id} onOpen={open} onToggleFavourite={toggle} />
  );

  return (
    <>
      <PageTitle>{t('nav.systems')}</PageTitle>
      <ErrorAlert error={error} />
      <div aria-live="polite" className="visually-hidden">
        {announcement}
      </div>
      {isPending ? (
        <Skeleton active />
      ) : (
        data && (
          <>
            <FavouritesSection
              systems={favourites}
              opening={opening}
              onOpen={open}
              onToggleFavourite={toggle}
              onMove={move}
            />
            <div role="search" className="launcher-filters">
              <div className="launcher-filter">
                <label htmlFor="launcher-search" className="launcher-filter-label">
                  {t('launcher.search')}
                </label>
                <Input
                  id="launcher-search"
                  type="search"
                  allowClear
                  maxLength={100}
                  prefix={<SearchOutlined aria-hidden />}
                  placeholder={t('launcher.searchPlaceholder')}
                  value={query}
                  onChange={(e) => setQuery(e.target.value)}
                />
              </div>
              <div className="launcher-filter">
                <span id="launcher-category" className="launcher-filter-label">
                  {t('launcher.category')}
                </span>
                <Radio.Group
                  aria-labelledby="launcher-category"
                  optionType="button"
                  buttonStyle="solid"
                  className="launcher-categories"
                  value={category}
                  onChange={(e) => setCategory(e.target.value as CategoryChoice)}
                  options={[
                    { value: 'all', label: t('common.all') },
                    ...data.categories.map((c) => ({ value: c.id, label: c.name })),
                  ]}
                />
              </div>
              <Typography.Text type="secondary" role="status">
                {t('launcher.count', { n: matching.length })}
              </Typography.Text>
            </div>
            {groups.length === 0 ? (
              <Empty description={t(data.systems.length ? 'launcher.noMatch' : 'launcher.noSystems')} />
            ) : (
              groups.map((g) => (
                <section key={g.category.id} aria-labelledby={`category-${g.category.id}`} className="launcher-section">
                  <Typography.Title level={2} id={`category-${g.category.id}`} className="section-title">
                    {g.category.name}
                  </Typography.Title>
                  <ul className="system-grid" aria-labelledby={`category-${g.category.id}`}>
                    {g.systems.map(tile)}
                  </ul>
                </section>
              ))
            )}
          </>
        )
      )}
    </>
  );
}
