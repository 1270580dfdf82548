/** 新增組織, under the selected organisation by default. */
import { App, Form, Input, Modal } from 'antd';
import type { Org } from '@menhu/contracts';
import { useCreateOrg } from '../../../api/orgs.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { requiredRule } from '../../../lib/validation.ts';
import { OrgFields, type OrgFormValues } from './OrgFields.tsx';

interface Props {
  open: boolean;
  parent: Org | null;
  onClose: () => void;
  onCreated: (id: number) => void;
}

export function CreateOrgDialog({ open, parent, onClose, onCreated }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgFormValues>();
  const create = useCreateOrg();

  const close = () => {
    create.reset();
    onClose();
  };

  const submit = async (v: OrgFormValues) => {
    try {
      const org = await create.mutateAsync({
        code: (v.code ?? '').trim().toUpperCase(),
        name: v.name.trim(),
        shortName: v.shortName.trim(),
        type: v.type,
        parentId: v.parentId ?? null,
        mailQuota: v.mailQuota,
      });
      void message.success(t('common.saved'));
      onCreated(org.id);
      close();
    } catch {
      // shown by ErrorAlert
    }
  };

  return (
    <Modal
      open={open}
      title={t('orgs.create')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<OrgFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ type: parent?.type ?? 'internal', parentId: parent?.id ?? null, mailQuota: 0 }}
      >
        <ErrorAlert error={create.error} />
        <Form.Item
          label={t('orgs.code')}
          name="code"
          extra={t('orgs.codeHint')}
          rules={[requiredRule(t), { pattern: /^[A-Za-z0-9]{2,20}$/u, message: t('orgs.codeHint') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <OrgFields />
      </Form>
    </Modal>
  );
}
