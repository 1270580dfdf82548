/**
 * INT-4 撤銷應用系統: final — APTOKEN and the 單一登入 client stop working. Confirmed by typing
 * the application's name, so a slip of the mouse cannot do it.
 */
import { App as AntApp, Button, Card, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { App } from '@menhu/contracts';
import { useRevokeApp } from '../../api/integrations.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';

export function RevokeAppCard({ app, backTo }: { app: App; backTo: string }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const revoke = useRevokeApp(app.id);
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');

  const close = () => {
    setOpen(false);
    setTyped('');
    revoke.reset();
  };

  const submit = async () => {
    try {
      await revoke.mutateAsync();
      void message.success(t('int.revoked', { name: app.name }));
      close();
      navigate(backTo);
    } catch {
      // shown by ErrorAlert
    }
  };

  return (
    <Card title={<h2 className="card-title">{t('int.revoke')}</h2>} className="danger-card">
      <Typography.Paragraph>{t('int.revokeExplain')}</Typography.Paragraph>
      <Button danger onClick={() => setOpen(true)}>
        {t('int.revoke')}
      </Button>
      <Modal
        open={open}
        title={t('int.revokeConfirmTitle', { name: app.name })}
        onCancel={close}
        onOk={() => void submit()}
        okText={t('int.revoke')}
        okButtonProps={{ danger: true, disabled: typed.trim() !== app.name }}
        cancelText={t('common.cancel')}
        confirmLoading={revoke.isPending}
        destroyOnHidden
      >
        <ErrorAlert error={revoke.error} />
        <Typography.Paragraph>{t('int.revokeExplain')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={() => typed.trim() === app.name && void submit()}>
          <Form.Item label={t('int.revokeTypeName', { name: app.name })} htmlFor="revoke-name">
            <Input id="revoke-name" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
