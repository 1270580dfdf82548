import { Spin } from 'antd';
import { useI18n } from '../i18n/index.tsx';

export function FullPageSpin() {
  const { t } = useI18n();
  return (
    <div className="full-page-spin" role="status">
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}
