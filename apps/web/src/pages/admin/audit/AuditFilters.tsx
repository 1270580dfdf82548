/** 稽核紀錄 filters: 帳號, 動作, 結果, 時間範圍 (entered as Asia/Taipei wall-clock time). */
import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { AUDIT_ACTION_LABELS } from '@menhu/contracts';
import type { AuditFilter } from '../../../api/audit.ts';
import { FilterActions } from '../../../components/FilterActions.tsx';
import { useI18n } from '../../../i18n/index.tsx';

interface Values {
  account?: string;
  action?: string;
  result?: 'success' | 'failure';
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** Taiwan keeps no daylight saving time, so +08:00 is always Asia/Taipei. */
const taipeiIso = (d: Dayjs | null | undefined) => (d ? `${d.format('YYYY-MM-DDTHH:mm:ss')}+08:00` : undefined);

export function AuditFilters({ onSearch }: { onSearch: (f: AuditFilter) => void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) =>
    onSearch({
      account: v.account?.trim() || undefined,
      action: v.action,
      result: v.result,
      from: taipeiIso(v.range?.[0]),
      to: taipeiIso(v.range?.[1]),
    });

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} role="search" className="filter-form">
      <Row gutter={16}>
        <Col xs={24} md={12} xl={6}>
          <Form.Item label={t('audit.account')} name="account">
            <Input allowClear maxLength={64} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item label={t('audit.action')} name="action">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.all')}
              options={Object.entries(AUDIT_ACTION_LABELS).map(([value, l]) => ({ value, label: label(l) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8} xl={4}>
          <Form.Item label={t('records.result')} name="result">
            <Select
              allowClear
              placeholder={t('common.all')}
              options={[
                { value: 'success', label: t('common.success') },
                { value: 'failure', label: t('common.failure') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={16} xl={8}>
          <Form.Item label={t('audit.range')} name="range">
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              allowEmpty={[true, true]}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
      </Row>
      <FilterActions
        onClear={() => {
          form.resetFields();
          onSearch({});
        }}
      />
    </Form>
  );
}
