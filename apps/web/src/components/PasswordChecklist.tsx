/** SSO-8 live checklist, driven by the same checkPassword() the server enforces. */
import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { checkPassword, PASSWORD_HISTORY, PASSWORD_RULE_TEXT } from '@menhu/contracts';
import { useI18n } from '../i18n/index.tsx';
import { TAG_COLORS } from './Tags.tsx';

export function PasswordChecklist({ password, account }: { password: string; account: string }) {
  const { t, label } = useI18n();
  const checks = checkPassword(password, account);
  const empty = password.length === 0;
  return (
    <div className="password-checklist">
      <ul aria-label={t('password.rules')}>
        {checks.map((c) => {
          // Before anything is typed no rule is met or broken yet.
          const state = empty ? 'pending' : c.ok ? 'met' : 'notMet';
          const color = state === 'met' ? TAG_COLORS.green : state === 'notMet' ? TAG_COLORS.red : TAG_COLORS.grey;
          const Icon =
            state === 'met' ? CheckCircleFilled : state === 'notMet' ? CloseCircleFilled : MinusCircleOutlined;
          return (
            <li key={c.rule} style={{ color }}>
              <Icon aria-hidden />{' '}
              {state !== 'pending' && (
                <span className="visually-hidden">
                  {state === 'met' ? t('password.ruleMet') : t('password.ruleNotMet')}
                </span>
              )}
              {label(PASSWORD_RULE_TEXT[c.rule])}
            </li>
          );
        })}
      </ul>
      <Typography.Text type="secondary">{t('password.historyNote', { n: PASSWORD_HISTORY })}</Typography.Text>
    </div>
  );
}
