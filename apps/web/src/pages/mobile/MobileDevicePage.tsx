/**
 * /m/device on the phone (手機掃碼登入 binding): signed in here with two factors, the person
 * makes a device key (WebCrypto ECDSA P-256, private key non-extractable, kept in IndexedDB)
 * and registers its public half with a name; a phone already bound can unbind itself, proving
 * it with the same key.
 */
import { Alert, App, Button, Card, Form, Input, Skeleton, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { qrUnbindMessage } from '@menhu/contracts';
import { useMe, useLogout } from '../../api/me.ts';
import { unbindOwnDevice, useBindQrDevice, useQrDevices } from '../../api/qr.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n, usePageTitle } from '../../i18n/index.tsx';
import {
  deviceKeysSupported,
  forgetDevice,
  listStoredDevices,
  makeDeviceKey,
  saveDevice,
  signWith,
  type StoredDevice,
} from '../../lib/device-key.ts';
import { describeUserAgent } from '../../lib/user-agent.ts';
import { PublicFrame } from '../login/PublicFrame.tsx';

export default function MobileDevicePage() {
  const { t } = useI18n();
  usePageTitle('qr.deviceHeading');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const devices = useQrDevices();
  const bind = useBindQrDevice();
  const logout = useLogout();
  const [stored, setStored] = useState<StoredDevice[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const supported = deviceKeysSupported();

  const reload = useCallback(() => {
    if (!supported) return setStored([]);
    listStoredDevices().then(setStored, () => setStored([]));
  }, [supported]);
  useEffect(reload, [reload]);

  // The key kept on this phone for this account, if the server still knows it.
  const here = stored?.find((d) => d.account === me?.account && devices.data?.items.some((x) => x.id === d.deviceId));

  const submit = async ({ name }: { name: string }) => {
    setError(null);
    setBusy(true);
    try {
      const key = await makeDeviceKey();
      const device = await bind.mutateAsync({
        name: name.trim(),
        publicKey: key.publicJwk as { kty: 'EC'; crv: 'P-256'; x: string; y: string },
      });
      await saveDevice({
        deviceId: device.id,
        account: me?.account ?? '',
        name: device.name,
        privateKey: key.privateKey,
        boundAt: device.createdAt,
      });
      void message.success(t('qr.boundDone'));
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const unbindHere = async (d: StoredDevice) => {
    setError(null);
    setBusy(true);
    try {
      await unbindOwnDevice(d.deviceId, await signWith(d.privateKey, qrUnbindMessage(d.deviceId)));
      await forgetDevice(d.deviceId);
      await devices.refetch();
      void message.success(t('qr.unboundHere'));
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const body = () => {
    if (!supported) return <Alert type="error" showIcon role="alert" title={t('qr.unsupported')} />;
    if (devices.error) return <ErrorAlert error={devices.error} />;
    if (!devices.data || stored === null) return <Skeleton active />;
    if (here)
      return (
        <>
          <Alert
            type="success"
            showIcon
            title={t('qr.boundHere', { account: here.account, name: here.name })}
            style={{ marginBottom: 16 }}
          />
          <Space wrap>
            <Button danger loading={busy} onClick={() => void unbindHere(here)}>
              {t('qr.unbindThis')}
            </Button>
            <Link to="/">{t('qr.backHome')}</Link>
          </Space>
        </>
      );
    if (!devices.data.canBind)
      return (
        <>
          <Alert type="warning" showIcon role="alert" title={t('qr.needSecondFactor')} style={{ marginBottom: 16 }} />
          <Button
            type="primary"
            onClick={() =>
              logout.mutate(undefined, {
                onSettled: () => void navigate('/login', { state: { from: '/m/device', stepUp: true } }),
              })
            }
          >
            {t('qr.signInAgain')}
          </Button>
        </>
      );
    return (
      <Form<{ name: string }>
        layout="vertical"
        requiredMark={false}
        initialValues={{ name: describeUserAgent(navigator.userAgent).slice(0, 60) || 'Phone' }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          label={t('qr.deviceName')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('qr.nameRequired') }]}
        >
          <Input maxLength={60} size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('qr.bindThis')}
        </Button>
      </Form>
    );
  };

  return (
    <PublicFrame>
      <Card className="login-card">
        <Typography.Title level={1} className="login-heading">
          {t('qr.deviceHeading')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('qr.deviceAbout')}</Typography.Paragraph>
        <ErrorAlert error={error} />
        {body()}
      </Card>
    </PublicFrame>
  );
}
