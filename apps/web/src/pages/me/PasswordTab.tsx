import { App, Card, Typography } from 'antd';
import { useMe } from '../../api/me.ts';
import { ChangePasswordForm } from '../../components/ChangePasswordForm.tsx';
import { useI18n } from '../../i18n/index.tsx';

export function PasswordTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <Card title={<h2 className="card-title">{t('me.tab.password')}</h2>}>
      <Typography.Paragraph>{t('password.syncNote')}</Typography.Paragraph>
      <ChangePasswordForm account={me.account} onDone={() => void message.success(t('password.changed'))} />
    </Card>
  );
}
