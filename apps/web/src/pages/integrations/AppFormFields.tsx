/**
 * 介接機關/單位資訊, after the seed's 介接申請書: shared by 新增應用系統 and 編輯. The rules
 * mirror AppInput so mistakes show before a round trip.
 */
import { Col, Form, Input, Row } from 'antd';
import type { App, AppInput } from '@menhu/contracts';
import { OrgTreeSelect } from '../../components/OrgTreeSelect.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { phoneRules, requiredRule } from '../../lib/validation.ts';
import { urlRule } from './url-rules.ts';

export interface AppFormValues {
  name: string;
  url: string;
  orgId: number;
  unit?: string;
  vendor?: string;
  contactName: string;
  contactEmail: string;
  contactPhone?: string;
}

const orNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

export const toAppInput = (v: AppFormValues): AppInput => ({
  name: v.name.trim(),
  url: v.url.trim(),
  orgId: v.orgId,
  unit: orNull(v.unit),
  vendor: orNull(v.vendor),
  contactName: v.contactName.trim(),
  contactEmail: v.contactEmail.trim(),
  contactPhone: orNull(v.contactPhone),
});

export const fromApp = (a: App): AppFormValues => ({
  name: a.name,
  url: a.url,
  orgId: a.orgId,
  unit: a.unit ?? '',
  vendor: a.vendor ?? '',
  contactName: a.contactName,
  contactEmail: a.contactEmail,
  contactPhone: a.contactPhone ?? '',
});

export function AppFormFields() {
  const { t } = useI18n();
  const half = { xs: 24, md: 12 };
  return (
    <Row gutter={16}>
      <Col xs={24}>
        <Form.Item label={t('int.org')} name="orgId" rules={[{ required: true, message: t('validation.required') }]}>
          <OrgTreeSelect />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item label={t('int.unit')} name="unit" rules={[{ max: 100 }]} extra={t('int.unitHint')}>
          <Input />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t('int.contactName')} name="contactName" rules={[requiredRule(t), { max: 50 }]}>
          <Input autoComplete="name" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item
          label={t('int.contactEmail')}
          name="contactEmail"
          rules={[requiredRule(t), { type: 'email', message: t('validation.email') }, { max: 200 }]}
        >
          <Input type="email" autoComplete="email" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t('int.contactPhone')} name="contactPhone" rules={phoneRules(t)}>
          <Input inputMode="tel" autoComplete="tel" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t('int.name')} name="name" rules={[requiredRule(t), { max: 100 }]}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item label={t('int.url')} name="url" rules={[requiredRule(t), urlRule(t)]} extra={t('int.urlHint')}>
          <Input type="url" inputMode="url" placeholder="https://" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item label={t('int.vendor')} name="vendor" rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
      </Col>
    </Row>
  );
}
