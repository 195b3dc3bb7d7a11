// 销售分析: sales of a period by one dimension, as a chart (net sales, and the compared period) and
// a table, with 环比/同比 and CSV/XLSX/PDF export. Figures come from /analytics/sales in fen.
import { DatePicker, Flex, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ANALYTICS_DIMENSIONS, COMPARE_MODES, type AnalyticsDimension, type CompareMode, type SalesAnalytics, type SalesAnalyticsRow } from '../../../../contracts/sales-analytics';
import { formatFen } from '../../../../core/money/round';
import { api } from '../../../shared/api';
import { formatMoney } from '../../../shared/format';
import { EChart, type ChartOption } from '../../components/EChart';
import { LoadError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { ReportFileMenu } from '../../components/ReportFileMenu';
import { useRemote } from '../../components/useRemote';
import { useAnalyticsT, type AnalyticsKey } from '../../i18n/analytics';
import { useMe } from '../../session/session';

const ALL = '';
const money = (fen: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(fen, { symbol: false })}</span>;
const percent = (bp: number) => `${formatFen(bp)} %`;
const yuan = (fen: number) => Number(formatFen(fen));

export default function SalesAnalyticsPage() {
  const t = useAnalyticsT();
  const lang = useTranslation().i18n.language === 'en' ? 'en' : 'zh-CN';
  const me = useMe();
  const [storeId, setStoreId] = useState(ALL);
  const [by, setBy] = useState<AnalyticsDimension>('day');
  const [compare, setCompare] = useState<CompareMode>('previous');
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const query = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), by, compare, ...(storeId ? { storeId } : {}) };
  const report = useRemote((signal) => api.get<SalesAnalytics>('/analytics/sales', { signal, query }), [query.from, query.to, by, compare, storeId]);
  const rows = report.data?.rows ?? [];
  const label = (r: SalesAnalyticsRow) => (by === 'weekday' ? t(`analyticsPage.weekdays.${r.key}` as AnalyticsKey) : r.label);

  const option = useMemo<ChartOption>(() => {
    const shown = by === 'product' ? rows.slice(0, 20) : rows;
    return {
      tooltip: { trigger: 'axis' },
      legend: {},
      grid: { left: 60, right: 20, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: shown.map(label), axisLabel: { rotate: shown.length > 12 ? 45 : 0 } },
      yAxis: { type: 'value' },
      series: [
        { name: t('analyticsPage.netSales'), type: 'bar', barMaxWidth: 48, data: shown.map((r) => yuan(r.netSales)) },
        ...(report.data?.compareTotals ? [{ name: t('analyticsPage.compared'), type: 'line' as const, data: shown.map((r) => yuan(r.compare?.netSales ?? 0)) }] : []),
      ],
    } as ChartOption;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- label depends on by and the language only
  }, [rows, by, lang, report.data?.compareTotals]);

  const columns: TableColumnsType<SalesAnalyticsRow> = [
    { title: t('analyticsPage.key'), key: 'label', render: (_, r) => label(r), fixed: 'left', width: 200 },
    { title: t('analyticsPage.netSales'), dataIndex: 'netSales', align: 'right', render: money },
    ...(report.data?.compareTotals ? [{ title: t('analyticsPage.compared'), key: 'compare', align: 'right' as const, render: (_: unknown, r: SalesAnalyticsRow) => money(r.compare?.netSales ?? 0) }] : []),
    { title: t('analyticsPage.revenue'), dataIndex: 'revenue', align: 'right', render: money },
    { title: t('analyticsPage.grossProfit'), dataIndex: 'grossProfit', align: 'right', render: money },
    { title: t('analyticsPage.margin'), dataIndex: 'grossMarginBp', align: 'right', render: percent },
    { title: t('analyticsPage.tickets'), dataIndex: 'tickets', align: 'right' },
    { title: t('analyticsPage.avgTicket'), dataIndex: 'avgTicket', align: 'right', render: money },
    { title: t('analyticsPage.itemsPerTicket'), dataIndex: 'itemsPerTicketMilli', align: 'right', render: (v: number) => formatFen(Math.round(v / 10)) },
    { title: t('analyticsPage.discounts'), dataIndex: 'discounts', align: 'right', render: money },
    { title: t('analyticsPage.returnRate'), dataIndex: 'returnRateBp', align: 'right', render: percent },
  ];

  return (
    <>
      <PageHeader
        title={t('analyticsPage.title')}
        subtitle={t('analyticsPage.subtitle')}
        extra={<ReportFileMenu path="/analytics/sales" query={query} testId="analytics-export" />}
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select style={{ minWidth: 180 }} value={storeId} onChange={setStoreId} options={[{ value: ALL, label: t('analyticsPage.allStores') }, ...me.stores.map((s) => ({ value: s.id, label: s.name }))]} />
        <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
        <Select data-testid="analytics-by" style={{ minWidth: 140 }} value={by} onChange={setBy} options={ANALYTICS_DIMENSIONS.map((d) => ({ value: d, label: t(`analyticsPage.by.${d}` as AnalyticsKey) }))} />
        <Select style={{ minWidth: 160 }} value={compare} onChange={setCompare} options={COMPARE_MODES.map((c) => ({ value: c, label: t(`analyticsPage.compare.${c}` as AnalyticsKey) }))} />
      </Flex>
      {report.error ? <LoadError error={report.error} onRetry={report.reload} /> : null}
      <EChart option={option} height={320} testId="analytics-chart" />
      <Table
        data-testid="analytics-table"
        rowKey="key"
        size="small"
        scroll={{ x: 1200 }}
        loading={report.loading}
        pagination={by === 'product' ? { pageSize: 50 } : false}
        columns={columns}
        dataSource={rows}
        summary={() =>
          report.data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>{t('analyticsPage.total')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <span data-testid="analytics-total-netSales">{money(report.data.totals.netSales)}</span>
              </Table.Summary.Cell>
              {report.data.compareTotals ? <Table.Summary.Cell index={2} align="right">{money(report.data.compareTotals.netSales)}</Table.Summary.Cell> : null}
            </Table.Summary.Row>
          ) : null
        }
      />
    </>
  );
}
