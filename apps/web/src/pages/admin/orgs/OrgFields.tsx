/** 全銜, 簡稱, 類型, 上層機關, 郵件配額: the fields of an organisation, for new and edit. */
import { Form, Input, InputNumber, Select } from 'antd';
import { ORG_TYPES, ORG_TYPE_LABELS, type OrgType } from '@menhu/contracts';
import { OrgTreeSelect } from '../../../components/OrgTreeSelect.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { requiredRule } from '../../../lib/validation.ts';

export interface OrgFormValues {
  code?: string;
  name: string;
  shortName: string;
  type: OrgType;
  parentId: number | null;
  mailQuota: number;
}

export function OrgFields({ editingId }: { editingId?: number }) {
  const { t, label } = useI18n();
  return (
    <>
      <Form.Item label={t('orgs.name')} name="name" rules={[requiredRule(t), { max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item label={t('orgs.shortName')} name="shortName" rules={[requiredRule(t), { max: 50 }]}>
        <Input />
      </Form.Item>
      <Form.Item label={t('orgs.type')} name="type" rules={[{ required: true, message: t('validation.required') }]}>
        <Select options={ORG_TYPES.map((v) => ({ value: v, label: label(ORG_TYPE_LABELS[v]) }))} />
      </Form.Item>
      <Form.Item label={t('orgs.parent')} name="parentId" extra={editingId ? t('orgs.moveHint') : undefined}>
        <OrgTreeSelect allowClear placeholder={t('orgs.noParent')} excludeSubtreeOf={editingId} />
      </Form.Item>
      <Form.Item
        label={t('orgs.mailQuota')}
        name="mailQuota"
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </>
  );
}
