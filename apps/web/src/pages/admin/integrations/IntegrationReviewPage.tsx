/**
 * INT-2 介接申請審核 (系統管理者): the pending requests, each reviewed on its own (審核通過, or
 * 駁回 with a reason), and every application with 停權/復權. `?tab=apps` opens the list.
 */
import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { usePendingRequests } from '../../../api/integrations.ts';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useI18n, usePageTitle } from '../../../i18n/index.tsx';
import { AllAppsTab } from './AllAppsTab.tsx';
import { PendingTab } from './PendingTab.tsx';

export default function IntegrationReviewPage() {
  usePageTitle('nav.integrationReview');
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'apps' ? 'apps' : 'pending';
  const pending = usePendingRequests();

  return (
    <div className="int-page">
      <PageTitle>{t('nav.integrationReview')}</PageTitle>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'pending' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          {
            key: 'pending',
            label: pending.data ? t('intAdmin.pendingCount', { n: pending.data.length }) : t('intAdmin.pending'),
            children: <PendingTab query={pending} />,
          },
          { key: 'apps', label: t('intAdmin.apps'), children: <AllAppsTab /> },
        ]}
      />
    </div>
  );
}
