/**
 * One request under review: who asks for what (claims as labels, URLs, 申請說明), then
 * 審核通過 or 駁回 — a rejection needs a reason, which the applicant sees in 審核紀錄.
 */
import { App as AntApp, Button, Descriptions, Form, Input, Modal } from 'antd';
import { SERVICE_LABELS } from '@menhu/contracts';
import { useReviewService, type PendingRequest } from '../../../api/integrations.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { RequestSummary } from '../../integrations/RequestSummary.tsx';

export function ReviewDialog({ request: r, onClose }: { request: PendingRequest | null; onClose: () => void }) {
  const { t, label, date } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const review = useReviewService();

  const close = () => {
    review.reset();
    form.resetFields();
    onClose();
  };

  const decide = async (decision: 'approve' | 'reject') => {
    if (!r) return;
    // The reason is required only to reject; validate it then and not for approval.
    const reasonRequired = decision === 'reject';
    form.setFields([{ name: 'reason', errors: [] }]);
    const reason = ((form.getFieldValue('reason') as string | undefined) ?? '').trim();
    if (reasonRequired && !reason) {
      form.setFields([{ name: 'reason', errors: [t('intAdmin.reasonRequired')] }]);
      form.getFieldInstance('reason')?.focus?.();
      return;
    }
    try {
      await review.mutateAsync({
        appId: r.appId,
        service: r.service,
        decision,
        requestedAt: r.requestedAt,
        ...(reason ? { reason } : {}),
      });
      void message.success(t(decision === 'approve' ? 'intAdmin.approved' : 'intAdmin.rejected'));
      close();
    } catch {
      // shown by ErrorAlert (MENHU_ERR_CONFLICT: someone reviewed it first; the queue is refreshed)
    }
  };

  const service = r ? label(SERVICE_LABELS[r.service]) : '';
  return (
    <Modal
      open={r !== null}
      title={r ? t('intAdmin.reviewTitle', { app: r.appName, service }) : ''}
      onCancel={close}
      width={760}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="reject"
          danger
          loading={review.isPending && review.variables?.decision === 'reject'}
          disabled={review.isPending}
          onClick={() => void decide('reject')}
        >
          {t('intAdmin.reject')}
        </Button>,
        <Button
          key="approve"
          type="primary"
          loading={review.isPending && review.variables?.decision === 'approve'}
          disabled={review.isPending}
          onClick={() => void decide('approve')}
        >
          {t('intAdmin.approve')}
        </Button>,
      ]}
    >
      {r && (
        <>
          <ErrorAlert error={review.error} />
          <Descriptions
            column={{ xs: 1, md: 2 }}
            bordered
            size="small"
            style={{ marginBottom: 16 }}
            items={[
              { key: 'app', label: t('int.name'), children: r.appName },
              { key: 'apcode', label: 'APCODE', children: <code>{r.apcode}</code> },
              { key: 'org', label: t('int.org'), children: r.orgName },
              { key: 'service', label: t('int.col.service'), children: service },
              { key: 'by', label: t('intAdmin.requestedBy'), children: r.requestedBy ?? '' },
              { key: 'at', label: t('int.col.requestedAt'), children: date(r.requestedAt) },
            ]}
          />
          <h3 className="subsection-title">{t('int.requestTitle')}</h3>
          <RequestSummary request={r.request} />
          {r.approved && (
            <>
              <h3 className="subsection-title">{t('intAdmin.inForce')}</h3>
              <RequestSummary request={r.approved} />
            </>
          )}
          <Form form={form} layout="vertical" style={{ marginTop: 16 }} onFinish={() => undefined}>
            <Form.Item
              label={t('intAdmin.reason')}
              name="reason"
              extra={t('intAdmin.reasonHint')}
              rules={[{ max: 500 }]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
