/** PORTAL-3 管理主控台 › 系統列表管理 (system administrators): the systems, who sees them, and the categories. */
import { Tabs } from 'antd';
import { useAdminCategories, useAdminSystems } from '../../../api/launcher.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useI18n, usePageTitle } from '../../../i18n/index.tsx';
import { CategoriesPanel } from './CategoriesPanel.tsx';
import { SystemsPanel } from './SystemsPanel.tsx';

export default function LauncherAdminPage() {
  usePageTitle('nav.launcherAdmin');
  const { t } = useI18n();
  const systems = useAdminSystems();
  const categories = useAdminCategories();

  return (
    <>
      <PageTitle>{t('nav.launcherAdmin')}</PageTitle>
      <ErrorAlert error={systems.error ?? categories.error} />
      <Tabs
        items={[
          {
            key: 'systems',
            label: t('launcherAdmin.systems'),
            children: (
              <SystemsPanel
                systems={systems.data ?? []}
                categories={categories.data ?? []}
                loading={systems.isPending || categories.isPending}
              />
            ),
          },
          {
            key: 'categories',
            label: t('launcherAdmin.categories'),
            children: <CategoriesPanel categories={categories.data ?? []} loading={categories.isPending} />,
          },
        ]}
      />
    </>
  );
}
