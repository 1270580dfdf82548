import { Descriptions, Typography } from 'antd';
import type { ImportReport } from '@menhu/contracts';
import { SolidTag } from '../../../components/Tags.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { DataTable } from '../../../components/DataTable.tsx';

type Row = ImportReport['rows'][number];

const RESULT: Record<Row['result'], { key: MessageKey; color: 'green' | 'blue' | 'grey' | 'red' }> = {
  created: { key: 'orgs.result.created', color: 'green' },
  updated: { key: 'orgs.result.updated', color: 'blue' },
  unchanged: { key: 'orgs.result.unchanged', color: 'grey' },
  rejected: { key: 'orgs.result.rejected', color: 'red' },
};

/** Totals, then the rows — rejected ones first, with their reasons. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useI18n();
  const rows = [...report.rows].sort(
    (a, b) => Number(b.result === 'rejected') - Number(a.result === 'rejected') || a.line - b.line,
  );
  return (
    <section aria-labelledby="import-report-title" style={{ marginTop: 16 }}>
      <Typography.Title level={3} id="import-report-title" className="section-title">
        {t('orgs.report')}
      </Typography.Title>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 2, md: 4 }}
        items={(['created', 'updated', 'unchanged', 'rejected'] as const).map((k) => ({
          key: k,
          label: t(RESULT[k].key),
          children: report[k],
        }))}
      />
      <DataTable<Row>
        label={t('orgs.report')}
        style={{ marginTop: 12 }}
        rowKey={(r) => `${r.line}:${r.code ?? ''}`}
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('orgs.line'), dataIndex: 'line', width: 80 },
          { title: t('orgs.code'), dataIndex: 'code', render: (v: string | null) => v ?? '' },
          {
            title: t('records.result'),
            dataIndex: 'result',
            render: (v: Row['result']) => <SolidTag color={RESULT[v].color}>{t(RESULT[v].key)}</SolidTag>,
          },
          { title: t('orgs.reason'), dataIndex: 'reason', render: (v: string | null | undefined) => v ?? '' },
        ]}
      />
    </section>
  );
}
