import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../i18n/index.tsx';

/** Offers the other language, named in that language (WCAG 3.1.2 lang of parts). */
export function LanguageSwitch({ ghost, block }: { ghost?: boolean; block?: boolean }) {
  const { locale, setLocale } = useI18n();
  const other = locale === 'en' ? 'zh-TW' : 'en';
  return (
    <Button
      ghost={ghost}
      block={block}
      icon={<GlobalOutlined aria-hidden />}
      lang={other === 'en' ? 'en' : 'zh-Hant-TW'}
      onClick={() => setLocale(other)}
    >
      {other === 'en' ? 'English' : '中文'}
    </Button>
  );
}
