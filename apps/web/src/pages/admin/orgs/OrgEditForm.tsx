import { App, Button, Descriptions, Form } from 'antd';
import type { Org } from '@menhu/contracts';
import { useUpdateOrg } from '../../../api/orgs.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { OrgFields, type OrgFormValues } from './OrgFields.tsx';

/** Edit one organisation; changing 上層機關 moves its whole subtree (the server refuses cycles). */
export function OrgEditForm({ org }: { org: Org }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const update = useUpdateOrg();

  const submit = async (v: OrgFormValues) => {
    try {
      await update.mutateAsync({
        id: org.id,
        name: v.name.trim(),
        shortName: v.shortName.trim(),
        type: v.type,
        parentId: v.parentId ?? null,
        mailQuota: v.mailQuota,
      });
      void message.success(t('common.saved'));
    } catch {
      // shown by ErrorAlert
    }
  };

  return (
    <Form<OrgFormValues>
      layout="vertical"
      onFinish={submit}
      initialValues={{
        name: org.name,
        shortName: org.shortName,
        type: org.type,
        parentId: org.parentId,
        mailQuota: org.mailQuota,
      }}
    >
      <Descriptions
        size="small"
        column={2}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'code', label: t('orgs.code'), children: org.code },
          { key: 'count', label: t('orgs.accounts'), children: org.accountCount },
        ]}
      />
      <ErrorAlert error={update.error} />
      <OrgFields editingId={org.id} />
      <Button type="primary" htmlType="submit" loading={update.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
