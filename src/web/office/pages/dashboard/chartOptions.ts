// ECharts options for the dashboard's charts. Series carry fen; axes show whole yuan, tooltips the
// exact amount, so what a manager reads in a tooltip matches the tables to the fen.
import type { DashboardDay, DashboardHour, DashboardStore } from '../../../../contracts/dashboard';
import { formatMoney } from '../../../shared/format';
import type { ChartOption } from '../../components/EChart';
import type { DashboardT } from '../../i18n/dashboard';

const TEAL = '#0f766e';
const BLUE = '#2563eb';
const AXIS_GREY = '#8c8c8c';

/** 123456 fen on an axis → "¥1,235": whole yuan keep the axis narrow. */
function axisYuan(fen: number): string {
  const text = formatMoney(Math.round(fen / 100) * 100);
  return text.replace(/\.00$/, '');
}

const moneyAxis = {
  type: 'value' as const,
  axisLabel: { formatter: (value: number) => axisYuan(value), color: AXIS_GREY },
  splitLine: { lineStyle: { color: '#f0f0f0' } },
};

interface TooltipParam {
  axisValueLabel?: string;
  seriesName?: string;
  value?: unknown;
  marker?: unknown;
  dataIndex: number;
}

/** One tooltip line per money series, plus any extra lines for the hovered index. */
function moneyTooltip(extra?: (index: number) => string[]) {
  return {
    trigger: 'axis' as const,
    formatter: (raw: unknown) => {
      const params = (Array.isArray(raw) ? raw : [raw]) as TooltipParam[];
      if (params.length === 0) return '';
      const lines = params.map((p) => `${typeof p.marker === 'string' ? p.marker : ''}${p.seriesName ?? ''}&nbsp;&nbsp;<b>${formatMoney(Number(p.value))}</b>`);
      return [params[0].axisValueLabel ?? '', ...lines, ...(extra ? extra(params[0].dataIndex) : [])].join('<br/>');
    },
  };
}

export function hourlyOption(hours: DashboardHour[], t: DashboardT): ChartOption {
  return {
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: moneyTooltip((i) => [`${t('dashboard.series.tickets')}&nbsp;&nbsp;<b>${hours[i]?.tickets ?? 0}</b>`]),
    xAxis: {
      type: 'category',
      data: hours.map((h) => t('dashboard.hour', { hour: h.hour })),
      axisLabel: { color: AXIS_GREY, interval: 2 },
      axisTick: { alignWithLabel: true },
    },
    yAxis: moneyAxis,
    series: [
      {
        name: t('dashboard.series.netSales'),
        type: 'bar',
        data: hours.map((h) => h.netSales),
        itemStyle: { color: TEAL, borderRadius: [3, 3, 0, 0] },
        barMaxWidth: 22,
      },
    ],
  };
}

export function dailyOption(days: DashboardDay[], t: DashboardT): ChartOption {
  return {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, right: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8 },
    tooltip: moneyTooltip((i) => [`${t('dashboard.series.tickets')}&nbsp;&nbsp;<b>${days[i]?.tickets ?? 0}</b>`]),
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: days.map((d) => d.date.slice(5)),
      axisLabel: { color: AXIS_GREY },
    },
    yAxis: moneyAxis,
    series: [
      {
        name: t('dashboard.series.netSales'),
        type: 'line',
        smooth: 0.25,
        showSymbol: days.length <= 31,
        data: days.map((d) => d.netSales),
        itemStyle: { color: TEAL },
        areaStyle: { color: 'rgba(15,118,110,0.12)' },
      },
      {
        name: t('dashboard.series.grossProfit'),
        type: 'line',
        smooth: 0.25,
        showSymbol: days.length <= 31,
        data: days.map((d) => d.grossProfit),
        itemStyle: { color: BLUE },
      },
    ],
  };
}

export function storesOption(stores: DashboardStore[], t: DashboardT): ChartOption {
  // Largest store on top: the y category axis draws its first entry at the bottom.
  const ordered = [...stores].reverse();
  return {
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, right: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8 },
    tooltip: moneyTooltip((i) => [`${t('dashboard.series.tickets')}&nbsp;&nbsp;<b>${ordered[i]?.tickets ?? 0}</b>`]),
    xAxis: moneyAxis,
    yAxis: { type: 'category', data: ordered.map((s) => s.name), axisLabel: { color: '#434343' } },
    series: [
      { name: t('dashboard.series.netSales'), type: 'bar', data: ordered.map((s) => s.netSales), itemStyle: { color: TEAL, borderRadius: [0, 3, 3, 0] }, barMaxWidth: 18 },
      { name: t('dashboard.series.grossProfit'), type: 'bar', data: ordered.map((s) => s.grossProfit), itemStyle: { color: BLUE, borderRadius: [0, 3, 3, 0] }, barMaxWidth: 18 },
    ],
  };
}
