/** SSO-11 登入裝置: active sessions, each but the current one can be signed out remotely. */
import { App, Button, Popconfirm, type TableColumnsType } from 'antd';
import type { Session } from '@menhu/contracts';
import { useRevokeSession, useSessions } from '../../api/me.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SolidTag } from '../../components/Tags.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { loginMethodLabel } from '../../lib/login-method.ts';
import { describeUserAgent } from '../../lib/user-agent.ts';
import { DataTable } from '../../components/DataTable.tsx';

export function SessionsTab() {
  const { t, label, date } = useI18n();
  const { message } = App.useApp();
  const { data, isFetching, error } = useSessions();
  const revoke = useRevokeSession();

  const signOut = async (id: string) => {
    try {
      await revoke.mutateAsync(id);
      void message.success(t('sessions.revoked'));
    } catch (err) {
      void message.error(errorMessage(err, t('error.unexpected')));
    }
  };

  const columns: TableColumnsType<Session> = [
    {
      title: t('sessions.device'),
      dataIndex: 'userAgent',
      render: (ua: string | null, s) => (
        <>
          {describeUserAgent(ua) || t('sessions.unknownDevice')}{' '}
          {s.current && <SolidTag color="blue">{t('sessions.current')}</SolidTag>}
        </>
      ),
    },
    { title: 'IP', dataIndex: 'ip', render: (v: string | null) => v ?? '' },
    {
      title: t('records.method'),
      dataIndex: 'method',
      render: (m: string) => loginMethodLabel({ t, label }, m),
    },
    { title: t('sessions.createdAt'), dataIndex: 'createdAt', render: (v: string) => date(v) },
    { title: t('sessions.lastSeenAt'), dataIndex: 'lastSeenAt', render: (v: string) => date(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, s) =>
        s.current ? null : (
          <Popconfirm title={t('sessions.confirmRevoke')} onConfirm={() => signOut(s.id)}>
            <Button size="small" aria-label={t('sessions.revokeNamed', { device: describeUserAgent(s.userAgent) })}>
              {t('sessions.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <ErrorAlert error={error} />
      <DataTable<Session>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data}
        loading={isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        label={t('me.tab.sessions')}
      />
    </>
  );
}
