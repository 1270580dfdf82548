/** SSO-8 live checklist, driven by the same checkPassword() the server enforces. */
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Typography } from 'antd';
import { checkPassword, PASSWORD_HISTORY, PASSWORD_RULE_TEXT } from '@menhu/contracts';
import { useI18n } from '../i18n/index.tsx';
import { TAG_COLORS } from './Tags.tsx';

export function PasswordChecklist({ password, account, id }: { password: string; account: string; id?: string }) {
  const { t, label } = useI18n();
  const checks = checkPassword(password, account);
  return (
    <div id={id} className="password-checklist">
      <ul aria-label={t('password.rules')}>
        {checks.map((c) => (
          <li key={c.rule} style={{ color: c.ok ? TAG_COLORS.green : TAG_COLORS.red }}>
            {c.ok ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />}{' '}
            <span className="visually-hidden">{c.ok ? t('password.ruleMet') : t('password.ruleNotMet')}</span>
            {label(PASSWORD_RULE_TEXT[c.rule])}
          </li>
        ))}
      </ul>
      <Typography.Text type="secondary">{t('password.historyNote', { n: PASSWORD_HISTORY })}</Typography.Text>
    </div>
  );
}
