import {
  AccountBookOutlined,
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  BlockOutlined,
  CarryOutOutlined,
  ContactsOutlined,
  DatabaseOutlined,
  ExceptionOutlined,
  ImportOutlined,
  InboxOutlined,
  SwapOutlined,
  TagsOutlined,
  DashboardOutlined,
  FileTextOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  ShopOutlined,
  TeamOutlined,
  ShoppingCartOutlined,
  FieldTimeOutlined,
  SettingOutlined,
  SolutionOutlined,
  ReconciliationOutlined,
  ProfileOutlined,
  RiseOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Dropdown, Flex, Layout, Menu, Segmented, Select, Tooltip, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { currentLanguage, setLanguage, type Language } from '../i18n';
import { asSalesT } from '../i18n/sales';
import { asReportsT } from '../i18n/reports';
import { asAnalyticsT } from '../i18n/analytics';
import { asJournalT } from '../i18n/journal';
import { asPostingRulesT } from '../i18n/posting-rules';
import { asAccountsT } from '../i18n/accounts';
import { asProductAnalyticsT } from '../i18n/product-analytics';
import { asReconciliationT } from '../i18n/reconciliation';
import { asVariantsT } from '../i18n/variants';
import { useMe, useSession } from '../session/session';
import { PageLoading } from '../components/PageLoading';
import { SIDER_BG } from '../theme';

const { Header, Sider, Content } = Layout;

interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** Any one of these permissions shows the item. */
  anyOf: string[];
}

export function navItems(t: ReturnType<typeof useTranslation>['t']): { group?: string; items: NavItem[] }[] {
  return [
    { items: [{ path: '/', label: t('nav.overview'), icon: <DashboardOutlined />, anyOf: [] }] },
    {
      group: t('nav.groupCatalog'),
      items: [
        { path: '/products', label: t('nav.products'), icon: <AppstoreOutlined />, anyOf: ['products.read'] },
        { path: '/categories', label: t('nav.categories'), icon: <ApartmentOutlined />, anyOf: ['products.read'] },
        { path: '/variant-templates', label: asVariantsT(t)('variantsNav.templates'), icon: <BlockOutlined />, anyOf: ['products.read'] },
        { path: '/price-changes', label: t('nav.priceChanges'), icon: <TagsOutlined />, anyOf: ['catalog.manage'] },
        { path: '/suppliers', label: t('nav.suppliers'), icon: <ContactsOutlined />, anyOf: ['stock.read'] },
        { path: '/import', label: t('nav.import'), icon: <ImportOutlined />, anyOf: ['import.run'] },
      ],
    },
    {
      group: t('nav.groupStock'),
      items: [
        { path: '/stock', label: t('nav.stock'), icon: <DatabaseOutlined />, anyOf: ['stock.read'] },
        { path: '/receipts', label: t('nav.receipts'), icon: <InboxOutlined />, anyOf: ['documents.read'] },
        { path: '/transfers', label: t('nav.transfers'), icon: <SwapOutlined />, anyOf: ['stock.read'] },
        { path: '/stocktakes', label: t('nav.stocktakes'), icon: <CarryOutOutlined />, anyOf: ['stocktake.count'] },
        { path: '/write-offs', label: t('nav.writeOffs'), icon: <ExceptionOutlined />, anyOf: ['documents.read'] },
      ],
    },
    {
      group: asSalesT(t)('salesNav.group'),
      items: [
        { path: '/sales', label: asSalesT(t)('salesNav.sales'), icon: <ShoppingCartOutlined />, anyOf: ['sales.read'] },
        { path: '/shifts', label: asSalesT(t)('salesNav.shifts'), icon: <FieldTimeOutlined />, anyOf: ['shifts.read'] },
      ],
    },
    {
      group: asReportsT(t)('reportsNav.group'),
      items: [
        { path: '/reports', label: asReportsT(t)('reportsNav.reports'), icon: <AccountBookOutlined />, anyOf: ['reports.read'] },
        { path: '/analytics', label: asAnalyticsT(t)('analyticsNav.sales'), icon: <BarChartOutlined />, anyOf: ['reports.read'] },
        { path: '/product-analytics', label: asProductAnalyticsT(t)('productAnalyticsNav.page'), icon: <RiseOutlined />, anyOf: ['reports.read'] },
        { path: '/journal', label: asJournalT(t)('journalNav.entries'), icon: <SolutionOutlined />, anyOf: ['journal.read'] },
        { path: '/reconciliation', label: asReconciliationT(t)('reconciliationNav.page'), icon: <ReconciliationOutlined />, anyOf: ['journal.read'] },
        { path: '/accounts', label: asAccountsT(t)('accountsNav.chart'), icon: <ProfileOutlined />, anyOf: ['accounts.read'] },
        { path: '/posting-rules', label: asPostingRulesT(t)('postingRulesNav.rules'), icon: <AccountBookOutlined />, anyOf: ['accounts.read'] },
      ],
    },
    {
      group: t('nav.groupRecords'),
      items: [
        { path: '/documents', label: t('nav.documents'), icon: <FileTextOutlined />, anyOf: ['documents.read'] },
        { path: '/audit', label: t('nav.audit'), icon: <AuditOutlined />, anyOf: ['audit.read'] },
      ],
    },
    {
      group: t('nav.groupSettings'),
      items: [
        { path: '/stores', label: t('nav.stores'), icon: <ShopOutlined />, anyOf: ['stores.read', 'stores.manage'] },
        { path: '/users', label: t('nav.users'), icon: <TeamOutlined />, anyOf: ['users.manage'] },
        { path: '/settings', label: asSalesT(t)('salesNav.settings'), icon: <SettingOutlined />, anyOf: ['stores.read'] },
      ],
    },
  ];
}

function Brand({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" gap={10} style={{ height: 64, padding: collapsed ? '0 22px' : '0 20px', overflow: 'hidden' }}>
      <div
        aria-hidden
        style={{
          flex: '0 0 auto',
          width: 34,
          height: 34,
          borderRadius: 8,
          background: 'linear-gradient(135deg, #14b8a6 0%, #0f766e 100%)',
          color: '#fff',
          fontWeight: 700,
          fontSize: 18,
          display: 'grid',
          placeItems: 'center',
        }}
      >
        仓
      </div>
      {collapsed ? null : (
        <div style={{ lineHeight: 1.15, whiteSpace: 'nowrap' }}>
          <div style={{ color: '#fff', fontWeight: 600, fontSize: 16 }}>{t('common.productName')}</div>
          <div style={{ color: 'rgba(255,255,255,0.55)', fontSize: 12 }}>{t('common.productNameLatin')}</div>
        </div>
      )}
    </Flex>
  );
}

export function OfficeLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();

  const groups = navItems(t)
    .map((group) => ({ ...group, items: group.items.filter((item) => item.anyOf.length === 0 || item.anyOf.some(session.can)) }))
    .filter((group) => group.items.length > 0);

  type MenuItem = NonNullable<MenuProps['items']>[number];
  const toMenuItem = (item: NavItem): MenuItem => ({ key: item.path, icon: item.icon, label: item.label });
  const menuItems: MenuItem[] = groups.flatMap((group, index): MenuItem[] =>
    group.group
      ? [{ type: 'group' as const, key: `group-${index}`, label: group.group, children: group.items.map(toMenuItem) }]
      : group.items.map(toMenuItem),
  );

  const firstSegment = `/${location.pathname.split('/').filter(Boolean)[0] ?? ''}`;

  const userMenu: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div style={{ minWidth: 180 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('header.signedInAs')}
          </Typography.Text>
          <div style={{ color: token.colorText }}>
            {me.displayName} <Typography.Text type="secondary">@{me.username}</Typography.Text>
          </div>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('header.logout')}</span> },
  ];

  const onUserMenu: MenuProps['onClick'] = async ({ key }) => {
    if (key === 'logout') {
      await session.logout();
      navigate('/login', { replace: true });
    }
  };

  return (
    <Layout hasSider style={{ minHeight: '100vh' }}>
      {/* The column paints the navigation colour down the whole page; the Sider inside stays put while content scrolls. */}
      <div style={{ flex: '0 0 auto', background: SIDER_BG }}>
        <Sider
          collapsible
          collapsed={collapsed}
          trigger={null}
          width={224}
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <Brand collapsed={collapsed} />
          <Menu
            theme="dark"
            mode="inline"
            data-testid="nav"
            selectedKeys={[firstSegment]}
            items={menuItems}
            onClick={({ key }) => navigate(key)}
          />
        </Sider>
      </div>
      <Layout>
        <Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            display: 'flex',
            alignItems: 'center',
            gap: 16,
            padding: '0 24px 0 12px',
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Tooltip title={collapsed ? t('header.expand') : t('header.collapse')}>
            <Button
              type="text"
              aria-label={collapsed ? t('header.expand') : t('header.collapse')}
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed((value) => !value)}
            />
          </Tooltip>
          <Flex align="center" gap={8} style={{ minWidth: 0 }}>
            <ShopOutlined style={{ color: token.colorTextSecondary }} />
            {me.stores.length > 1 ? (
              <Select
                variant="borderless"
                aria-label={t('header.currentStore')}
                data-testid="store-switch"
                value={session.currentStore?.id}
                onChange={session.setCurrentStoreId}
                popupMatchSelectWidth={false}
                options={me.stores.map((store) => ({ value: store.id, label: store.name }))}
                style={{ minWidth: 160 }}
              />
            ) : (
              <Typography.Text strong data-testid="store-name">
                {session.currentStore?.name ?? t('header.noStore')}
              </Typography.Text>
            )}
          </Flex>
          <div style={{ flex: 1 }} />
          <Segmented<Language>
            size="small"
            aria-label={t('header.language')}
            data-testid="lang-switch"
            value={currentLanguage()}
            onChange={setLanguage}
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'EN' },
            ]}
          />
          <Dropdown menu={{ items: userMenu, onClick: onUserMenu }} trigger={['click']} placement="bottomRight">
            <Button type="text" data-testid="user-menu" style={{ height: 40, paddingInline: 8 }}>
              <Flex align="center" gap={8}>
                <Avatar size="small" style={{ background: token.colorPrimary }}>
                  {me.displayName.slice(0, 1).toUpperCase()}
                </Avatar>
                <span>{me.displayName}</span>
              </Flex>
            </Button>
          </Dropdown>
        </Header>
        <Content style={{ padding: 24 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
