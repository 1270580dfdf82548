/**
 * 自然人憑證 signing, shared by the login tab and the binding card: the PIN (sent only to the
 * local HiPKI service inside its signing request, never to our server), then the HiPKI popup
 * from the click, the server's challenge signed by the card, and `onSigned` with the result.
 * HiPKI's error codes become plain instructions (no card, no reader, wrong PIN, …).
 */
import { Alert, Button, Form, Input, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import type { MoicaChallenge } from '@menhu/contracts';
import { useMoicaConfig, type SignedChallenge } from '../api/moica.ts';
import { useI18n } from '../i18n/index.tsx';
import { errorMessage } from '../lib/errors.ts';
import { HipkiError, openHipkiPopup, signWithHipki } from '../lib/hipki.ts';

interface Props {
  getChallenge: () => Promise<MoicaChallenge>;
  onSigned: (signed: SignedChallenge) => Promise<unknown>;
  submitText: string;
  /** A server refusal of the signed answer (already worded), shown like HiPKI's own. */
  serverError?: string | null;
  size?: 'large' | 'middle';
}

export function MoicaSignForm({ getChallenge, onSigned, submitText, serverError, size = 'large' }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ pin: string }>();
  const config = useMoicaConfig();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = () => {
    const pin = String(form.getFieldValue('pin') ?? '');
    if (!/^\d{4,16}$/u.test(pin)) {
      void form.validateFields();
      return;
    }
    if (!config.data) {
      setError(t('moica.err.noConfig'));
      return;
    }
    setError(null);
    let popup: Window;
    try {
      // Opened here, inside the click, so no popup blocker stops it.
      popup = openHipkiPopup(config.data.hipkiUrl);
    } catch (err) {
      setError(t(err instanceof HipkiError ? err.key : 'moica.err.other'));
      return;
    }
    setBusy(true);
    const challenge = getChallenge();
    challenge.catch(() => undefined);
    void signWithHipki({ hipkiUrl: config.data.hipkiUrl, popup, tbs: challenge.then((c) => c.challenge), pin })
      .then(async (signed) => {
        form.resetFields();
        const c = await challenge;
        await onSigned({
          challengeId: c.challengeId,
          signature: signed.signature,
          ...(signed.certb64 ? { certificate: signed.certb64 } : {}),
        });
      })
      .catch((err: unknown) => {
        if (err instanceof HipkiError) {
          const text = t(err.key);
          setError(err.codes ? `${text}（${t('moica.errorCode', { code: err.codes })}）` : text);
          if (err.key === 'moica.err.wrongPin' || err.key === 'moica.err.oneTryLeft') form.resetFields();
        } else setError(errorMessage(err, t('error.network')));
      })
      .finally(() => setBusy(false));
  };

  const shown = error ?? serverError ?? null;
  // Where HiPKI is comes first: the button must be able to open the popup at the click.
  if (config.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={start}>
      {shown && <Alert type="error" showIcon role="alert" title={shown} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">{t('moica.hint')}</Typography.Paragraph>
      <Form.Item
        label={t('moica.pin')}
        name="pin"
        extra={t('moica.pinExtra')}
        rules={[
          { required: true, message: t('moica.pinRequired') },
          { pattern: /^\d{4,16}$/u, message: t('moica.pinFormat') },
        ]}
      >
        <Input.Password inputMode="numeric" autoComplete="off" maxLength={16} size={size} />
      </Form.Item>
      <Button type="primary" block={size === 'large'} size={size} loading={busy} onClick={start}>
        {submitText}
      </Button>
      {busy && (
        <Typography.Paragraph type="secondary" role="status" style={{ marginTop: 12 }}>
          {t('moica.waiting')}
        </Typography.Paragraph>
      )}
    </Form>
  );
}
