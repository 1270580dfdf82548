/**
 * INT-1 應用系統服務介接管理 (線上申請作業): one's own applications, searchable by 關鍵字, and
 * 新增應用系統. The search lives in the URL, so 返回 from an application keeps it.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useApps } from '../../api/integrations.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FilterActions } from '../../components/FilterActions.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useI18n, usePageTitle } from '../../i18n/index.tsx';
import { AppTable } from './AppTable.tsx';
import { CreateAppDialog } from './CreateAppDialog.tsx';

const positive = (v: string | null, fallback: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

export default function IntegrationsPage() {
  usePageTitle('nav.integrations');
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = positive(params.get('page'), 1);
  const pageSize = Math.min(positive(params.get('pageSize'), 20), 200);
  const { data, isFetching, error } = useApps({ q: q || undefined }, page, pageSize);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ q?: string }>();
  useEffect(() => form.setFieldsValue({ q }), [form, q]);

  const go = (next: { q: string; page: number; pageSize: number }) => {
    const out: Record<string, string> = {};
    if (next.q) out.q = next.q;
    if (next.page > 1) out.page = String(next.page);
    if (next.pageSize !== 20) out.pageSize = String(next.pageSize);
    setParams(out);
  };

  return (
    <div className="int-page">
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('int.create')}
          </Button>
        }
      >
        {t('nav.integrations')}
      </PageTitle>
      <Typography.Paragraph>{t('int.intro')}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="vertical"
          role="search"
          className="filter-form"
          initialValues={{ q }}
          onFinish={(v) => go({ q: v.q?.trim() ?? '', page: 1, pageSize })}
        >
          <Row gutter={16}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label={t('accounts.keyword')} name="q" extra={t('int.keywordHint')}>
                <Input allowClear maxLength={100} />
              </Form.Item>
            </Col>
          </Row>
          <FilterActions
            onClear={() => {
              form.setFieldsValue({ q: '' });
              go({ q: '', page: 1, pageSize });
            }}
          />
        </Form>
      </Card>
      <ErrorAlert error={error} />
      <AppTable
        data={data}
        loading={isFetching}
        caption={t('int.tableCaption')}
        onPage={(p, size) => go({ q, page: p, pageSize: size })}
      />
      <CreateAppDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
