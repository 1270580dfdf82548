/**
 * 行動自然人憑證 (SSO-5): 身分證統一編號 → a push to the person's App → 「請開啟行動自然人憑證 App
 * 確認登入」 with a countdown while the page polls → signed in, or why not (拒絕, 逾時). What the
 * page shows after sending never depends on whether the number belongs to an account.
 */
import { Alert, Button, Form, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { MobileMoicaStarted } from '@menhu/contracts';
import { isChallenge, useFinishSignIn } from '../../api/auth.ts';
import { useMobileMoicaStatus, useStartMobileMoica } from '../../api/mobile-moica.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { withRetryTime } from '../../lib/retry.ts';
import type { SignInHandlers } from './LoginForm.tsx';
import { useLoginError } from './login-error.ts';
import { IdNumberItem, MobileMoicaWaiting, SIGN_IN_TEXTS } from './mobile-moica-parts.tsx';

function IdStep({ initial, onStarted }: { initial: string; onStarted: (id: string, s: MobileMoicaStarted) => void }) {
  const { t } = useI18n();
  const start = useStartMobileMoica();
  const errorText = start.error ? withRetryTime(t, errorMessage(start.error, t('error.network')), start.error) : null;
  return (
    <Form<{ idNumber: string }>
      layout="vertical"
      requiredMark={false}
      initialValues={{ idNumber: initial }}
      onFinish={(v) => {
        const id = v.idNumber.trim().toUpperCase();
        start.mutate(id, { onSuccess: (s) => onStarted(id, s) });
      }}
    >
      {errorText && <Alert type="error" showIcon role="alert" title={errorText} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">{t('mmca.hint')}</Typography.Paragraph>
      <IdNumberItem />
      <Button type="primary" htmlType="submit" block size="large" loading={start.isPending}>
        {t('mmca.send')}
      </Button>
    </Form>
  );
}

function WaitStep({
  started,
  deadline,
  onAgain,
  onSignedIn,
  onChallenge,
}: SignInHandlers & { started: MobileMoicaStarted; deadline: number; onAgain: () => void }) {
  const status = useMobileMoicaStatus(started);
  const finish = useFinishSignIn();
  const [finishError, setFinishError] = useState<unknown>(null);
  const finished = useRef(false);
  const loginError = useLoginError(status.error ?? finishError);

  useEffect(() => {
    const session = status.data?.session;
    if (status.data?.status !== 'approved' || !session || finished.current) return;
    finished.current = true;
    if (isChallenge(session)) onChallenge(session);
    else
      finish(session)
        .then(onSignedIn)
        .catch((e: unknown) => setFinishError(e));
  }, [status.data, finish, onSignedIn, onChallenge]);

  return (
    <MobileMoicaWaiting
      state={status.data?.status ?? 'pending'}
      deadline={deadline}
      error={loginError}
      texts={SIGN_IN_TEXTS}
      onAgain={onAgain}
    />
  );
}

export function MobileMoicaForm(handlers: SignInHandlers) {
  const [idNumber, setIdNumber] = useState('');
  const [started, setStarted] = useState<MobileMoicaStarted | null>(null);
  const [deadline, setDeadline] = useState(0);
  return started ? (
    <WaitStep key={started.id} {...handlers} started={started} deadline={deadline} onAgain={() => setStarted(null)} />
  ) : (
    <IdStep
      initial={idNumber}
      onStarted={(id, s) => {
        setIdNumber(id);
        setDeadline(Date.now() + s.timeLimitSeconds * 1000);
        setStarted(s);
      }}
    />
  );
}
