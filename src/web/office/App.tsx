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
const ProductsPage = lazy(() => import('./pages/catalog/ProductsPage'));
const CategoriesPage = lazy(() => import('./pages/catalog/CategoriesPage'));
const VariantTemplatesPage = lazy(() => import('./pages/catalog/VariantTemplatesPage'));
const SuppliersPage = lazy(() => import('./pages/catalog/SuppliersPage'));
const PriceChangesPage = lazy(() => import('./pages/catalog/PriceChangesPage'));
const ImportPage = lazy(() => import('./pages/catalog/ImportPage'));
const StockPage = lazy(() => import('./pages/stock/StockPage'));
const StockCardPage = lazy(() => import('./pages/stock/StockCardPage'));
const ReceiptsPage = lazy(() => import('./pages/stock-docs/ReceiptsPage'));
const WriteOffsPage = lazy(() => import('./pages/stock-docs/WriteOffsPage'));
const TransfersPage = lazy(() => import('./pages/stock-docs/TransfersPage'));
const StocktakesPage = lazy(() => import('./pages/stock-docs/StocktakesPage'));
const StocktakeDetailPage = lazy(() => import('./pages/stock-docs/StocktakeDetailPage'));
const MobileStocktakePage = lazy(() => import('./pages/stock-docs/MobileStocktakePage'));
const SalesPage = lazy(() => import('./pages/sales/SalesPage'));
const ShiftsPage = lazy(() => import('./pages/sales/ShiftsPage'));
const SettingsPage = lazy(() => import('./pages/sales/SettingsPage'));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage'));
const SalesAnalyticsPage = lazy(() => import('./pages/analytics/SalesAnalyticsPage'));
const JournalPage = lazy(() => import('./pages/journal/JournalPage'));
const PostingRulesPage = lazy(() => import('./pages/reports/PostingRulesPage'));
const ReconciliationPage = lazy(() => import('./pages/reconciliation/ReconciliationPage'));
const ChartOfAccountsPage = lazy(() => import('./pages/accounts/ChartOfAccountsPage'));
const ProductAnalyticsPage = lazy(() => import('./pages/analytics/ProductAnalyticsPage'));

/** Sales journal, shifts and day close, checkout settings. */
const SALES_ROUTES: { path: string; page: ReactNode; anyOf: string[] }[] = [
  { path: 'sales', page: <SalesPage />, anyOf: ['sales.read'] },
  { path: 'shifts', page: <ShiftsPage />, anyOf: ['shifts.read'] },
  { path: 'settings', page: <SettingsPage />, anyOf: ['stores.read'] },
];

/** Catalog and stock screens: path, page, and the permissions any one of which opens it. */
const INVENTORY_ROUTES: { path: string; page: ReactNode; anyOf: string[] }[] = [
  { path: 'products', page: <ProductsPage />, anyOf: ['products.read'] },
  { path: 'categories', page: <CategoriesPage />, anyOf: ['products.read'] },
  { path: 'variant-templates', page: <VariantTemplatesPage />, anyOf: ['products.read'] },
  { path: 'suppliers', page: <SuppliersPage />, anyOf: ['stock.read'] },
  { path: 'price-changes', page: <PriceChangesPage />, anyOf: ['catalog.manage'] },
  { path: 'import', page: <ImportPage />, anyOf: ['import.run'] },
  { path: 'stock', page: <StockPage />, anyOf: ['stock.read'] },
  { path: 'stock/card/:productId', page: <StockCardPage />, anyOf: ['stock.read'] },
  { path: 'receipts', page: <ReceiptsPage />, anyOf: ['documents.read'] },
  { path: 'write-offs', page: <WriteOffsPage />, anyOf: ['documents.read'] },
  { path: 'transfers', page: <TransfersPage />, anyOf: ['stock.read'] },
  { path: 'stocktakes', page: <StocktakesPage />, anyOf: ['stocktake.count'] },
  { path: 'stocktakes/:id', page: <StocktakeDetailPage />, anyOf: ['stocktake.count'] },
];

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
                {INVENTORY_ROUTES.map(({ path, page, anyOf }) => (
                  <Route key={path} path={path} element={<RequirePermission anyOf={anyOf}>{page}</RequirePermission>} />
                ))}
                {SALES_ROUTES.map(({ path, page, anyOf }) => (
                  <Route key={path} path={path} element={<RequirePermission anyOf={anyOf}>{page}</RequirePermission>} />
                ))}
                <Route
                  path="reports"
                  element={
                    <RequirePermission anyOf={['reports.read']}>
                      <ReportsPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="analytics"
                  element={
                    <RequirePermission anyOf={['reports.read']}>
                      <SalesAnalyticsPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="journal"
                  element={
                    <RequirePermission anyOf={['journal.read']}>
                      <JournalPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="reconciliation"
                  element={
                    <RequirePermission anyOf={['journal.read']}>
                      <ReconciliationPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="posting-rules"
                  element={
                    <RequirePermission anyOf={['accounts.read']}>
                      <PostingRulesPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="product-analytics"
                  element={
                    <RequirePermission anyOf={['reports.read']}>
                      <ProductAnalyticsPage />
                    </RequirePermission>
                  }
                />
                <Route
                  path="accounts"
                  element={
                    <RequirePermission anyOf={['accounts.read']}>
                      <ChartOfAccountsPage />
                    </RequirePermission>
                  }
                />
                <Route path="*" element={<NotFound />} />
              </Route>
              {/* The phone counting screen has no sidebar: it is used on a 360 px PDA. */}
              <Route
                path="/m/stocktake/:id"
                element={
                  <RequireSession>
                    <RequirePermission anyOf={['stocktake.count']}>
                      <MobileStocktakePage />
                    </RequirePermission>
                  </RequireSession>
                }
              />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </SessionProvider>
    </LocalizedShell>
  );
}
