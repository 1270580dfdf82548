import { Layout } from 'antd';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../layout/LanguageSwitch.tsx';
import { useI18n } from '../../i18n/index.tsx';

/** The frame of pages seen before sign-in completes: brand, language, the content in <main>. */
export function PublicFrame({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Layout className="public-layout">
      <a href="#main" className="skip-link">
        {t('a11y.skipToMain')}
      </a>
      <Layout.Header className="app-header">
        <span className="brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t('app.name')}</span>
        </span>
        <div className="header-right">
          <LanguageSwitch ghost />
        </div>
      </Layout.Header>
      <Layout.Content id="main" tabIndex={-1} className="public-main">
        {children}
      </Layout.Content>
      <Layout.Footer className="app-footer">{t('app.footer')}</Layout.Footer>
    </Layout>
  );
}
