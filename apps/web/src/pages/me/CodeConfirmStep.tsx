/**
 * The second step of binding an address or number (備用信箱, 手機號碼): the notice that a code
 * went out, the code, 完成綁定, and 重新寄送 after a wait (or when the server says so).
 */
import { Alert, Button, Form, Space } from 'antd';
import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SendErrorAlert } from '../../components/SendErrorAlert.tsx';
import { StepHeading } from '../../components/StepHeading.tsx';
import { TotpCodeItem } from '../../components/TotpCodeItem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useCountdown } from '../../lib/countdown.ts';
import { retryAfterSeconds } from '../../lib/retry.ts';

export function CodeConfirmStep<Sent>({
  heading,
  notice,
  labels,
  sent,
  resendWaitMs,
  confirm,
  resend,
  onDone,
  onOther,
  onCancel,
}: {
  heading: string;
  notice: string;
  labels: { code: string; confirm: string; resend: string; resendIn: (n: number) => string; other: string };
  /** What was sent from this page (for 重新寄送); null when continuing a pending one from the status. */
  sent: Sent | null;
  resendWaitMs: number;
  confirm: UseMutationResult<unknown, Error, string>;
  resend: UseMutationResult<unknown, Error, Sent>;
  onDone: () => void;
  onOther: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [resendAt, setResendAt] = useState(() => (sent ? Date.now() + resendWaitMs : 0));
  const wait = useCountdown(resendAt);

  const again = () => {
    if (!sent) return;
    confirm.reset();
    resend.mutate(sent, {
      onSuccess: () => setResendAt(Date.now() + resendWaitMs),
      onError: (err) => {
        const s = retryAfterSeconds(err);
        if (s) setResendAt(Date.now() + s * 1000);
      },
    });
  };

  return (
    <>
      <StepHeading>{heading}</StepHeading>
      <Alert type="info" showIcon role="status" title={notice} style={{ marginBottom: 16 }} />
      <Form<{ code: string }>
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => {
          resend.reset();
          confirm.mutate(v.code, { onSuccess: onDone });
        }}
      >
        <ErrorAlert error={confirm.error} />
        <SendErrorAlert error={resend.error} />
        <TotpCodeItem label={labels.code} kind="email" />
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={confirm.isPending}>
            {labels.confirm}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
        <Space wrap className="mfa-links">
          {sent !== null && (
            <Button type="link" onClick={again} disabled={wait > 0} loading={resend.isPending}>
              {wait > 0 ? labels.resendIn(wait) : labels.resend}
            </Button>
          )}
          <Button type="link" onClick={onOther}>
            {labels.other}
          </Button>
        </Space>
      </Form>
    </>
  );
}
