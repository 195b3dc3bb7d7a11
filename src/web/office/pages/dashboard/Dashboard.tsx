// 经营看板: the office home for managers and owners. One GET /dashboard answers everything shown;
// it is fetched again when the store or period changes, every 60 s, and on the refresh button.
import { AlertOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Empty, Flex, Row, Segmented, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Dashboard as DashboardData, DashboardAlerts, DashboardTopProduct } from '../../../../contracts/dashboard';
import { api } from '../../../shared/api';
import { formatMoney, formatQuantity } from '../../../shared/format';
import { EChart } from '../../components/EChart';
import { LoadError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { useRemote } from '../../components/useRemote';
import { useDashboardT, type DashboardT } from '../../i18n/dashboard';
import { useMe, useSession } from '../../session/session';
import { dailyOption, hourlyOption, storesOption } from './chartOptions';
import { KpiCards } from './KpiCards';
import { PRESETS, presetRange, type DateRange, type Preset } from './period';

const ALL = '';
const REFRESH_MS = 60_000;
const money = (fen: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(fen)}</span>;

function TopProducts({ items, t }: { items: DashboardTopProduct[]; t: DashboardT }) {
  const { can } = useSession();
  const columns: TableColumnsType<DashboardTopProduct> = [
    { title: t('dashboard.rank'), key: 'rank', width: 48, render: (_, __, i) => <Typography.Text type={i < 3 ? undefined : 'secondary'} strong={i < 3}>{i + 1}</Typography.Text> },
    {
      title: t('dashboard.product'),
      key: 'product',
      render: (_, p) => (
        <div style={{ minWidth: 0 }}>
          {can('stock.read') ? <Link to={`/stock/card/${p.productId}`}>{p.name}</Link> : <span>{p.name}</span>}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, fontFamily: 'monospace' }}>
            {p.sku}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('dashboard.qty'), dataIndex: 'qty', align: 'right', width: 90, render: (q: number) => formatQuantity(q) },
    { title: t('dashboard.netSales'), dataIndex: 'netSales', align: 'right', width: 120, render: money },
    { title: t('dashboard.grossProfit'), dataIndex: 'grossProfit', align: 'right', width: 120, render: money },
  ];
  return (
    <Table
      data-testid="top-products"
      rowKey="productId"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={items}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noSales')} /> }}
    />
  );
}

/** Counts of what needs a manager's attention, each opening the screen that lists it. */
function AlertsList({ alerts, storeId, t }: { alerts: DashboardAlerts; storeId: string; t: DashboardT }) {
  const { can, setCurrentStoreId } = useSession();
  const navigate = useNavigate();
  const rows: { key: keyof DashboardAlerts; to: string; allowed: boolean; color: string }[] = [
    { key: 'lowStock', to: '/stock?tab=alerts', allowed: can('stock.read'), color: '#d97706' },
    { key: 'nearExpiry', to: '/stock?tab=alerts', allowed: can('stock.read'), color: '#dc2626' },
    { key: 'negativeStock', to: '/stock?tab=alerts', allowed: can('stock.read'), color: '#dc2626' },
    { key: 'offlineReview', to: '/sales?tab=review', allowed: can('sales.review'), color: '#2563eb' },
  ];
  const open = (to: string) => {
    // Those screens show the header's current store: look at the store the dashboard shows.
    if (storeId) setCurrentStoreId(storeId);
    navigate(to);
  };
  return (
    <Flex vertical gap={8} data-testid="alerts-card">
      {rows.map(({ key, to, allowed, color }) => {
        const count = alerts[key];
        return (
          <Flex
            key={key}
            align="center"
            justify="space-between"
            data-testid={`alert-${key}`}
            onClick={allowed ? () => open(to) : undefined}
            style={{
              padding: '10px 14px',
              borderRadius: 8,
              border: '1px solid #f0f0f0',
              background: count > 0 ? '#fffbeb' : '#fafafa',
              cursor: allowed ? 'pointer' : 'default',
            }}
          >
            <Flex align="center" gap={10}>
              <span style={{ width: 8, height: 8, borderRadius: 4, background: count > 0 ? color : '#d9d9d9' }} />
              <span>{t(`dashboard.alerts.${key}`)}</span>
            </Flex>
            <Flex align="center" gap={8}>
              <Typography.Text strong data-testid={`alert-${key}-count`} style={{ fontSize: 18, color: count > 0 ? color : '#bfbfbf' }}>
                {count}
              </Typography.Text>
              {allowed ? <RightOutlined style={{ color: '#bfbfbf', fontSize: 12 }} /> : null}
            </Flex>
          </Flex>
        );
      })}
    </Flex>
  );
}

export default function Dashboard() {
  const t = useDashboardT();
  const me = useMe();
  const [storeId, setStoreId] = useState(ALL);
  const [preset, setPreset] = useState<Preset>('last7');
  // Presets count back from the store's business date, which the server tells us; until the
  // first answer the browser's date stands in (they differ only around midnight across zones).
  const [today, setToday] = useState(() => dayjs().format('YYYY-MM-DD'));
  const [custom, setCustom] = useState<DateRange>(() => presetRange('last30', today, { from: today, to: today }));
  const range = presetRange(preset, today, custom);
  const query = { from: range.from, to: range.to, ...(storeId ? { storeId } : {}) };
  const dashboard = useRemote((signal) => api.get<DashboardData>('/dashboard', { signal, query }), [storeId, range.from, range.to]);
  const data = dashboard.data;
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);

  useEffect(() => {
    if (!data) return;
    setUpdatedAt(dayjs().format('HH:mm:ss'));
    if (data.today !== today) setToday(data.today);
  }, [data, today]);

  useEffect(() => {
    const timer = window.setInterval(dashboard.reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [dashboard.reload]);

  const hourly = useMemo(() => (data ? hourlyOption(data.hourly, t) : null), [data, t]);
  const daily = useMemo(() => (data ? dailyOption(data.daily, t) : null), [data, t]);
  const stores = useMemo(() => (data && data.stores.length > 1 ? storesOption(data.stores, t) : null), [data, t]);

  const controls = (
    <Flex gap={8} wrap align="center" justify="flex-end">
      {me.stores.length > 1 ? (
        <Select
          data-testid="dashboard-store"
          style={{ minWidth: 160 }}
          value={storeId}
          onChange={setStoreId}
          popupMatchSelectWidth={false}
          options={[{ value: ALL, label: t('dashboard.allStores') }, ...me.stores.map((s) => ({ value: s.id, label: s.name }))]}
        />
      ) : null}
      <Segmented<Preset>
        data-testid="dashboard-preset"
        value={preset}
        onChange={setPreset}
        options={PRESETS.map((p) => ({ value: p, label: t(`dashboard.presets.${p}`) }))}
      />
      {preset === 'custom' ? (
        <DatePicker.RangePicker
          data-testid="dashboard-range"
          allowClear={false}
          value={[dayjs(custom.from), dayjs(custom.to)]}
          disabledDate={(d: Dayjs) => d.isAfter(dayjs(today), 'day')}
          onChange={(v) => v?.[0] && v[1] && setCustom({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
        />
      ) : null}
      <Button icon={<ReloadOutlined />} onClick={dashboard.reload} loading={dashboard.loading && data !== undefined} data-testid="dashboard-refresh">
        {t('dashboard.refresh')}
      </Button>
    </Flex>
  );

  return (
    <>
      <PageHeader title={t('dashboard.title')} subtitle={t('dashboard.subtitle', { name: me.displayName })} extra={controls} />
      <Flex justify="space-between" wrap gap={8} style={{ marginTop: -8, marginBottom: 16 }}>
        <Typography.Text type="secondary" data-testid="dashboard-period">
          {t('dashboard.period', { from: range.from, to: range.to })}
        </Typography.Text>
        {updatedAt ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="dashboard-updated">
            {t('dashboard.updatedAt', { time: updatedAt })}
          </Typography.Text>
        ) : null}
      </Flex>
      {dashboard.error ? <LoadError error={dashboard.error} onRetry={dashboard.reload} /> : null}
      <Flex vertical gap={16} data-testid="dashboard">
        <KpiCards period={data?.period} previous={data?.previousPeriod} today={data?.todayKpis} showToday={preset !== 'today'} t={t} />
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Card title={t('dashboard.dailyTitle')} style={{ height: '100%' }} loading={!data}>
              {daily ? <EChart option={daily} height={300} testId="daily-chart" /> : null}
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card
              title={
                <Flex align="center" gap={8}>
                  <AlertOutlined style={{ color: '#d97706' }} />
                  {t('dashboard.alertsTitle')}
                </Flex>
              }
              style={{ height: '100%' }}
              loading={!data}
            >
              {data ? <AlertsList alerts={data.alerts} storeId={storeId} t={t} /> : null}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('dashboard.hourlyTitle')} style={{ height: '100%' }} loading={!data}>
              {hourly ? <EChart option={hourly} height={300} testId="hourly-chart" /> : null}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('dashboard.topTitle')} style={{ height: '100%' }} loading={!data} styles={{ body: { paddingTop: 8 } }}>
              {data ? <TopProducts items={data.topProducts} t={t} /> : null}
            </Card>
          </Col>
          {stores && data ? (
            <Col span={24}>
              <Card title={t('dashboard.storesTitle')}>
                <EChart option={stores} height={Math.max(180, 48 * data.stores.length + 60)} testId="stores-chart" />
              </Card>
            </Col>
          ) : null}
        </Row>
      </Flex>
    </>
  );
}
