/** ACC-1 CSV 匯入: a template to start from, upload with progress, and the per-row report. */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { ImportReport } from '@menhu/contracts';
import { useImportOrgs } from '../../../api/orgs.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { downloadTemplate } from './csv-template.ts';
import { ImportReportView } from './ImportReportView.tsx';

export function OrgImportCard() {
  const { t, locale } = useI18n();
  const importOrgs = useImportOrgs();
  const [percent, setPercent] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);

  const send = async (file: File) => {
    setReport(null);
    setPercent(0);
    try {
      setReport(await importOrgs.mutateAsync({ file, onProgress: setPercent }));
    } catch {
      // shown by ErrorAlert
    } finally {
      setPercent(null);
    }
  };

  return (
    <Card
      title={<h2 className="card-title">{t('orgs.import')}</h2>}
      extra={
        <Button icon={<DownloadOutlined aria-hidden />} onClick={() => downloadTemplate(locale)}>
          {t('orgs.template')}
        </Button>
      }
    >
      <Typography.Paragraph>{t('orgs.importHelp')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".csv,text/csv"
        showUploadList={false}
        disabled={importOrgs.isPending}
        beforeUpload={(file) => {
          void send(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined aria-hidden />
        </p>
        <p className="ant-upload-text">{t('orgs.importDrop')}</p>
      </Upload.Dragger>
      {percent !== null && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Typography.Text>{percent < 100 ? t('orgs.uploading') : t('orgs.processing')}</Typography.Text>
          <Progress percent={percent} status="active" aria-label={t('orgs.uploading')} />
        </Space>
      )}
      <div style={{ marginTop: 12 }}>
        <ErrorAlert error={importOrgs.error} />
      </div>
      {report && <ImportReportView report={report} />}
    </Card>
  );
}
