/**
 * 手機掃碼 (SSO-5): a one-time challenge as a QR code (and as a link, for people who cannot scan),
 * a countdown and 重新產生. The page follows the challenge by server-sent events (polling once a
 * second where they fail); once the phone allows it, it redeems the challenge — only this
 * browser can, its secret being in an HttpOnly cookie — and is signed in.
 */
import { Alert, Button, QRCode, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { QrStatus } from '@menhu/contracts';
import { isChallenge, useFinishSignIn } from '../../api/auth.ts';
import { createQrChallenge, qrEventsUrl, qrStatus, redeemQr } from '../../api/qr.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useCountdown } from '../../lib/countdown.ts';
import type { SignInHandlers } from './LoginForm.tsx';

type Phase = 'waiting' | 'signing_in' | 'rejected' | 'expired';

/** Calls `onStatus` with each status of the challenge: SSE first, polling once a second as the fallback. */
function followChallenge(id: string, onStatus: (s: QrStatus) => void): () => void {
  let stopped = false;
  let poll: ReturnType<typeof setInterval> | null = null;
  let es: EventSource | null = null;
  const done = (s: QrStatus) => s.status !== 'pending';
  const startPolling = () => {
    if (poll || stopped) return;
    poll = setInterval(() => {
      qrStatus(id).then(
        (s) => {
          if (stopped) return;
          onStatus(s);
          if (done(s)) stop();
        },
        () => undefined,
      );
    }, 1000);
  };
  const stop = () => {
    stopped = true;
    es?.close();
    if (poll) clearInterval(poll);
  };
  if (typeof EventSource === 'undefined') startPolling();
  else {
    es = new EventSource(qrEventsUrl(id));
    es.addEventListener('status', (e) => {
      const s = JSON.parse((e as MessageEvent<string>).data) as QrStatus;
      onStatus(s);
      if (done(s)) stop();
    });
    es.onerror = () => {
      // A proxy that buffers or cuts streams: fall back to asking once a second.
      es?.close();
      startPolling();
    };
  }
  return stop;
}

export function QrLoginForm({ onSignedIn, onChallenge }: SignInHandlers) {
  const { t } = useI18n();
  const [generation, setGeneration] = useState(0);
  // A query rather than a mutation, so a re-render does not ask for a second challenge.
  const challenge = useQuery({
    queryKey: ['qr-challenge', generation],
    queryFn: createQrChallenge,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const [phase, setPhase] = useState<Phase>('waiting');
  const [error, setError] = useState<unknown>(null);
  const finish = useFinishSignIn();
  const handlers = useRef({ onSignedIn, onChallenge, finish });
  handlers.current = { onSignedIn, onChallenge, finish };
  const id = challenge.data?.challengeId;
  const left = useCountdown(challenge.data ? Date.parse(challenge.data.expiresAt) : 0);

  useEffect(() => {
    if (!id) return;
    setPhase('waiting');
    setError(null);
    return followChallenge(id, (s) => {
      if (s.status === 'rejected') setPhase('rejected');
      else if (s.status === 'expired') setPhase('expired');
      else if (s.status === 'approved') {
        setPhase('signing_in');
        redeemQr(id).then(
          async (res) => {
            if (isChallenge(res)) return handlers.current.onChallenge(res);
            await handlers.current.finish(res);
            handlers.current.onSignedIn();
          },
          (err: unknown) => {
            setError(err);
            setPhase('expired');
          },
        );
      }
    });
  }, [id]);

  const regenerate = () => setGeneration((g) => g + 1);
  const expired = phase === 'expired' || (challenge.data !== undefined && left === 0 && phase === 'waiting');

  return (
    <div className="qr-login">
      <Typography.Paragraph type="secondary">{t('qr.loginHint')}</Typography.Paragraph>
      <ErrorAlert error={challenge.error ?? error} />
      {challenge.isPending ? (
        <Skeleton active />
      ) : challenge.data ? (
        <>
          <div className={expired ? 'qr-code qr-code-expired' : 'qr-code'}>
            <QRCode
              value={challenge.data.url}
              type="svg"
              size={200}
              errorLevel="M"
              bgColor="#ffffff"
              color="#000000"
              status={expired ? 'expired' : 'active'}
              onRefresh={regenerate}
              aria-label={t('qr.loginQrLabel')}
            />
          </div>
          <div role="status" aria-live="polite" className="qr-login-status">
            {phase === 'signing_in' ? (
              <Typography.Text>{t('qr.approvedSigningIn')}</Typography.Text>
            ) : phase === 'rejected' ? (
              <Alert type="warning" showIcon title={t('qr.rejected')} />
            ) : expired ? (
              <Alert type="info" showIcon title={t('qr.expired')} />
            ) : (
              <Typography.Text>{t('qr.waiting')}</Typography.Text>
            )}
          </div>
          {!expired && phase === 'waiting' && (
            <Typography.Paragraph type="secondary" className="qr-countdown">
              {t('qr.expiresIn', { n: left })}
            </Typography.Paragraph>
          )}
          <Typography.Paragraph className="qr-link">
            {t('qr.openOnPhone')}{' '}
            <Typography.Link href={challenge.data.url} className="qr-challenge-link">
              {challenge.data.url}
            </Typography.Link>
          </Typography.Paragraph>
        </>
      ) : null}
      <Button block size="large" onClick={regenerate} disabled={phase === 'signing_in'}>
        {t('qr.regenerate')}
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('qr.notBoundHint')}
      </Typography.Paragraph>
    </div>
  );
}
