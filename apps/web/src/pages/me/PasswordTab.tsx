import { App, Typography } from 'antd';
import { useMe } from '../../api/me.ts';
import { ChangePasswordForm } from '../../components/ChangePasswordForm.tsx';
import { useI18n } from '../../i18n/index.tsx';

export function PasswordTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <>
      <Typography.Title level={2} className="section-title">
        {t('me.tab.password')}
      </Typography.Title>
      <Typography.Paragraph>{t('password.syncNote')}</Typography.Paragraph>
      <ChangePasswordForm account={me.account} onDone={() => void message.success(t('password.changed'))} />
    </>
  );
}
