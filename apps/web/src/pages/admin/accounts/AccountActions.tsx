/**
 * ACC-4 actions on one account. Each asks first (確定), then shows the server's answer —
 * including refusals such as the last agency administrator (LC-4) or acting on oneself.
 */
import { Alert, App, Button, Space } from 'antd';
import { useState } from 'react';
import type { AccountDetail } from '@menhu/contracts';
import {
  useChangeRole,
  useChangeStatus,
  useForcePasswordChange,
  useResetPassword,
  useResetTotp,
  useRevokeSessions,
  useUnlock,
} from '../../../api/accounts.ts';
import { useMe } from '../../../api/me.ts';
import { OneTimePassword } from '../../../components/OneTimePassword.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { isSystemAdmin } from '../../../lib/roles.ts';

export function AccountActions({ account: a, onEdit }: { account: AccountDetail; onEdit: () => void }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const { data: me } = useMe();
  const [failure, setFailure] = useState<string | null>(null);
  const unlock = useUnlock(a.id);
  const reset = useResetPassword(a.id);
  const force = useForcePasswordChange(a.id);
  const status = useChangeStatus(a.id);
  const role = useChangeRole(a.id);
  const revoke = useRevokeSessions(a.id);
  const resetTotp = useResetTotp(a.id);

  /** Runs an action and reports the outcome; failures stay on the page until the next action. */
  const run = async <T,>(action: () => Promise<T>, done: (out: T) => void) => {
    setFailure(null);
    try {
      done(await action());
    } catch (err) {
      setFailure(errorMessage(err, t('error.unexpected')));
    }
  };

  const confirm = <T,>(question: MessageKey, action: () => Promise<T>, done: (out: T) => void) =>
    modal.confirm({
      title: t(question, { account: a.account, name: a.name }),
      onOk: () => run(action, done),
    });

  const saved = (key: MessageKey) => () => void message.success(t(key));
  const hasAgency = a.roles.includes('agency_admin');
  const hasSystem = a.roles.includes('system_admin');

  return (
    <>
      {failure && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={failure}
          style={{ marginBottom: 16 }}
          closable={{ onClose: () => setFailure(null), 'aria-label': t('common.close') }}
        />
      )}
      <Space wrap>
        <Button type="primary" onClick={onEdit}>
          {t('common.edit')}
        </Button>
        {a.locked && (
          <Button
            loading={unlock.isPending}
            onClick={() => run(() => unlock.mutateAsync(), saved('accounts.unlocked'))}
          >
            {t('accounts.unlock')}
          </Button>
        )}
        <Button
          onClick={() =>
            confirm(
              'accounts.confirmReset',
              () => reset.mutateAsync(),
              (r) =>
                modal.info({
                  title: t('accounts.resetDone'),
                  content: <OneTimePassword password={r.temporaryPassword} />,
                  width: 520,
                }),
            )
          }
        >
          {t('accounts.resetPassword')}
        </Button>
        <Button onClick={() => confirm('accounts.confirmForce', () => force.mutateAsync(), saved('accounts.forced'))}>
          {t('accounts.forcePasswordChange')}
        </Button>
        {a.status === 'active' ? (
          <Button
            danger
            onClick={() =>
              confirm('accounts.confirmDisable', () => status.mutateAsync('disabled'), saved('accounts.disabled'))
            }
          >
            {t('accounts.disable')}
          </Button>
        ) : (
          <Button
            onClick={() =>
              confirm('accounts.confirmEnable', () => status.mutateAsync('active'), saved('accounts.enabled'))
            }
          >
            {t('accounts.enable')}
          </Button>
        )}
        <Button
          onClick={() =>
            confirm(
              hasAgency ? 'accounts.confirmRevokeAgencyAdmin' : 'accounts.confirmGrantAgencyAdmin',
              () => role.mutateAsync({ role: 'agency_admin', granted: !hasAgency }),
              saved('accounts.rolesChanged'),
            )
          }
        >
          {hasAgency ? t('accounts.revokeAgencyAdmin') : t('accounts.grantAgencyAdmin')}
        </Button>
        {isSystemAdmin(me) && (
          <Button
            onClick={() =>
              confirm(
                hasSystem ? 'accounts.confirmRevokeSystemAdmin' : 'accounts.confirmGrantSystemAdmin',
                () => role.mutateAsync({ role: 'system_admin', granted: !hasSystem }),
                saved('accounts.rolesChanged'),
              )
            }
          >
            {hasSystem ? t('accounts.revokeSystemAdmin') : t('accounts.grantSystemAdmin')}
          </Button>
        )}
        <Button
          onClick={() =>
            confirm(
              'accounts.confirmRevokeSessions',
              () => revoke.mutateAsync(),
              (r) => void message.success(t('accounts.sessionsRevoked', { n: r.revoked })),
            )
          }
        >
          {t('accounts.revokeSessions')}
        </Button>
        <Button
          onClick={() =>
            confirm(
              'accounts.confirmResetTotp',
              () => resetTotp.mutateAsync(),
              () => void message.success(t('accounts.totpReset')),
            )
          }
        >
          {t('accounts.resetTotp')}
        </Button>
      </Space>
    </>
  );
}
