import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Forbidden, NotFound } from './components/StatusPages';
import { PageLoading } from './components/PageLoading';
import { OfficeLayout } from './layout/OfficeLayout';
import { LoginPage } from './pages/LoginPage';
import { SessionProvider, useSession } from './session/session';
import { officeTheme } from './theme';

const OverviewPage = lazy(() => import('./pages/OverviewPage'));
const UsersPage = lazy(() => import('./pages/UsersPage'));
const StoresPage = lazy(() => import('./pages/StoresPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const DocumentsPage = lazy(() => import('./pages/DocumentsPage'));

function RequireSession({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <PageLoading />;
  if (me === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

function RequirePermission({ anyOf, children }: { anyOf: string[]; children: ReactNode }) {
  const { can } = useSession();
  return anyOf.some(can) ? children : <Forbidden />;
}

function LocalizedShell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  useEffect(() => {
    dayjs.locale(english ? 'en' : 'zh-cn');
    document.title = t('common.documentTitle');
  }, [english, t]);
  return (
    <ConfigProvider locale={english ? enUS : zhCN} theme={officeTheme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function OfficeApp() {
  return (
    <LocalizedShell>
      <SessionProvider>
        <BrowserRouter basename="/office">
          <Suspense fallback={<PageLoading />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route
                element={
                  <RequireSession>
                    <OfficeLayout />
                  </RequireSession>
                }
              >
                <Route index element={<OverviewPage />} />
                <Route
                  path="users"
                  element={
                    <RequirePermission anyOf={['users.manage']}>
                      <UsersPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="stores"
                  element={
                    <RequirePermission anyOf={['stores.read', 'stores.manage']}>
                      <StoresPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="audit"
                  element={
                    <RequirePermission anyOf={['audit.read']}>
                      <AuditPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="documents"
                  element={
                    <RequirePermission anyOf={['documents.read']}>
                      <DocumentsPage />
                    </RequirePermission>
                  }
                />
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </SessionProvider>
    </LocalizedShell>
  );
}
