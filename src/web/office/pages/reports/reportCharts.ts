// ECharts options for the report tabs. Series carry fen; axes show whole yuan and tooltips the exact
// amount, so a figure read off a chart matches the table beside it to the fen.
import { formatMoney } from '../../../shared/format';
import type { ChartOption } from '../../components/EChart';
import type { ReportsT } from '../../i18n/reports';
import { formatRate } from './reportFormat';
import type { BalanceSheet, LedgerLine, ProfitAndLoss, ProfitAndLossMonth, VatRate } from './reportTypes';

const TEAL = '#0f766e';
const BLUE = '#2563eb';
const RED = '#dc2626';
const ORANGE = '#d97706';
const GREEN = '#16a34a';
const PURPLE = '#7c3aed';
const AXIS_GREY = '#8c8c8c';

/** Whole yuan on an axis ("¥1,235"), but fen where the ticks fall between yuan (a small VAT). */
const axisMoney = (fen: number) => (fen % 100 === 0 ? formatMoney(fen).replace(/\.00$/, '') : formatMoney(fen));

const moneyAxis = {
  type: 'value' as const,
  axisLabel: { formatter: axisMoney, color: AXIS_GREY },
  splitLine: { lineStyle: { color: '#f0f0f0' } },
};

interface TooltipParam {
  axisValueLabel?: string;
  seriesName?: string;
  value?: unknown;
  marker?: unknown;
}

/** One line per series with a value at the hovered category ('-' marks an empty stack slot). */
const moneyTooltip = {
  trigger: 'axis' as const,
  axisPointer: { type: 'shadow' as const },
  formatter: (raw: unknown) => {
    const params = ((Array.isArray(raw) ? raw : [raw]) as TooltipParam[]).filter((p) => typeof p.value === 'number');
    if (!params.length) return '';
    const lines = params.map((p) => `${typeof p.marker === 'string' ? p.marker : ''}${p.seriesName ?? ''}&nbsp;&nbsp;<b>${formatMoney(Number(p.value))}</b>`);
    return [params[0].axisValueLabel ?? '', ...lines].join('<br/>');
  },
};

const grid = (top: number) => ({ left: 8, right: 16, top, bottom: 8, containLabel: true });
const legend = { top: 0, right: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8 };

/** Revenue, cost of sales, gross profit, expenses, net profit as five bars; a loss shows red. */
export function profitAndLossOption(pl: ProfitAndLoss, t: ReportsT): ChartOption {
  const totals = pl.totals;
  const bars = [
    { label: t('reportsPage.revenue'), value: totals.revenue, color: TEAL },
    { label: t('reportsPage.costOfSales'), value: totals.costOfSales, color: ORANGE },
    { label: t('reportsPage.grossProfit'), value: totals.grossProfit, color: BLUE },
    { label: t('reportsPage.expenses'), value: totals.expenses, color: ORANGE },
    { label: t('reportsPage.netProfit'), value: totals.netProfit, color: totals.netProfit < 0 ? RED : GREEN },
  ];
  return {
    grid: grid(16),
    tooltip: moneyTooltip,
    xAxis: { type: 'category', data: bars.map((b) => b.label), axisLabel: { color: '#434343', interval: 0, width: 80, overflow: 'break' } },
    yAxis: moneyAxis,
    series: [
      {
        name: t('reportsPage.amount'),
        type: 'bar',
        barMaxWidth: 48,
        data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.color, borderRadius: [3, 3, 0, 0] } })),
      },
    ],
  };
}

/** Revenue as bars, gross and net profit as lines, one point per month of the period. */
export function profitTrendOption(months: ProfitAndLossMonth[], t: ReportsT): ChartOption {
  return {
    grid: grid(36),
    legend,
    tooltip: moneyTooltip,
    xAxis: { type: 'category', data: months.map((m) => m.month), axisLabel: { color: AXIS_GREY } },
    yAxis: moneyAxis,
    series: [
      { name: t('reportsPage.revenue'), type: 'bar', barMaxWidth: 32, data: months.map((m) => m.revenue), itemStyle: { color: 'rgba(15,118,110,0.55)', borderRadius: [3, 3, 0, 0] } },
      { name: t('reportsPage.grossProfit'), type: 'line', data: months.map((m) => m.grossProfit), itemStyle: { color: BLUE } },
      { name: t('reportsPage.netProfit'), type: 'line', data: months.map((m) => m.netProfit), itemStyle: { color: GREEN } },
    ],
  };
}

/** Assets beside liabilities stacked on equity: the two columns stand equally tall when it balances. */
export function balanceSheetOption(bs: BalanceSheet, t: ReportsT): ChartOption {
  const bar = { type: 'bar' as const, stack: 'side', barMaxWidth: 72 };
  return {
    grid: grid(36),
    legend,
    tooltip: moneyTooltip,
    // Every label shown, wrapped: ECharts would drop the long English one as overlapping.
    xAxis: { type: 'category', data: [t('balanceSheet.assets'), t('balanceSheet.liabilitiesAndEquity')], axisLabel: { color: '#434343', interval: 0, width: 110, overflow: 'break' } },
    yAxis: moneyAxis,
    series: [
      { ...bar, name: t('balanceSheet.assets'), data: [bs.totals.assets, '-'], itemStyle: { color: TEAL } },
      { ...bar, name: t('balanceSheet.liabilities'), data: ['-', bs.totals.liabilities], itemStyle: { color: ORANGE } },
      { ...bar, name: t('balanceSheet.equity'), data: ['-', bs.totals.equity], itemStyle: { color: PURPLE } },
    ],
  };
}

/** Output tax per rate, highest rate first as in the table. */
export function vatOption(rates: VatRate[], t: ReportsT): ChartOption {
  return {
    grid: grid(16),
    tooltip: moneyTooltip,
    xAxis: { type: 'category', data: rates.map((r) => formatRate(r.rate)), axisLabel: { color: '#434343' } },
    yAxis: moneyAxis,
    series: [{ name: t('vatSummary.tax'), type: 'bar', barMaxWidth: 48, data: rates.map((r) => r.tax), itemStyle: { color: TEAL, borderRadius: [3, 3, 0, 0] } }],
  };
}

/** The account's balance after each line, starting from the opening balance. */
export function ledgerBalanceOption(opening: number, lines: LedgerLine[], t: ReportsT): ChartOption {
  return {
    grid: grid(16),
    tooltip: moneyTooltip,
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: [t('generalLedger.opening'), ...lines.map((l) => `${l.businessDate.slice(5)} ${l.number}`)],
      axisLabel: { color: AXIS_GREY, formatter: (v: string) => v.split(' ')[0] },
    },
    yAxis: moneyAxis,
    series: [
      {
        name: t('generalLedger.balance'),
        type: 'line',
        step: 'end',
        showSymbol: lines.length <= 60,
        data: [opening, ...lines.map((l) => l.balance)],
        itemStyle: { color: BLUE },
        areaStyle: { color: 'rgba(37,99,235,0.08)' },
      },
    ],
  };
}
