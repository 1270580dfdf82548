/**
 * INT-3 呼叫次數統計: calls and failures per day for one application, by date range (the last
 * 30 days unless chosen) and service; a bar chart with a text summary, the figures as a table,
 * and 匯出 (xlsx).
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Col, DatePicker, Form, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { SERVICES, SERVICE_LABELS, type Service } from '@menhu/contracts';
import { exportStats, useApp, useAppStats, type StatsRange, type StatsRow } from '../../api/integrations.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useI18n, usePageTitle } from '../../i18n/index.tsx';
import { StatsChart } from './StatsChart.tsx';

const ISO = /^\d{4}-\d{2}-\d{2}$/u;
const isService = (v: string | null): v is Service => v !== null && (SERVICES as readonly string[]).includes(v);

export default function StatsPage() {
  const id = Number(useParams().id);
  const { t, label, date } = useI18n();
  const [params, setParams] = useSearchParams();
  const app = useApp(id);
  usePageTitle('int.statsTitle', app.data?.name);

  const key = params.toString();
  const range = useMemo<StatsRange>(() => {
    const p = new URLSearchParams(key);
    const from = p.get('from');
    const to = p.get('to');
    const service = p.get('service');
    return {
      from: from && ISO.test(from) ? from : undefined,
      to: to && ISO.test(to) ? to : undefined,
      service: isService(service) ? service : undefined,
    };
  }, [key]);
  const { data, isFetching, error } = useAppStats(id, range);

  const set = (next: StatsRange) => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(next)) if (v) out[k] = v;
    setParams(out, { replace: true });
  };
  // Until a range is chosen, the picker shows the one the server used (its last 30 days, Asia/Taipei).
  const shownFrom = range.from ?? data?.from;
  const shownTo = range.to ?? data?.to;

  return (
    <div className="int-page">
      <Link to={`/integrations/${id}`} className="back-link">
        <ArrowLeftOutlined aria-hidden /> {t('int.backToApp')}
      </Link>
      <PageTitle extra={<ExportButton onExport={() => exportStats(id, range)} ariaLabel={t('int.exportStats')} />}>
        {app.data ? `${t('int.statsTitle')}：${app.data.name}` : t('int.statsTitle')}
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical" className="filter-form stats-filter" role="search">
          <Row gutter={[16, 16]}>
            <Col xs={24} md={14} xl={10}>
              <Form.Item label={t('int.range')} htmlFor="stats-range">
                <DatePicker.RangePicker
                  id={{ start: 'stats-range' }}
                  value={shownFrom && shownTo ? [dayjs(shownFrom), dayjs(shownTo)] : null}
                  allowClear={false}
                  style={{ width: '100%' }}
                  onChange={(v: [Dayjs | null, Dayjs | null] | null) => {
                    const [from, to] = v ?? [null, null];
                    set({ ...range, from: from?.format('YYYY-MM-DD'), to: to?.format('YYYY-MM-DD') });
                  }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={10} xl={6}>
              <Form.Item label={t('int.col.service')} htmlFor="stats-service">
                <Select
                  id="stats-service"
                  allowClear
                  placeholder={t('common.all')}
                  value={range.service}
                  onChange={(service?: Service) => set({ ...range, service })}
                  options={SERVICES.map((s) => ({ value: s, label: label(SERVICE_LABELS[s]) }))}
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <ErrorAlert error={error ?? app.error} />
      {data && (
        <Card title={<h2 className="card-title">{t('int.chartTitle')}</h2>} style={{ marginBottom: 16 }}>
          <StatsChart from={data.from} to={data.to} items={data.items} />
        </Card>
      )}
      <Card title={<h2 className="card-title">{t('int.statsTable')}</h2>}>
        <Typography.Paragraph type="secondary">{t('int.statsNote')}</Typography.Paragraph>
        <DataTable<StatsRow>
          rowKey={(r) => `${r.day}|${r.service}`}
          size="small"
          loading={isFetching}
          dataSource={data?.items}
          scroll={{ x: 'max-content' }}
          label={t('int.statsTable')}
          pagination={{ pageSize: 31, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            { title: t('int.day'), dataIndex: 'day', render: (v: string) => date(v) },
            {
              title: t('int.col.service'),
              dataIndex: 'service',
              render: (v: Service) => label(SERVICE_LABELS[v]),
            },
            { title: t('int.calls'), dataIndex: 'calls', align: 'right' },
            { title: t('int.failures'), dataIndex: 'failures', align: 'right' },
          ]}
        />
      </Card>
    </div>
  );
}
