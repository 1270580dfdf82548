import { lazy, Suspense } from 'react';
import { FullPageSpin } from './components/FullPageSpin.tsx';
import { Route, Routes } from 'react-router';
import { RequireAuth, RequireRole } from './components/RequireAuth.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { isAdmin, isSystemAdmin } from './lib/roles.ts';
import { HomePage } from './pages/home/HomePage.tsx';
import { LoginPage } from './pages/login/LoginPage.tsx';
import { ActivatePage, ForgotPasswordPage } from './pages/recovery/RecoveryPage.tsx';
import { AgencyAdminsPage } from './pages/agency-admins/AgencyAdminsPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

// Admin and self-service pages load on demand; sign-in and home are in the first chunk.
const MePage = lazy(() => import('./pages/me/MePage.tsx'));
const AccountsPage = lazy(() => import('./pages/admin/accounts/AccountsPage.tsx'));
const AccountDetailPage = lazy(() => import('./pages/admin/accounts/AccountDetailPage.tsx'));
const LoginRecordsPage = lazy(() => import('./pages/admin/login-records/LoginRecordsPage.tsx'));
const OrgsPage = lazy(() => import('./pages/admin/orgs/OrgsPage.tsx'));
const AuditPage = lazy(() => import('./pages/admin/audit/AuditPage.tsx'));
const SystemsPage = lazy(() => import('./pages/launcher/SystemsPage.tsx'));
const LauncherAdminPage = lazy(() => import('./pages/admin/launcher/LauncherAdminPage.tsx'));
const IntegrationsPage = lazy(() => import('./pages/integrations/IntegrationsPage.tsx'));
const AppDetailPage = lazy(() => import('./pages/integrations/AppDetailPage.tsx'));
const StatsPage = lazy(() => import('./pages/integrations/StatsPage.tsx'));
const SmsMessagesPage = lazy(() => import('./pages/admin/sms/SmsMessagesPage.tsx'));
const IntegrationReviewPage = lazy(() => import('./pages/admin/integrations/IntegrationReviewPage.tsx'));
// 手機掃碼登入 on the phone: binding (signed in) and approving a desktop's challenge (no session).
const MobileDevicePage = lazy(() => import('./pages/mobile/MobileDevicePage.tsx'));
const MobileApprovePage = lazy(() => import('./pages/mobile/MobileApprovePage.tsx'));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/activate" element={<ActivatePage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/agency-admins" element={<AgencyAdminsPage />} />
      <Route
        path="/m/approve"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <MobileApprovePage />
          </Suspense>
        }
      />
      <Route element={<RequireAuth />}>
        <Route
          path="m/device"
          element={
            <Suspense fallback={<FullPageSpin />}>
              <MobileDevicePage />
            </Suspense>
          }
        />
        <Route element={<AppLayout />}>
          <Route index element={<HomePage />} />
          <Route path="me" element={<MePage />} />
          <Route path="systems" element={<SystemsPage />} />
          <Route path="integrations" element={<IntegrationsPage />} />
          <Route path="integrations/:id" element={<AppDetailPage />} />
          <Route path="integrations/:id/stats" element={<StatsPage />} />
          <Route path="admin">
            <Route
              path="accounts"
              element={
                <RequireRole allow={isAdmin}>
                  <AccountsPage />
                </RequireRole>
              }
            />
            <Route
              path="accounts/:id"
              element={
                <RequireRole allow={isAdmin}>
                  <AccountDetailPage />
                </RequireRole>
              }
            />
            <Route
              path="login-records"
              element={
                <RequireRole allow={isAdmin}>
                  <LoginRecordsPage />
                </RequireRole>
              }
            />
            <Route
              path="sms-messages"
              element={
                <RequireRole allow={isSystemAdmin}>
                  <SmsMessagesPage />
                </RequireRole>
              }
            />
            <Route
              path="orgs"
              element={
                <RequireRole allow={isSystemAdmin}>
                  <OrgsPage />
                </RequireRole>
              }
            />
            <Route
              path="audit"
              element={
                <RequireRole allow={isSystemAdmin}>
                  <AuditPage />
                </RequireRole>
              }
            />
            <Route
              path="launcher"
              element={
                <RequireRole allow={isSystemAdmin}>
                  <LauncherAdminPage />
                </RequireRole>
              }
            />
            <Route
              path="integrations"
              element={
                <RequireRole allow={isSystemAdmin}>
                  <IntegrationReviewPage />
                </RequireRole>
              }
            />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
