/**
 * ACC-3 登入安全 overview: one list of every way the person can sign in or prove themselves — the
 * password, 動態驗證碼, 備用信箱 and the rest — with when each was bound and last used. The
 * cards below add and remove them; this list follows every change they make.
 */
import { Alert, Card, Table, Typography } from 'antd';
import { useIsMutating } from '@tanstack/react-query';
import { useEffect } from 'react';
import { FACTOR_LABELS, type Factor } from '@menhu/contracts';
import { useFactors } from '../../api/factors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SolidTag } from '../../components/Tags.tsx';
import { useI18n } from '../../i18n/index.tsx';

export function FactorsOverview() {
  const { t, label, date } = useI18n();
  const { data, error, isPending, refetch } = useFactors();
  // Any change made by the cards (binding, removing) ends a mutation: read the list again.
  const mutating = useIsMutating();
  useEffect(() => {
    if (mutating === 0) void refetch();
  }, [mutating, refetch]);

  return (
    <Card title={<h2 className="card-title">{t('factors.title')}</h2>} className="factors-overview">
      <ErrorAlert error={error} />
      {data?.secondFactorRequired && (
        <Alert type="info" showIcon title={t('factors.required')} style={{ marginBottom: 16 }} />
      )}
      <Table<Factor>
        size="small"
        loading={isPending}
        pagination={false}
        rowKey={(f) => `${f.kind}:${f.label ?? ''}:${f.boundAt ?? ''}`}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('factors.none') }}
        columns={[
          {
            title: t('factors.kind'),
            key: 'kind',
            render: (_, f) => (
              <>
                {label(FACTOR_LABELS[f.kind])}
                {f.label && <Typography.Text type="secondary"> {f.label}</Typography.Text>}
              </>
            ),
          },
          {
            title: t('factors.use'),
            key: 'use',
            render: (_, f) =>
              f.secondFactor ? (
                <SolidTag color="green">{t('factors.secondFactor')}</SolidTag>
              ) : (
                t('factors.firstFactor')
              ),
          },
          { title: t('factors.boundAt'), key: 'boundAt', render: (_, f) => (f.boundAt ? date(f.boundAt) : '—') },
          {
            title: t('factors.lastUsedAt'),
            key: 'lastUsedAt',
            render: (_, f) => (f.lastUsedAt ? date(f.lastUsedAt) : t('factors.never')),
          },
        ]}
      />
    </Card>
  );
}
