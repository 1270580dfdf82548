/** 個人圖像: choose a PNG, JPEG or WebP up to 1 MB, preview it, then upload. */
import { UploadOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Card, Space, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useAvatarUrl, useMe, useUploadAvatar } from '../../api/me.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';

const TYPES = ['image/png', 'image/jpeg', 'image/webp'];
const MAX_BYTES = 1_048_576;

export function AvatarCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const current = useAvatarUrl();
  const upload = useUploadAvatar();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);

  useEffect(() => {
    if (!file) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const choose = (f: File) => {
    if (!TYPES.includes(f.type)) void message.error(t('avatar.badType'));
    else if (f.size > MAX_BYTES) void message.error(t('avatar.tooLarge'));
    else setFile(f);
    return false; // never let antd upload by itself
  };

  const save = async () => {
    if (!file) return;
    try {
      await upload.mutateAsync(file);
      setFile(null);
      void message.success(t('avatar.saved'));
    } catch {
      // shown by ErrorAlert
    }
  };

  const src = preview ?? current;
  return (
    <Card title={<h2 className="card-title">{t('avatar.title')}</h2>}>
      <Space orientation="vertical" align="center" style={{ width: '100%' }}>
        <Avatar
          size={120}
          className="big-avatar"
          src={src ?? undefined}
          alt={src ? t('avatar.alt', { name: me?.name ?? '' }) : undefined}
        >
          {me?.name.slice(0, 1)}
        </Avatar>
        {preview && <Typography.Text>{t('avatar.previewNote')}</Typography.Text>}
        <ErrorAlert error={upload.error} />
        {file ? (
          <Space wrap>
            <Button type="primary" onClick={save} loading={upload.isPending}>
              {t('avatar.upload')}
            </Button>
            <Button onClick={() => setFile(null)}>{t('common.cancel')}</Button>
          </Space>
        ) : (
          <Upload accept={TYPES.join(',')} showUploadList={false} beforeUpload={choose} maxCount={1}>
            <Button icon={<UploadOutlined aria-hidden />}>{t('avatar.choose')}</Button>
          </Upload>
        )}
        <Typography.Text type="secondary">{t('avatar.hint')}</Typography.Text>
      </Space>
    </Card>
  );
}
