// 商品分析: best sellers, slow movers, ABC analysis and stock turnover with days of cover for a
// store (or all) and a period, each as a chart and a table with CSV/XLSX/PDF export. The figures
// come from /analytics/products, /analytics/abc and /analytics/stock-turnover (fen, thousandths,
// basis points), which read the product rollups and the stock balances, never the sale lines.
import { DatePicker, Flex, Select, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../core/money/round';
import { api } from '../../../shared/api';
import { formatMoney, formatQuantity } from '../../../shared/format';
import { EChart, type ChartOption } from '../../components/EChart';
import { LoadError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { ReportFileMenu } from '../../components/ReportFileMenu';
import { useRemote } from '../../components/useRemote';
import { useProductAnalyticsT } from '../../i18n/product-analytics';
import { useMe } from '../../session/session';

interface ProductRow {
  productId: string;
  sku: string;
  name: string;
  qty: number;
  netSales: number;
  revenue: number;
  cost: number;
  grossProfit: number;
  grossMarginBp: number;
  onHandQty: number;
  stockValue: number;
}
interface AbcRow extends ProductRow {
  class: 'A' | 'B' | 'C';
  shareBp: number;
  cumulativeShareBp: number;
}
interface Abc {
  totalRevenue: number;
  summary: { class: 'A' | 'B' | 'C'; products: number; revenue: number; shareBp: number }[];
  items: AbcRow[];
}
interface TurnoverRow {
  productId: string;
  sku: string;
  name: string;
  qty: number;
  cost: number;
  onHandQty: number;
  stockValue: number;
  turnoverMilli: number;
  daysOfCover: number | null;
}
interface Turnover {
  totals: { cost: number; stockValue: number; turnoverMilli: number; daysOfCover: number | null };
  items: TurnoverRow[];
}

type TabKey = 'best' | 'slow' | 'abc' | 'turnover';
const ALL = '';
const CHART_ITEMS = 20;
const CLASS_COLORS = { A: 'green', B: 'gold', C: 'default' } as const;
const money = (fen: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(fen, { symbol: false })}</span>;
const percent = (bp: number) => `${formatFen(bp)} %`;
const yuan = (fen: number) => Number(formatFen(fen));
/** Thousandths as a number for a chart axis (2500 → 2.5). */
const units = (thousandths: number) => thousandths / 1000;

/** Where each tab's figures come from, and the extra query it needs. */
const SOURCES: Record<TabKey, { path: string; query: Record<string, string | number> }> = {
  best: { path: '/analytics/products', query: { sort: 'best', limit: 50 } },
  slow: { path: '/analytics/products', query: { sort: 'slow', limit: 50 } },
  abc: { path: '/analytics/abc', query: {} },
  turnover: { path: '/analytics/stock-turnover', query: {} },
};

function barChart(names: string[], series: { name: string; data: number[] }[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: {},
    grid: { left: 60, right: 20, top: 40, bottom: 90 },
    xAxis: { type: 'category', data: names, axisLabel: { rotate: names.length > 8 ? 40 : 0 } },
    yAxis: { type: 'value' },
    series: series.map((s) => ({ ...s, type: 'bar' as const, barMaxWidth: 40 })),
  } as ChartOption;
}

export default function ProductAnalyticsPage() {
  const t = useProductAnalyticsT();
  const lang = useTranslation().i18n.language === 'en' ? 'en' : 'zh-CN';
  const me = useMe();
  const [tab, setTab] = useState<TabKey>('best');
  const [storeId, setStoreId] = useState(ALL);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const period = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), ...(storeId ? { storeId } : {}) };
  const source = SOURCES[tab];
  const query = { ...period, ...source.query };
  // The answer carries its tab: while the next tab loads, the previous answer (another shape) is not drawn.
  const report = useRemote(
    async (signal) => ({ tab, body: await api.get<{ items: ProductRow[] } | Abc | Turnover>(source.path, { signal, query }) }),
    [tab, period.from, period.to, storeId],
  );
  const data = report.data?.tab === tab ? report.data.body : undefined;
  const label = (r: { sku: string; name: string }) => r.name || r.sku;

  const option = useMemo<ChartOption>(() => {
    if (!data) return barChart([], []);
    if (tab === 'abc') {
      const items = (data as Abc).items.slice(0, 50);
      return {
        tooltip: { trigger: 'axis' },
        legend: {},
        grid: { left: 60, right: 60, top: 40, bottom: 90 },
        xAxis: { type: 'category', data: items.map(label), axisLabel: { rotate: items.length > 8 ? 40 : 0 } },
        yAxis: [{ type: 'value' }, { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } }],
        series: [
          { name: t('productAnalyticsPage.revenue'), type: 'bar', barMaxWidth: 40, data: items.map((r) => yuan(r.revenue)) },
          { name: t('productAnalyticsPage.cumulativeShare'), type: 'line', yAxisIndex: 1, data: items.map((r) => r.cumulativeShareBp / 100) },
        ],
      } as ChartOption;
    }
    if (tab === 'turnover') {
      const items = (data as Turnover).items.filter((r) => r.daysOfCover !== null).slice(0, CHART_ITEMS);
      return barChart(items.map(label), [{ name: t('productAnalyticsPage.daysOfCover'), data: items.map((r) => r.daysOfCover ?? 0) }]);
    }
    const items = (data as { items: ProductRow[] }).items.slice(0, CHART_ITEMS);
    return tab === 'best'
      ? barChart(items.map(label), [{ name: t('productAnalyticsPage.netSales'), data: items.map((r) => yuan(r.netSales)) }])
      : barChart(items.map(label), [
          { name: t('productAnalyticsPage.onHand'), data: items.map((r) => units(r.onHandQty)) },
          { name: t('productAnalyticsPage.qty'), data: items.map((r) => units(r.qty)) },
        ]);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- t changes with the language only
  }, [data, tab, lang]);

  const product: TableColumnsType<ProductRow> = [
    { title: t('productAnalyticsPage.sku'), dataIndex: 'sku', width: 140 },
    { title: t('productAnalyticsPage.name'), dataIndex: 'name', ellipsis: true },
  ];
  const rankingColumns: TableColumnsType<ProductRow> = [
    ...product,
    { title: t('productAnalyticsPage.qty'), dataIndex: 'qty', align: 'right', render: formatQuantity },
    { title: t('productAnalyticsPage.netSales'), dataIndex: 'netSales', align: 'right', render: money },
    { title: t('productAnalyticsPage.revenue'), dataIndex: 'revenue', align: 'right', render: money },
    { title: t('productAnalyticsPage.grossProfit'), dataIndex: 'grossProfit', align: 'right', render: money },
    { title: t('productAnalyticsPage.margin'), dataIndex: 'grossMarginBp', align: 'right', render: percent },
    { title: t('productAnalyticsPage.onHand'), dataIndex: 'onHandQty', align: 'right', render: formatQuantity },
    { title: t('productAnalyticsPage.stockValue'), dataIndex: 'stockValue', align: 'right', render: money },
  ];
  const abcColumns: TableColumnsType<AbcRow> = [
    { title: t('productAnalyticsPage.class'), dataIndex: 'class', width: 70, render: (c: AbcRow['class']) => <Tag color={CLASS_COLORS[c]}>{c}</Tag> },
    ...(product as TableColumnsType<AbcRow>),
    { title: t('productAnalyticsPage.revenue'), dataIndex: 'revenue', align: 'right', render: money },
    { title: t('productAnalyticsPage.share'), dataIndex: 'shareBp', align: 'right', render: percent },
    { title: t('productAnalyticsPage.cumulativeShare'), dataIndex: 'cumulativeShareBp', align: 'right', render: percent },
    { title: t('productAnalyticsPage.grossProfit'), dataIndex: 'grossProfit', align: 'right', render: money },
  ];
  const turnoverColumns: TableColumnsType<TurnoverRow> = [
    ...(product as unknown as TableColumnsType<TurnoverRow>),
    { title: t('productAnalyticsPage.qty'), dataIndex: 'qty', align: 'right', render: formatQuantity },
    { title: t('productAnalyticsPage.cost'), dataIndex: 'cost', align: 'right', render: money },
    { title: t('productAnalyticsPage.onHand'), dataIndex: 'onHandQty', align: 'right', render: formatQuantity },
    { title: t('productAnalyticsPage.stockValue'), dataIndex: 'stockValue', align: 'right', render: money },
    { title: t('productAnalyticsPage.turnover'), dataIndex: 'turnoverMilli', align: 'right', render: (v: number) => (v / 1000).toFixed(3) },
    { title: t('productAnalyticsPage.daysOfCover'), dataIndex: 'daysOfCover', align: 'right', render: (v: number | null) => (v === null ? t('productAnalyticsPage.noSales') : v) },
  ];

  const table = () => {
    if (!data) return <Table loading={report.loading} columns={rankingColumns} dataSource={[]} />;
    if (tab === 'abc') {
      const abc = data as Abc;
      return (
        <>
          <Flex gap={16} wrap style={{ marginBottom: 12 }} data-testid="abc-summary">
            {abc.summary.map((c) => (
              <Typography.Text key={c.class}>
                <Tag color={CLASS_COLORS[c.class]}>{c.class}</Tag>
                {t('productAnalyticsPage.classSummary', { class: c.class, products: c.products, revenue: formatMoney(c.revenue), share: percent(c.shareBp) })}
              </Typography.Text>
            ))}
          </Flex>
          <Table<AbcRow> rowKey="productId" size="small" loading={report.loading} columns={abcColumns} dataSource={abc.items} pagination={{ pageSize: 50 }} data-testid="product-analytics-table" />
        </>
      );
    }
    if (tab === 'turnover') {
      const turnover = data as Turnover;
      return (
        <Table<TurnoverRow>
          rowKey="productId"
          size="small"
          loading={report.loading}
          columns={turnoverColumns}
          dataSource={turnover.items}
          pagination={{ pageSize: 50 }}
          data-testid="product-analytics-table"
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                <Typography.Text strong>{t('productAnalyticsPage.total')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{money(turnover.totals.cost)}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} />
              <Table.Summary.Cell index={5} align="right">{money(turnover.totals.stockValue)}</Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">{(turnover.totals.turnoverMilli / 1000).toFixed(3)}</Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">
                <span data-testid="turnover-total-days">{turnover.totals.daysOfCover ?? t('productAnalyticsPage.noSales')}</span>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      );
    }
    return (
      <Table<ProductRow>
        rowKey="productId"
        size="small"
        loading={report.loading}
        columns={rankingColumns}
        dataSource={(data as { items: ProductRow[] }).items}
        pagination={false}
        data-testid="product-analytics-table"
      />
    );
  };

  return (
    <>
      <PageHeader
        title={t('productAnalyticsPage.title')}
        subtitle={t('productAnalyticsPage.subtitle')}
        extra={<ReportFileMenu path={source.path} query={query} testId="product-analytics-export" />}
      />
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        <Select
          style={{ minWidth: 180 }}
          value={storeId}
          onChange={setStoreId}
          options={[{ value: ALL, label: t('productAnalyticsPage.allStores') }, ...me.stores.map((s) => ({ value: s.id, label: s.name }))]}
        />
        <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
      </Flex>
      <Tabs activeKey={tab} onChange={(k) => setTab(k as TabKey)} items={(Object.keys(SOURCES) as TabKey[]).map((k) => ({ key: k, label: t(`productAnalyticsPage.tabs.${k}`) }))} />
      {report.error ? <LoadError error={report.error} onRetry={report.reload} /> : null}
      <EChart option={option} height={320} testId="product-analytics-chart" />
      {table()}
    </>
  );
}
