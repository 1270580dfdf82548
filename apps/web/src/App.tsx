/** Providers (i18n, antd theme and locale, TanStack Query) and the routes. */
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhTW from 'antd/locale/zh_TW';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { BrowserRouter } from 'react-router';
import { ApiError, setUnauthorizedHandler } from './api/client.ts';
import { meKey } from './api/me.ts';
import { I18nProvider, useI18n } from './i18n/index.tsx';
import { AppRoutes } from './routes.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refused or missing resource will not change by asking again.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/**
 * WCAG AA: darker primary and secondary text than antd's defaults (4.5:1 on white), also under
 * the pointer and while pressed (antd's derived hover shades are lighter and fall below 4.5:1).
 */
const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorError: '#c41d1d',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Noto Sans TC', 'Noto Sans CJK TC', 'Microsoft JhengHei', 'PingFang TC', sans-serif",
  },
  components: {
    Layout: { headerBg: '#0b3a75', headerPadding: '0 16px', footerBg: '#f0f2f5' },
  },
};

/** Any 401 outside sign-in means the session ended: forget it, and the route guard sends the user to /login. */
function SessionExpiryBridge() {
  const qc = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler(() => qc.setQueryData(meKey, null));
    return () => setUnauthorizedHandler(null);
  }, [qc]);
  return null;
}

function Themed() {
  const { locale } = useI18n();
  return (
    // antd would put a space inside two-character Chinese button labels (登 入), which changes their accessible names.
    <ConfigProvider locale={locale === 'en' ? enUS : zhTW} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <SessionExpiryBridge />
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
