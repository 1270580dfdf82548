/**
 * /m/approve#<challenge> on a bound phone (手機掃碼登入): no portal session needed — the device key
 * proves the phone. It shows who asks (browser, system, address, 府內/府外, time, how long it stays
 * valid), asks 「是否允許此瀏覽器登入？」 and signs the decision with the device's private key.
 */
import { Alert, Button, Card, Descriptions, Radio, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { qrApprovalMessage, type QrDecision } from '@menhu/contracts';
import { decideQr, useQrChallengeInfo } from '../../api/qr.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n, usePageTitle } from '../../i18n/index.tsx';
import { useCountdown } from '../../lib/countdown.ts';
import { deviceKeysSupported, listStoredDevices, signWith, type StoredDevice } from '../../lib/device-key.ts';
import { PublicFrame } from '../login/PublicFrame.tsx';

const challengeFromHash = () => (typeof window === 'undefined' ? '' : window.location.hash.replace(/^#/u, ''));

export default function MobileApprovePage() {
  const { t, date } = useI18n();
  usePageTitle('qr.approveHeading');
  const [id, setId] = useState(challengeFromHash);
  const info = useQrChallengeInfo(id);
  const [stored, setStored] = useState<StoredDevice[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [result, setResult] = useState<QrDecision | null>(null);
  const [busy, setBusy] = useState<QrDecision | null>(null);
  const [error, setError] = useState<unknown>(null);
  const left = useCountdown(info.data ? Date.parse(info.data.expiresAt) : 0);

  // Another challenge opened in the same tab (only the fragment changes): start over for it.
  useEffect(() => {
    const onHash = () => {
      setId(challengeFromHash());
      setResult(null);
      setError(null);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (!deviceKeysSupported()) return setStored([]);
    listStoredDevices().then(setStored, () => setStored([]));
  }, []);

  const device = stored?.find((d) => d.deviceId === chosen) ?? stored?.[0];

  const send = async (decision: QrDecision) => {
    if (!info.data || !device) return;
    setError(null);
    setBusy(decision);
    try {
      const signature = await signWith(device.privateKey, qrApprovalMessage(id, info.data.nonce, decision));
      await decideQr(id, { deviceId: device.deviceId, signature, decision });
      setResult(decision);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const body = () => {
    if (!id) return <Alert type="error" showIcon role="alert" title={t('qr.noChallenge')} />;
    if (stored === null || info.isPending) return <Skeleton active />;
    if (stored.length === 0)
      return (
        <>
          <Alert type="warning" showIcon role="alert" title={t('qr.noDeviceHere')} style={{ marginBottom: 16 }} />
          <Typography.Paragraph>{t('qr.howToBind')}</Typography.Paragraph>
          <Link to="/m/device">{t('qr.goBind')}</Link>
        </>
      );
    if (result)
      return (
        <Alert
          type={result === 'approve' ? 'success' : 'info'}
          showIcon
          role="status"
          title={t(result === 'approve' ? 'qr.allowed' : 'qr.denied')}
        />
      );
    if (info.error) return <ErrorAlert error={info.error} />;
    const i = info.data!;
    return (
      <>
        <Typography.Paragraph>{t('qr.approveWarn')}</Typography.Paragraph>
        <Descriptions
          column={1}
          size="small"
          bordered
          items={[
            { key: 'browser', label: t('qr.browser'), children: i.browser || t('qr.unknown') },
            { key: 'os', label: t('qr.os'), children: i.os || t('qr.unknown') },
            { key: 'ip', label: t('qr.ip'), children: i.ip ?? t('qr.unknown') },
            {
              key: 'zone',
              label: t('qr.zone'),
              children: t(i.zone === 'intranet' ? 'qr.zoneIntranet' : 'qr.zoneInternet'),
            },
            { key: 'time', label: t('qr.time'), children: date(i.createdAt) },
            { key: 'left', label: t('qr.validFor'), children: t('qr.secondsLeft', { n: left }) },
          ]}
        />
        {stored.length > 1 && (
          <Radio.Group
            aria-label={t('qr.account')}
            value={device?.deviceId}
            onChange={(e) => setChosen(e.target.value as string)}
            style={{ marginTop: 16, display: 'flex', flexDirection: 'column', gap: 8 }}
            options={stored.map((d) => ({ value: d.deviceId, label: `${d.account}（${d.name}）` }))}
          />
        )}
        {stored.length === 1 && device && (
          <Typography.Paragraph style={{ marginTop: 16 }}>
            {t('qr.account')}：{device.account}
          </Typography.Paragraph>
        )}
        <ErrorAlert error={error} />
        <Space style={{ marginTop: 16, width: '100%' }} orientation="vertical">
          <Button
            type="primary"
            block
            size="large"
            loading={busy === 'approve'}
            disabled={busy !== null || left === 0}
            onClick={() => void send('approve')}
          >
            {t('qr.allow')}
          </Button>
          <Button
            danger
            block
            size="large"
            loading={busy === 'reject'}
            disabled={busy !== null || left === 0}
            onClick={() => void send('reject')}
          >
            {t('qr.deny')}
          </Button>
        </Space>
      </>
    );
  };

  return (
    <PublicFrame>
      <Card className="login-card">
        <Typography.Title level={1} className="login-heading">
          {t('qr.approveHeading')}
        </Typography.Title>
        {body()}
      </Card>
    </PublicFrame>
  );
}
