/**
 * 通行金鑰 in 個人帳號管理 › 登入安全: the person's passkeys (name, added, last used, synced or
 * not), adding one (a name, the password again, then the device's own prompt: fingerprint, face,
 * PIN, or a phone through the QR code the browser shows), renaming, and removing with the
 * password again (the server refuses the last one when the role requires a second factor).
 */
import { Alert, App, Button, Flex, Form, Input, Modal, Skeleton, Space, Typography } from 'antd';
import { RegionCard } from '../../components/RegionCard.tsx';
import { useState } from 'react';
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { PASSKEY_NAME_MAX, type Passkey } from '@menhu/contracts';
import { passkeyErrorKey, useAddPasskey, usePasskeys, useRemovePasskey, useRenamePasskey } from '../../api/passkey.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SolidTag } from '../../components/Tags.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PasswordConfirmModal } from './PasswordConfirmModal.tsx';

const TITLE_ID = 'passkey-title';

/** A browser-side failure in the words of the page; API failures as the server words them. */
export function PasskeyError({ error }: { error: unknown }) {
  const { t } = useI18n();
  const key = passkeyErrorKey(error);
  if (!error) return null;
  if (!key) return <ErrorAlert error={error} />;
  return <Alert type="error" showIcon role="alert" title={t(key)} style={{ marginBottom: 16 }} />;
}

function AddModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (p: Passkey) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string; password: string }>();
  const add = useAddPasskey();
  const close = () => {
    add.reset();
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('passkey.addTitle')}
      okText={t('passkey.addNext')}
      okButtonProps={{ loading: add.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('passkey.addNote')}</Typography.Paragraph>
      <PasskeyError error={add.error} />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) =>
          add.mutate(
            { name: v.name ?? '', password: v.password },
            {
              onSuccess: (p) => {
                form.resetFields();
                add.reset();
                onDone(p);
              },
            },
          )
        }
      >
        <Form.Item
          label={t('passkey.name')}
          name="name"
          extra={t('passkey.nameExtra')}
          rules={[{ max: PASSKEY_NAME_MAX, message: t('passkey.nameTooLong', { n: PASSKEY_NAME_MAX }) }]}
        >
          <Input maxLength={PASSKEY_NAME_MAX} autoFocus autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('password.current')}
          name="password"
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RenameModal({ passkey, onClose }: { passkey: Passkey | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const rename = useRenamePasskey();
  const close = () => {
    rename.reset();
    onClose();
  };
  return (
    <Modal
      open={passkey !== null}
      title={t('passkey.renameTitle')}
      okText={t('common.save')}
      okButtonProps={{ loading: rename.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      <ErrorAlert error={rename.error} />
      {passkey && (
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ name: passkey.name }}
          onFinish={(v) =>
            rename.mutate(
              { id: passkey.id, name: v.name.trim() },
              {
                onSuccess: () => {
                  close();
                  void message.success(t('passkey.renamed'));
                },
              },
            )
          }
        >
          <Form.Item
            label={t('passkey.name')}
            name="name"
            rules={[
              { required: true, whitespace: true, message: t('passkey.nameRequired') },
              { max: PASSKEY_NAME_MAX, message: t('passkey.nameTooLong', { n: PASSKEY_NAME_MAX }) },
            ]}
          >
            <Input maxLength={PASSKEY_NAME_MAX} autoFocus autoComplete="off" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

function PasskeyItem({
  passkey,
  onRename,
  onRemove,
}: {
  passkey: Passkey;
  onRename: () => void;
  onRemove: () => void;
}) {
  const { t, date } = useI18n();
  return (
    <li className="passkey-item">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Text strong className="passkey-name">
            {passkey.name}
          </Typography.Text>{' '}
          {passkey.backedUp && <SolidTag color="blue">{t('passkey.synced')}</SolidTag>}
          <div>
            <Typography.Text type="secondary">
              {t('passkey.addedAt', { time: date(passkey.createdAt) })}
              {t('login.listSeparator')}
              {passkey.lastUsedAt
                ? t('passkey.lastUsedAt', { time: date(passkey.lastUsedAt) })
                : t('passkey.neverUsed')}
            </Typography.Text>
          </div>
        </div>
        <Space wrap>
          <Button onClick={onRename} aria-label={t('passkey.renameNamed', { name: passkey.name })}>
            {t('passkey.rename')}
          </Button>
          <Button danger onClick={onRemove} aria-label={t('passkey.removeNamed', { name: passkey.name })}>
            {t('passkey.remove')}
          </Button>
        </Space>
      </Flex>
    </li>
  );
}

export function PasskeyCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data, error, isPending } = usePasskeys();
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<Passkey | null>(null);
  const [removingId, setRemovingId] = useState<number | null>(null);
  const remove = useRemovePasskey(removingId);
  const supported = browserSupportsWebAuthn();

  const body = () => {
    if (error) return <ErrorAlert error={error} />;
    if (isPending || !data) return <Skeleton active />;
    return (
      <>
        <Typography.Paragraph>{t('passkey.about')}</Typography.Paragraph>
        {data.items.length === 0 ? (
          <Typography.Paragraph>
            <SolidTag color="grey">{t('passkey.none')}</SolidTag>
          </Typography.Paragraph>
        ) : (
          <ul className="passkey-list" aria-label={t('passkey.listLabel')}>
            {data.items.map((p) => (
              <PasskeyItem
                key={p.id}
                passkey={p}
                onRename={() => setRenaming(p)}
                onRemove={() => setRemovingId(p.id)}
              />
            ))}
          </ul>
        )}
        {!supported && <Alert type="info" showIcon title={t('passkey.unsupported')} style={{ marginBottom: 12 }} />}
        <Button type={data.items.length ? 'default' : 'primary'} disabled={!supported} onClick={() => setAdding(true)}>
          {t('passkey.add')}
        </Button>
        <AddModal
          open={adding}
          onClose={() => setAdding(false)}
          onDone={(p) => {
            setAdding(false);
            void message.success(t('passkey.added', { name: p.name }));
          }}
        />
        <RenameModal passkey={renaming} onClose={() => setRenaming(null)} />
        <PasswordConfirmModal
          action={remove}
          title="passkey.removeTitle"
          okText="passkey.remove"
          note="passkey.removeNote"
          open={removingId !== null}
          onClose={() => setRemovingId(null)}
          onDone={() => {
            setRemovingId(null);
            void message.success(t('passkey.removed'));
          }}
        />
      </>
    );
  };

  return (
    <RegionCard id={TITLE_ID} title={t('passkey.title')}>
      {body()}
    </RegionCard>
  );
}
