/**
 * ACC-3 備用電子郵件 in 個人帳號管理 › 登入安全: the address 臨時密碼 sign-in mails its codes
 * to. Status (masked address, 綁定時間), binding or changing (address → code mailed → code →
 * bound) and unbinding after re-entering the password. The official mailbox is refused by the
 * server (「請使用非公務信箱」), which is shown as it words it.
 */
import { Alert, App, Button, Descriptions, Form, Input, Skeleton, Space, Typography } from 'antd';
import { RegionCard } from '../../components/RegionCard.tsx';
import { useState } from 'react';
import {
  useBackupEmail,
  useConfirmBackupEmail,
  useRemoveBackupEmail,
  useStartBackupEmail,
  type BackupEmailStatus,
} from '../../api/backup-email.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SolidTag } from '../../components/Tags.tsx';
import { TotpCodeItem } from '../../components/TotpCodeItem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useCountdown } from '../../lib/countdown.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useFocusOnMount } from '../../lib/focus.ts';
import { retryAfterSeconds, withRetryTime } from '../../lib/retry.ts';
import { PasswordConfirmModal } from './PasswordConfirmModal.tsx';

const RESEND_WAIT_MS = 30_000;
const TITLE_ID = 'backup-email-title';

function SubHeading({ children }: { children: string }) {
  const ref = useFocusOnMount<HTMLHeadingElement>();
  return (
    <Typography.Title level={3} className="step-heading" tabIndex={-1} ref={ref}>
      {children}
    </Typography.Title>
  );
}

/** The server's words, its field details (「請使用非公務信箱」) and, for a 429, when to try again. */
function SendError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const details =
    error instanceof ApiError && Array.isArray(error.details)
      ? (error.details as { message?: unknown }[])
          .map((d) => d.message)
          .filter((m): m is string => typeof m === 'string')
      : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={withRetryTime(t, errorMessage(error, t('error.unexpected')), error)}
      description={details.length > 0 ? details.join('、') : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}

function EmailForm({
  changing,
  onSent,
  onCancel,
}: {
  changing: boolean;
  onSent: (email: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const start = useStartBackupEmail();
  return (
    <>
      <SubHeading>{t(changing ? 'backup.changeHeading' : 'backup.setupHeading')}</SubHeading>
      <Form<{ email: string }>
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => start.mutate(v.email.trim(), { onSuccess: () => onSent(v.email.trim()) })}
      >
        <SendError error={start.error} />
        <Form.Item
          label={t('backup.email')}
          name="email"
          extra={t('backup.emailExtra')}
          rules={[
            { required: true, whitespace: true, message: t('temp.emailRequired') },
            { type: 'email', message: t('temp.emailFormat') },
          ]}
        >
          <Input type="email" inputMode="email" autoComplete="email" autoCapitalize="none" spellCheck={false} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={start.isPending}>
            {t('backup.send')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}

function CodeForm({
  email,
  shown,
  changing,
  onDone,
  onOtherEmail,
  onCancel,
}: {
  /** The full address typed here (for 重新寄送); null when continuing a pending one from the status. */
  email: string | null;
  /** The address as shown: the typed one or the server's masked one. */
  shown: string;
  changing: boolean;
  onDone: () => void;
  onOtherEmail: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const confirm = useConfirmBackupEmail();
  const resend = useStartBackupEmail();
  const [resendAt, setResendAt] = useState(() => (email ? Date.now() + RESEND_WAIT_MS : 0));
  const wait = useCountdown(resendAt);

  const again = () => {
    if (!email) return;
    confirm.reset();
    resend.mutate(email, {
      onSuccess: () => setResendAt(Date.now() + RESEND_WAIT_MS),
      onError: (err) => {
        const s = retryAfterSeconds(err);
        if (s) setResendAt(Date.now() + s * 1000);
      },
    });
  };

  return (
    <>
      <SubHeading>{t(changing ? 'backup.changeHeading' : 'backup.setupHeading')}</SubHeading>
      <Alert
        type="info"
        showIcon
        role="status"
        title={t('backup.codeSent', { email: shown })}
        style={{ marginBottom: 16 }}
      />
      <Form<{ code: string }>
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => {
          resend.reset();
          confirm.mutate(v.code, { onSuccess: onDone });
        }}
      >
        <ErrorAlert error={confirm.error} />
        <SendError error={resend.error} />
        <TotpCodeItem label={t('backup.code')} kind="email" />
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={confirm.isPending}>
            {t('backup.confirm')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
        <Space wrap className="mfa-links">
          {email && (
            <Button type="link" onClick={again} disabled={wait > 0} loading={resend.isPending}>
              {wait > 0 ? t('temp.resendIn', { n: wait }) : t('backup.resend')}
            </Button>
          )}
          <Button type="link" onClick={onOtherEmail}>
            {t('backup.otherEmail')}
          </Button>
        </Space>
      </Form>
    </>
  );
}

function Status({ status }: { status: BackupEmailStatus }) {
  const { t, date } = useI18n();
  return (
    <Descriptions
      column={1}
      size="small"
      items={[
        {
          key: 'email',
          label: t('backup.address'),
          children: status.email ? (
            <span className="backup-address">{status.email}</span>
          ) : (
            <SolidTag color="grey">{t('backup.none')}</SolidTag>
          ),
        },
        ...(status.email && status.boundAt
          ? [{ key: 'boundAt', label: t('backup.boundAt'), children: date(status.boundAt) }]
          : []),
        ...(status.pending
          ? [
              {
                key: 'pending',
                label: t('backup.pending'),
                children: <span className="backup-address">{status.pending}</span>,
              },
            ]
          : []),
      ]}
    />
  );
}

type Mode = { kind: 'status' } | { kind: 'email' } | { kind: 'code'; email: string | null; shown: string };

export function BackupEmailCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data: status, error, isPending } = useBackupEmail();
  const [mode, setMode] = useState<Mode>({ kind: 'status' });
  const [removing, setRemoving] = useState(false);
  const remove = useRemoveBackupEmail();
  const changing = Boolean(status?.email);

  const body = () => {
    if (error) return <ErrorAlert error={error} />;
    if (isPending || !status) return <Skeleton active />;
    if (mode.kind === 'email')
      return (
        <EmailForm
          changing={changing}
          onSent={(email) => setMode({ kind: 'code', email, shown: email })}
          onCancel={() => setMode({ kind: 'status' })}
        />
      );
    if (mode.kind === 'code')
      return (
        <CodeForm
          email={mode.email}
          shown={mode.shown}
          changing={changing}
          onDone={() => {
            setMode({ kind: 'status' });
            void message.success(t('backup.bound'));
          }}
          onOtherEmail={() => setMode({ kind: 'email' })}
          onCancel={() => setMode({ kind: 'status' })}
        />
      );
    return (
      <>
        <Status status={status} />
        <Typography.Paragraph style={{ marginTop: 12 }}>{t('backup.about')}</Typography.Paragraph>
        {status.pending && (
          <Alert
            type="info"
            showIcon
            title={t('backup.pendingNote', { email: status.pending })}
            style={{ marginBottom: 12 }}
          />
        )}
        <Space wrap>
          {status.pending && (
            <Button onClick={() => setMode({ kind: 'code', email: null, shown: status.pending ?? '' })}>
              {t('backup.continue')}
            </Button>
          )}
          <Button type={status.email ? 'default' : 'primary'} onClick={() => setMode({ kind: 'email' })}>
            {t(status.email ? 'backup.change' : 'backup.bind')}
          </Button>
          {status.email && (
            <Button danger onClick={() => setRemoving(true)}>
              {t('backup.remove')}
            </Button>
          )}
        </Space>
        <PasswordConfirmModal
          action={remove}
          title="backup.remove"
          okText="backup.removeShort"
          note="backup.removeNote"
          open={removing}
          onClose={() => setRemoving(false)}
          onDone={() => {
            setRemoving(false);
            void message.success(t('backup.removed'));
          }}
        />
      </>
    );
  };

  return (
    <RegionCard id={TITLE_ID} title={t('backup.title')}>
      {body()}
    </RegionCard>
  );
}
