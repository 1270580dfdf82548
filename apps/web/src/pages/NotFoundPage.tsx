import { Result } from 'antd';
import { Link } from 'react-router';
import { useI18n, usePageTitle } from '../i18n/index.tsx';

export function NotFoundPage() {
  usePageTitle('error.notFoundTitle');
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={<h1 className="result-title">{t('error.notFoundTitle')}</h1>}
      extra={<Link to="/">{t('error.backHome')}</Link>}
    />
  );
}
