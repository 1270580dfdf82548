/**
 * ACC-3 手機號碼 in 個人帳號管理 › 登入安全: the number 簡訊登入 and the second step send codes
 * to. Status (masked number, 綁定時間, 最近使用), binding or changing (number → code by text
 * message → code → bound; changing asks for the password) and removing after re-entering the
 * password (refused while it is the last second factor the role requires).
 */
import { App, Button, Descriptions, Form, Input, Skeleton, Space, Typography } from 'antd';
import { StepHeading } from '../../components/StepHeading.tsx';
import { SendErrorAlert } from '../../components/SendErrorAlert.tsx';
import { CodeConfirmStep } from './CodeConfirmStep.tsx';
import { RegionCard } from '../../components/RegionCard.tsx';
import { useState } from 'react';
import { normaliseTwMobile } from '@menhu/contracts';
import { useConfirmSms, useRemoveSms, useSmsStatus, useStartSms, type SmsStatus } from '../../api/sms.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SolidTag } from '../../components/Tags.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PasswordConfirmModal } from './PasswordConfirmModal.tsx';

const RESEND_WAIT_MS = 60_000;
const TITLE_ID = 'sms-title';

interface Sent {
  phone: string;
  password?: string;
}

function PhoneForm({
  changing,
  onSent,
  onCancel,
}: {
  changing: boolean;
  onSent: (sent: Sent) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const start = useStartSms();
  return (
    <>
      <StepHeading>{t(changing ? 'sms.changeHeading' : 'sms.setupHeading')}</StepHeading>
      <Form<{ phone: string; password?: string }>
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => {
          const body = { phone: normaliseTwMobile(v.phone) ?? v.phone, ...(changing ? { password: v.password } : {}) };
          start.mutate(body, { onSuccess: () => onSent(body) });
        }}
      >
        <SendErrorAlert error={start.error} />
        <Form.Item
          label={t('sms.phone')}
          name="phone"
          extra={t('sms.phoneExtra')}
          rules={[
            { required: true, whitespace: true, message: t('sms.phoneRequired') },
            {
              validator: (_r, v: string | undefined) =>
                !v || normaliseTwMobile(v) ? Promise.resolve() : Promise.reject(new Error(t('sms.phoneFormat'))),
            },
          ]}
        >
          <Input type="tel" inputMode="tel" autoComplete="tel-national" spellCheck={false} />
        </Form.Item>
        {changing && (
          <Form.Item
            label={t('login.password')}
            name="password"
            extra={t('sms.changePasswordExtra')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        )}
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={start.isPending}>
            {t('sms.send')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}

function CodeForm({
  sent,
  shown,
  changing,
  onDone,
  onOther,
  onCancel,
}: {
  /** What was sent from this page (for 重新傳送); null when continuing a pending one. */
  sent: Sent | null;
  shown: string;
  changing: boolean;
  onDone: () => void;
  onOther: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <CodeConfirmStep
      heading={t(changing ? 'sms.changeHeading' : 'sms.setupHeading')}
      notice={t('sms.codeSent', { phone: shown })}
      labels={{
        code: t('sms.code'),
        confirm: t('sms.confirm'),
        resend: t('sms.resend'),
        resendIn: (n) => t('sms.resendIn', { n }),
        other: t('sms.otherPhone'),
      }}
      sent={sent}
      resendWaitMs={RESEND_WAIT_MS}
      confirm={useConfirmSms()}
      resend={useStartSms()}
      onDone={onDone}
      onOther={onOther}
      onCancel={onCancel}
    />
  );
}

function Status({ status }: { status: SmsStatus }) {
  const { t, date } = useI18n();
  return (
    <Descriptions
      column={1}
      size="small"
      items={[
        {
          key: 'phone',
          label: t('sms.phone'),
          children: status.phone ? (
            <span className="backup-address">{status.phone}</span>
          ) : (
            <SolidTag color="grey">{t('sms.none')}</SolidTag>
          ),
        },
        ...(status.phone && status.boundAt
          ? [{ key: 'boundAt', label: t('sms.boundAt'), children: date(status.boundAt) }]
          : []),
        ...(status.phone
          ? [
              {
                key: 'lastUsedAt',
                label: t('sms.lastUsedAt'),
                children: status.lastUsedAt ? date(status.lastUsedAt) : t('sms.neverUsed'),
              },
            ]
          : []),
        ...(status.pending
          ? [
              {
                key: 'pending',
                label: t('sms.pending'),
                children: <span className="backup-address">{status.pending}</span>,
              },
            ]
          : []),
      ]}
    />
  );
}

type Mode = { kind: 'status' } | { kind: 'phone' } | { kind: 'code'; sent: Sent | null; shown: string };

export function SmsCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data: status, error, isPending } = useSmsStatus();
  const [mode, setMode] = useState<Mode>({ kind: 'status' });
  const [removing, setRemoving] = useState(false);
  const remove = useRemoveSms();
  const changing = Boolean(status?.phone);

  const body = () => {
    if (error) return <ErrorAlert error={error} />;
    if (isPending || !status) return <Skeleton active />;
    if (mode.kind === 'phone')
      return (
        <PhoneForm
          changing={changing}
          onSent={(sent) => setMode({ kind: 'code', sent, shown: sent.phone })}
          onCancel={() => setMode({ kind: 'status' })}
        />
      );
    if (mode.kind === 'code')
      return (
        <CodeForm
          sent={mode.sent}
          shown={mode.shown}
          changing={changing}
          onDone={() => {
            setMode({ kind: 'status' });
            void message.success(t('sms.bound'));
          }}
          onOther={() => setMode({ kind: 'phone' })}
          onCancel={() => setMode({ kind: 'status' })}
        />
      );
    return (
      <>
        <Status status={status} />
        <Typography.Paragraph style={{ marginTop: 12 }}>{t('sms.about')}</Typography.Paragraph>
        <Space wrap>
          {status.pending && (
            <Button onClick={() => setMode({ kind: 'code', sent: null, shown: status.pending ?? '' })}>
              {t('sms.continue')}
            </Button>
          )}
          <Button type={status.phone ? 'default' : 'primary'} onClick={() => setMode({ kind: 'phone' })}>
            {t(status.phone ? 'sms.change' : 'sms.bind')}
          </Button>
          {status.phone && (
            <Button danger onClick={() => setRemoving(true)}>
              {t('sms.remove')}
            </Button>
          )}
        </Space>
        <PasswordConfirmModal
          action={remove}
          title="sms.remove"
          okText="sms.removeShort"
          note="sms.removeNote"
          open={removing}
          onClose={() => setRemoving(false)}
          onDone={() => {
            setRemoving(false);
            void message.success(t('sms.removed'));
          }}
        />
      </>
    );
  };

  return (
    <RegionCard id={TITLE_ID} title={t('sms.title')}>
      {body()}
    </RegionCard>
  );
}
