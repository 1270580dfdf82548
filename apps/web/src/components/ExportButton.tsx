/** X-2 匯出: one button for every export — shows progress while the file is prepared, and errors. */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { errorMessage } from '../lib/errors.ts';

export function ExportButton({ onExport, ariaLabel }: { onExport: () => Promise<void>; ariaLabel?: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await onExport();
    } catch (err) {
      void message.error(errorMessage(err, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined aria-hidden />} onClick={run} loading={busy} aria-label={ariaLabel}>
      {t('common.export')}
    </Button>
  );
}
