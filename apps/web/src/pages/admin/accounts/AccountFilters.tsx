/** 帳號管理 search: 關鍵字, 機關 (含下層單位), 帳號狀態, 角色, 登入許可狀態. */
import { Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { useEffect } from 'react';
import {
  ACCOUNT_STATUSES,
  ACCOUNT_STATUS_LABELS,
  LOGIN_PERMISSION_LABELS,
  ROLES,
  ROLE_LABELS,
  type AccountStatus,
  type Role,
} from '@menhu/contracts';
import type { AccountFilter } from '../../../api/accounts.ts';
import { FilterActions } from '../../../components/FilterActions.tsx';
import { OrgTreeSelect } from '../../../components/OrgTreeSelect.tsx';
import { useI18n } from '../../../i18n/index.tsx';

interface Values {
  q?: string;
  orgId?: number;
  includeSubOrgs: boolean;
  status?: AccountStatus;
  role?: Role;
  locked?: 'true' | 'false';
}

const toValues = (f: AccountFilter): Values => ({
  q: f.q,
  orgId: f.orgId,
  includeSubOrgs: f.includeSubOrgs !== false,
  status: f.status,
  role: f.role,
  locked: f.locked === undefined ? undefined : f.locked ? 'true' : 'false',
});

export function AccountFilters({ value, onSearch }: { value: AccountFilter; onSearch: (f: AccountFilter) => void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();

  useEffect(() => form.setFieldsValue(toValues(value)), [form, value]);

  const submit = (v: Values) =>
    onSearch({
      q: v.q?.trim() || undefined,
      orgId: v.orgId,
      includeSubOrgs: v.orgId ? v.includeSubOrgs : undefined,
      status: v.status,
      role: v.role,
      locked: v.locked === undefined ? undefined : v.locked === 'true',
    });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={toValues(value)}
      role="search"
      className="filter-form"
    >
      <Row gutter={16}>
        <Col xs={24} md={12} xl={8}>
          <Form.Item label={t('accounts.keyword')} name="q" extra={t('accounts.keywordHint')}>
            <Input allowClear maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item label={t('account.org')} name="orgId">
            <OrgTreeSelect allowClear placeholder={t('accounts.allOrgs')} />
          </Form.Item>
          <Form.Item name="includeSubOrgs" valuePropName="checked" className="inline-check">
            <Checkbox>{t('accounts.includeSubOrgs')}</Checkbox>
          </Form.Item>
        </Col>
        <Col xs={24} sm={8} xl={8}>
          <Form.Item label={t('account.status')} name="status">
            <Select
              allowClear
              placeholder={t('common.all')}
              options={ACCOUNT_STATUSES.map((s) => ({ value: s, label: label(ACCOUNT_STATUS_LABELS[s]) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8} xl={8}>
          <Form.Item label={t('account.role')} name="role">
            <Select
              allowClear
              placeholder={t('common.all')}
              options={ROLES.map((r) => ({ value: r, label: label(ROLE_LABELS[r]) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8} xl={8}>
          <Form.Item label={t('account.loginPermission')} name="locked">
            <Select
              allowClear
              placeholder={t('common.all')}
              options={[
                { value: 'false', label: label(LOGIN_PERMISSION_LABELS.normal) },
                { value: 'true', label: label(LOGIN_PERMISSION_LABELS.locked) },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
      <FilterActions
        onClear={() => {
          form.resetFields();
          form.setFieldsValue(toValues({}));
          onSearch({});
        }}
      />
    </Form>
  );
}
