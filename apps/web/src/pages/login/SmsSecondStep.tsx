/**
 * 第二階段驗證 by 簡訊: 傳送簡訊驗證碼 to the bound number (shown masked), then the code field of
 * the surrounding MFA form. Resending waits a minute; a 429 says when to try again.
 */
import { Alert, Button, Space } from 'antd';
import { useState } from 'react';
import { useSendMfaSms } from '../../api/sms.ts';
import { TotpCodeItem } from '../../components/TotpCodeItem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useCountdown } from '../../lib/countdown.ts';
import { errorMessage } from '../../lib/errors.ts';
import { retryAfterSeconds, withRetryTime } from '../../lib/retry.ts';

const RESEND_WAIT_MS = 60_000;

export function SmsSecondStep({ autoFocus }: { autoFocus?: boolean }) {
  const { t } = useI18n();
  const send = useSendMfaSms();
  const [resendAt, setResendAt] = useState(0);
  const wait = useCountdown(resendAt);
  const phone = send.data?.phone;
  const errorText = send.error ? withRetryTime(t, errorMessage(send.error, t('error.network')), send.error) : null;
  const sendNow = () =>
    send.mutate(undefined, {
      onSuccess: () => setResendAt(Date.now() + RESEND_WAIT_MS),
      onError: (err) => {
        const s = retryAfterSeconds(err);
        if (s) setResendAt(Date.now() + s * 1000);
      },
    });

  return (
    <>
      {errorText && <Alert type="error" showIcon role="alert" title={errorText} style={{ marginBottom: 16 }} />}
      {phone && (
        <Alert type="info" showIcon role="status" title={t('sms.mfaSent', { phone })} style={{ marginBottom: 16 }} />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Button onClick={sendNow} disabled={wait > 0} loading={send.isPending} autoFocus={autoFocus && !phone}>
          {wait > 0 ? t('sms.resendIn', { n: wait }) : t(phone ? 'sms.resend' : 'sms.send')}
        </Button>
      </Space>
      <TotpCodeItem label={t('sms.code')} extra={t('sms.codeHint')} kind="email" autoFocus={Boolean(phone)} />
    </>
  );
}
