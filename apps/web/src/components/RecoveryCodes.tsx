/** SSO-5 recovery codes, shown once after binding: copy, download as .txt, then continue. */
import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space, Typography } from 'antd';
import { useI18n } from '../i18n/index.tsx';

function saveText(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function RecoveryCodes({ account, codes, onDone }: { account: string; codes: string[]; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const text = `${t('totp.fileHeader', { account })}\n\n${codes.join('\n')}\n`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      void message.success(t('otp.copied'));
    } catch {
      void message.error(t('totp.copyFailed'));
    }
  };

  return (
    <div>
      <Alert
        type="warning"
        showIcon
        title={t('totp.recoveryNotice')}
        description={t('totp.recoveryDetail')}
        style={{ marginBottom: 16 }}
      />
      <Typography.Text strong id="recovery-codes-label">
        {t('totp.recoveryList', { n: codes.length })}
      </Typography.Text>
      <ol className="recovery-codes" aria-labelledby="recovery-codes-label">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button icon={<CopyOutlined aria-hidden />} onClick={() => void copy()}>
          {t('totp.copyAll')}
        </Button>
        <Button
          icon={<DownloadOutlined aria-hidden />}
          onClick={() => saveText(`menhu-recovery-codes-${account}.txt`, text)}
        >
          {t('totp.download')}
        </Button>
      </Space>
      <Button type="primary" block size="large" onClick={onDone}>
        {t('totp.continue')}
      </Button>
    </div>
  );
}
