/** The button row under every filter form: 查詢 (submits the form) and 清除條件. */
import { Button, Space } from 'antd';
import { useI18n } from '../i18n/index.tsx';

export function FilterActions({ onClear }: { onClear: () => void }) {
  const { t } = useI18n();
  return (
    <Space wrap>
      <Button type="primary" htmlType="submit">
        {t('common.search')}
      </Button>
      <Button onClick={onClear}>{t('common.clear')}</Button>
    </Space>
  );
}
