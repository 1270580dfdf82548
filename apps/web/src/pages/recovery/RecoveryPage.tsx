/**
 * SSO-9 開通帳號 (/activate) and 忘記密碼 (/forgot-password), as in seed 000: 身分驗證 by a code
 * mailed to the 備用信箱 or, where the login methods offer it, by 行動自然人憑證 (帳號 + 身分證統一編號,
 * approved in the App, the sign-in tab's pieces), then 設定密碼 (請輸入新密碼 / 再次輸入新密碼 under the password rules),
 * then 完成. The notice after sending never says whether account and address matched.
 */
import { Alert, Button, Card, Form, Input, Radio, Result, Space, Steps, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { MobileMoicaStarted, RecoveryPurpose } from '@menhu/contracts';
import { ApiError } from '../../api/client.ts';
import { useLoginMethods } from '../../api/auth.ts';
import {
  useRecoveryCode,
  useRecoveryMobileMoicaStatus,
  useRecoveryPassword,
  useRecoveryVerify,
  useStartRecoveryMobileMoica,
} from '../../api/recovery.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { NewPasswordItems } from '../../components/NewPasswordItems.tsx';
import { TotpCodeItem } from '../../components/TotpCodeItem.tsx';
import { useI18n, usePageTitle } from '../../i18n/index.tsx';
import { useCountdown } from '../../lib/countdown.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useFocusOnMount } from '../../lib/focus.ts';
import { retryAfterSeconds, withRetryTime } from '../../lib/retry.ts';
import { IdNumberItem, MobileMoicaWaiting, type WaitingTexts } from '../login/mobile-moica-parts.tsx';
import { PublicFrame } from '../login/PublicFrame.tsx';
import { BackupEmailItem } from '../../components/BackupEmailItem.tsx';

const RESEND_WAIT_MS = 30_000;

interface Who {
  account: string;
}

interface EmailWho extends Who {
  email: string;
}

interface IdentityProps {
  purpose: RecoveryPurpose;
  onVerified: (who: Who, ticket: string) => void;
}

/** 身分驗證: by 備用信箱, or by 行動自然人憑證 when the login methods offer it here. */
function IdentityStep(props: IdentityProps) {
  const { t } = useI18n();
  const methods = useLoginMethods();
  const offered = !!methods.data?.methods.some((m) => m.method === 'mobile_moica' && m.unavailable === null);
  const [via, setVia] = useState<'email' | 'mobile_moica'>('email');
  return (
    <>
      {offered && (
        <Radio.Group
          className="recovery-via"
          aria-label={t('recovery.via')}
          optionType="button"
          buttonStyle="solid"
          block
          value={via}
          onChange={(e) => setVia(e.target.value as typeof via)}
          options={[
            { value: 'email', label: t('recovery.viaEmail') },
            { value: 'mobile_moica', label: t('recovery.viaMobileMoica') },
          ]}
          style={{ marginBottom: 16 }}
        />
      )}
      {offered && via === 'mobile_moica' ? <MobileMoicaIdentity {...props} /> : <EmailIdentity {...props} />}
    </>
  );
}

const RECOVERY_TEXTS: WaitingTexts = {
  openApp: 'recovery.mmca.openApp',
  approved: 'recovery.mmca.approved',
  rejected: 'recovery.mmca.rejected',
  expired: 'recovery.mmca.expired',
};

interface MobileMoicaStep {
  who: Who;
  started: MobileMoicaStarted;
  deadline: number;
}

/** 帳號 + 身分證統一編號 → a push → approved in the App → the ticket for 設定密碼. */
function MobileMoicaIdentity({ purpose, onVerified }: IdentityProps) {
  const { t } = useI18n();
  const start = useStartRecoveryMobileMoica();
  const [typed, setTyped] = useState({ account: '', idNumber: '' });
  const [step, setStep] = useState<MobileMoicaStep | null>(null);
  const errorText = start.error ? withRetryTime(t, errorMessage(start.error, t('error.network')), start.error) : null;
  if (step)
    return <MobileMoicaWait key={step.started.id} {...step} onVerified={onVerified} onAgain={() => setStep(null)} />;
  return (
    <Form<{ account: string; idNumber: string }>
      layout="vertical"
      requiredMark={false}
      initialValues={typed}
      onFinish={(v) => {
        const next = { account: v.account.trim(), idNumber: v.idNumber.trim().toUpperCase() };
        setTyped(next);
        start.mutate(
          { purpose, ...next },
          {
            onSuccess: (started) =>
              setStep({
                who: { account: next.account },
                started,
                deadline: Date.now() + started.timeLimitSeconds * 1000,
              }),
          },
        );
      }}
    >
      {errorText && <Alert type="error" showIcon role="alert" title={errorText} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">{t(`recovery.mmca.${purpose}.hint`)}</Typography.Paragraph>
      <Form.Item
        label={t('login.account')}
        name="account"
        rules={[{ required: true, whitespace: true, message: t('login.accountRequired') }]}
      >
        <Input autoComplete="username" autoCapitalize="none" spellCheck={false} size="large" />
      </Form.Item>
      <IdNumberItem />
      <Button type="primary" htmlType="submit" block size="large" loading={start.isPending}>
        {t('recovery.mmca.send')}
      </Button>
    </Form>
  );
}

function MobileMoicaWait({
  who,
  started,
  deadline,
  onVerified,
  onAgain,
}: MobileMoicaStep & { onVerified: IdentityProps['onVerified']; onAgain: () => void }) {
  const { t } = useI18n();
  const status = useRecoveryMobileMoicaStatus(started);
  const done = useRef(false);
  useEffect(() => {
    const ticket = status.data?.ticket;
    if (status.data?.status !== 'approved' || !ticket || done.current) return;
    done.current = true;
    onVerified(who, ticket);
  }, [status.data, who, onVerified]);
  return (
    <MobileMoicaWaiting
      state={status.data?.status ?? 'pending'}
      deadline={deadline}
      error={status.error ? errorMessage(status.error, t('error.network')) : null}
      texts={RECOVERY_TEXTS}
      onAgain={onAgain}
    />
  );
}

function EmailIdentity({ purpose, onVerified }: IdentityProps) {
  const { t } = useI18n();
  const [who, setWho] = useState<EmailWho | null>(null);
  const [resendAt, setResendAt] = useState(0);
  const wait = useCountdown(resendAt);
  const send = useRecoveryCode();
  const verify = useRecoveryVerify();
  const notice = useFocusOnMount<HTMLDivElement>(who !== null);
  const sendError = send.error ? withRetryTime(t, errorMessage(send.error, t('error.network')), send.error) : null;

  const request = (next: EmailWho) =>
    send.mutate(
      { purpose, ...next },
      {
        onSuccess: () => {
          setWho(next);
          setResendAt(Date.now() + RESEND_WAIT_MS);
        },
        onError: (err) => {
          const s = retryAfterSeconds(err);
          if (s && who) setResendAt(Date.now() + s * 1000);
        },
      },
    );

  if (!who)
    return (
      <Form<EmailWho>
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => request({ account: v.account.trim(), email: v.email.trim() })}
      >
        {sendError && <Alert type="error" showIcon role="alert" title={sendError} style={{ marginBottom: 16 }} />}
        <Typography.Paragraph type="secondary">{t(`recovery.${purpose}.hint`)}</Typography.Paragraph>
        <Form.Item
          label={t('login.account')}
          name="account"
          rules={[{ required: true, whitespace: true, message: t('login.accountRequired') }]}
        >
          <Input autoComplete="username" autoCapitalize="none" spellCheck={false} size="large" />
        </Form.Item>
        <BackupEmailItem />
        <Button type="primary" htmlType="submit" block size="large" loading={send.isPending}>
          {t('temp.send')}
        </Button>
      </Form>
    );

  return (
    <Form<{ code: string }>
      layout="vertical"
      requiredMark={false}
      onFinish={(v) => {
        send.reset();
        verify.mutate({ purpose, ...who, code: v.code }, { onSuccess: (r) => onVerified(who, r.ticket) });
      }}
    >
      <div ref={notice} tabIndex={-1}>
        <Alert type="info" showIcon role="status" title={t('recovery.sent')} style={{ marginBottom: 16 }} />
      </div>
      <ErrorAlert error={verify.error} />
      {sendError && <Alert type="error" showIcon role="alert" title={sendError} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph>{t('temp.sentTo', { email: who.email })}</Typography.Paragraph>
      <TotpCodeItem label={t('temp.code')} extra={t('temp.codeHint')} kind="email" />
      <Button type="primary" htmlType="submit" block size="large" loading={verify.isPending}>
        {t('recovery.next')}
      </Button>
      <Space wrap className="mfa-links">
        <Button type="link" onClick={() => request(who)} disabled={wait > 0} loading={send.isPending}>
          {wait > 0 ? t('temp.resendIn', { n: wait }) : t('temp.resend')}
        </Button>
        <Button
          type="link"
          onClick={() => {
            verify.reset();
            setWho(null);
          }}
        >
          {t('recovery.changeDetails')}
        </Button>
      </Space>
    </Form>
  );
}

function PasswordStep({
  who,
  ticket,
  onDone,
  onRestart,
}: {
  who: Who;
  ticket: string;
  onDone: () => void;
  onRestart: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ newPassword: string; confirmPassword: string }>();
  const save = useRecoveryPassword();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const expired = save.error instanceof ApiError && save.error.code === 'MENHU_ERR_RECOVERY_EXPIRED';

  const submit = (v: { newPassword: string }) =>
    save.mutate(
      { ticket, newPassword: v.newPassword },
      {
        onSuccess: onDone,
        onError: (err) => {
          if (err instanceof ApiError && ['MENHU_ERR_PASSWORD_REUSED', 'MENHU_ERR_PASSWORD_POLICY'].includes(err.code))
            form.setFields([{ name: 'newPassword', errors: [errorMessage(err, t('error.unexpected'))] }]);
        },
      },
    );

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      <Typography.Title level={2} className="recovery-step-title" tabIndex={-1} ref={heading}>
        {t('recovery.setPassword')}
      </Typography.Title>
      <Typography.Paragraph>{t('recovery.forAccount', { account: who.account })}</Typography.Paragraph>
      {expired ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorMessage(save.error, t('error.unexpected'))}
          action={<Button onClick={onRestart}>{t('recovery.restart')}</Button>}
          style={{ marginBottom: 16 }}
        />
      ) : (
        !(save.error instanceof ApiError && save.error.status === 422) && <ErrorAlert error={save.error} />
      )}
      <NewPasswordItems account={who.account} />
      <Button type="primary" htmlType="submit" block size="large" loading={save.isPending}>
        {t('recovery.finish')}
      </Button>
    </Form>
  );
}

export function RecoveryPage({ purpose }: { purpose: RecoveryPurpose }) {
  const { t } = useI18n();
  usePageTitle(`recovery.${purpose}.title`);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [state, setState] = useState<{ step: 0 } | { step: 1; who: Who; ticket: string } | { step: 2; who: Who }>({
    step: 0,
  });
  // A fresh identity step after 重新開始 (a new form, nothing typed carried over).
  const [round, setRound] = useState(0);

  return (
    <PublicFrame>
      <Card className="login-card wide">
        <Typography.Title level={1} className="login-heading" tabIndex={-1} ref={heading}>
          {t(`recovery.${purpose}.title`)}
        </Typography.Title>
        <Steps
          size="small"
          current={state.step}
          items={[
            { title: t('recovery.stepIdentity') },
            { title: t('recovery.stepPassword') },
            { title: t('recovery.stepDone') },
          ]}
          style={{ marginBottom: 24 }}
        />
        {state.step === 0 && (
          <IdentityStep
            key={round}
            purpose={purpose}
            onVerified={(who, ticket) => setState({ step: 1, who, ticket })}
          />
        )}
        {state.step === 1 && (
          <PasswordStep
            who={state.who}
            ticket={state.ticket}
            onDone={() => setState({ step: 2, who: state.who })}
            onRestart={() => {
              setRound((r) => r + 1);
              setState({ step: 0 });
            }}
          />
        )}
        {state.step === 2 && (
          <Result
            status="success"
            title={t(`recovery.${purpose}.done`)}
            subTitle={t('recovery.doneHint', { account: state.who.account })}
            extra={
              <Link to="/login" className="ant-btn ant-btn-primary ant-btn-color-primary ant-btn-variant-solid">
                {t('recovery.toLogin')}
              </Link>
            }
          />
        )}
        {state.step !== 2 && (
          <Typography.Paragraph className="login-notes">
            <Link to="/login">{t('recovery.backToLogin')}</Link>
          </Typography.Paragraph>
        )}
      </Card>
    </PublicFrame>
  );
}

export function ActivatePage() {
  return <RecoveryPage purpose="activate" />;
}

export function ForgotPasswordPage() {
  return <RecoveryPage purpose="reset" />;
}
