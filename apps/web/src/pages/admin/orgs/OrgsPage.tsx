/** ACC-1 組織管理 (system administrators): the tree, edit and move, add a unit, CSV import. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Skeleton } from 'antd';
import { useState } from 'react';
import { useOrgs } from '../../../api/orgs.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { useI18n, usePageTitle } from '../../../i18n/index.tsx';
import { CreateOrgDialog } from './CreateOrgDialog.tsx';
import { OrgEditForm } from './OrgEditForm.tsx';
import { OrgImportCard } from './OrgImportCard.tsx';
import { OrgTreePanel } from './OrgTreePanel.tsx';

export default function OrgsPage() {
  usePageTitle('nav.orgs');
  const { t } = useI18n();
  const { data: orgs, error, isPending } = useOrgs();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const selected = orgs?.find((o) => o.id === selectedId) ?? null;

  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('orgs.create')}
          </Button>
        }
      >
        {t('nav.orgs')}
      </PageTitle>
      <ErrorAlert error={error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={<h2 className="card-title">{t('orgs.tree')}</h2>}>
            {isPending ? (
              <Skeleton active />
            ) : (
              <OrgTreePanel orgs={orgs ?? []} selectedId={selectedId} onSelect={setSelectedId} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            title={<h2 className="card-title">{selected ? selected.name : t('orgs.edit')}</h2>}
            style={{ marginBottom: 16 }}
          >
            {selected ? <OrgEditForm key={selected.id} org={selected} /> : <Empty description={t('orgs.selectHint')} />}
          </Card>
          <OrgImportCard />
        </Col>
      </Row>
      <CreateOrgDialog
        open={creating}
        parent={selected}
        onClose={() => setCreating(false)}
        onCreated={(id) => setSelectedId(id)}
      />
    </>
  );
}
