/**
 * ACC-3 備用電子郵件 in 個人帳號管理 › 登入安全: the address 臨時密碼 sign-in mails its codes
 * to. Status (masked address, 綁定時間), binding or changing (address → code mailed → code →
 * bound) and unbinding after re-entering the password. The official mailbox is refused by the
 * server (「請使用非公務信箱」), which is shown as it words it.
 */
import { Alert, App, Button, Descriptions, Form, Input, Skeleton, Space, Typography } from 'antd';
import { StepHeading } from '../../components/StepHeading.tsx';
import { SendErrorAlert } from '../../components/SendErrorAlert.tsx';
import { CodeConfirmStep } from './CodeConfirmStep.tsx';
import { RegionCard } from '../../components/RegionCard.tsx';
import { useState } from 'react';
import {
  useBackupEmail,
  useConfirmBackupEmail,
  useRemoveBackupEmail,
  useStartBackupEmail,
  type BackupEmailStatus,
} from '../../api/backup-email.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SolidTag } from '../../components/Tags.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PasswordConfirmModal } from './PasswordConfirmModal.tsx';

const RESEND_WAIT_MS = 30_000;
const TITLE_ID = 'backup-email-title';

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
      <StepHeading>{t(changing ? 'backup.changeHeading' : 'backup.setupHeading')}</StepHeading>
      <Form<{ email: string }>
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => start.mutate(v.email.trim(), { onSuccess: () => onSent(v.email.trim()) })}
      >
        <SendErrorAlert error={start.error} />
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
  return (
    <CodeConfirmStep
      heading={t(changing ? 'backup.changeHeading' : 'backup.setupHeading')}
      notice={t('backup.codeSent', { email: shown })}
      labels={{
        code: t('backup.code'),
        confirm: t('backup.confirm'),
        resend: t('backup.resend'),
        resendIn: (n) => t('temp.resendIn', { n }),
        other: t('backup.otherEmail'),
      }}
      sent={email}
      resendWaitMs={RESEND_WAIT_MS}
      confirm={useConfirmBackupEmail()}
      resend={useStartBackupEmail()}
      onDone={onDone}
      onOther={onOtherEmail}
      onCancel={onCancel}
    />
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
