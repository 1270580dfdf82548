/**
 * ACC-3 / SSO-5 手機掃碼登入 in 個人帳號管理 › 登入安全: the bound phones (name, 綁定時間, 最近使用),
 * renaming, 解除綁定 after re-entering the password, and 綁定手機: a QR code of the phone's
 * binding page (/m/device) to scan, with the link written out for those who cannot scan.
 */
import { App, Button, Form, Input, Modal, QRCode, Skeleton, Space, Table, Typography } from 'antd';
import { RegionCard } from '../../components/RegionCard.tsx';
import { useState } from 'react';
import type { QrDevice } from '@menhu/contracts';
import { useQrDevices, useRenameQrDevice, useUnbindQrDevice } from '../../api/qr.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PasswordConfirmModal } from './PasswordConfirmModal.tsx';

const TITLE_ID = 'qr-devices-title';

function RenameModal({ device, onClose }: { device: QrDevice | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const rename = useRenameQrDevice();
  const [form] = Form.useForm<{ name: string }>();
  const close = () => {
    rename.reset();
    onClose();
  };
  return (
    <Modal
      open={device !== null}
      title={t('qr.rename')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: rename.isPending }}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      <ErrorAlert error={rename.error} />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ name: device?.name ?? '' }}
        onFinish={(v) =>
          device &&
          rename.mutate(
            { id: device.id, name: v.name.trim() },
            {
              onSuccess: () => {
                void message.success(t('qr.renamed'));
                close();
              },
            },
          )
        }
      >
        <Form.Item
          label={t('qr.deviceName')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('qr.nameRequired') }]}
        >
          <Input maxLength={60} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function QrDevicesCard() {
  const { t, date } = useI18n();
  const { message } = App.useApp();
  const { data, error, isPending } = useQrDevices();
  const [showBind, setShowBind] = useState(false);
  const [renaming, setRenaming] = useState<QrDevice | null>(null);
  const [removing, setRemoving] = useState<QrDevice | null>(null);
  const unbind = useUnbindQrDevice(removing?.id ?? null);
  const bindUrl = `${window.location.origin}/m/device`;

  const body = () => {
    if (error) return <ErrorAlert error={error} />;
    if (isPending || !data) return <Skeleton active />;
    return (
      <>
        <Typography.Paragraph>{t('qr.cardAbout')}</Typography.Paragraph>
        {data.items.length === 0 ? (
          <Typography.Paragraph type="secondary">{t('qr.noDevices')}</Typography.Paragraph>
        ) : (
          <Table<QrDevice>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={data.items}
            scroll={{ x: true }}
            columns={[
              { title: t('qr.deviceName'), dataIndex: 'name' },
              { title: t('qr.boundAt'), dataIndex: 'createdAt', render: (v: string) => date(v) },
              {
                title: t('qr.lastUsedAt'),
                dataIndex: 'lastUsedAt',
                render: (v: string | null) => (v ? date(v) : t('qr.neverUsed')),
              },
              {
                title: t('qr.actions'),
                key: 'actions',
                render: (_: unknown, d) => (
                  <Space wrap>
                    <Button
                      size="small"
                      aria-label={t('qr.renameNamed', { name: d.name })}
                      onClick={() => setRenaming(d)}
                    >
                      {t('qr.rename')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      aria-label={t('qr.unbindNamed', { name: d.name })}
                      onClick={() => setRemoving(d)}
                    >
                      {t('qr.unbind')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
        {showBind ? (
          <div className="qr-bind" style={{ marginTop: 16 }}>
            <Typography.Paragraph>{t('qr.bindScan')}</Typography.Paragraph>
            <QRCode
              value={bindUrl}
              type="svg"
              size={180}
              errorLevel="M"
              bgColor="#ffffff"
              color="#000000"
              aria-label={t('qr.bindQrLabel')}
            />
            <Typography.Paragraph style={{ marginTop: 8 }}>
              {t('qr.bindLink')} <Typography.Text code>{bindUrl}</Typography.Text>
            </Typography.Paragraph>
            <Button onClick={() => setShowBind(false)}>{t('qr.hideBind')}</Button>
          </div>
        ) : (
          <Button type="primary" style={{ marginTop: 16 }} onClick={() => setShowBind(true)}>
            {t('qr.bindPhone')}
          </Button>
        )}
        <RenameModal device={renaming} onClose={() => setRenaming(null)} />
        <PasswordConfirmModal
          action={unbind}
          title="qr.unbindTitle"
          okText="qr.unbind"
          note="qr.unbindNote"
          open={removing !== null}
          onClose={() => setRemoving(null)}
          onDone={() => {
            setRemoving(null);
            void message.success(t('qr.unbound'));
          }}
        />
      </>
    );
  };

  return (
    <RegionCard id={TITLE_ID} title={t('qr.cardTitle')}>
      {body()}
    </RegionCard>
  );
}
