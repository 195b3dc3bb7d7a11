// The analytics reports as export tables (CSV/XLSX/PDF through export/table-export.ts), built from
// the same objects the JSON API returns. Headers in zh-CN or en.
import type { SalesAnalytics, SalesAnalyticsRow, SalesFigures } from '../../../contracts/analytics';
import type { ExportColumn, ExportTable } from '../../export/table-export';
import type { abcAnalysis, productRanking, stockTurnover } from './product-analytics';

export type ExportLang = 'zh-CN' | 'en';

const WORDS = {
  'zh-CN': {
    sales: '销售分析', by: { day: '按日', hour: '按时段', weekday: '按星期', store: '按门店', category: '按品类', product: '按商品', cashier: '按收银员', payment: '按支付方式' },
    key: '维度', gross: '销售额', returns: '退货额', netSales: '净销售额', tax: '销项税', revenue: '收入(不含税)', cost: '成本', grossProfit: '毛利', margin: '毛利率',
    tickets: '客单数', avgTicket: '客单价', itemsPerTicket: '客件数', discounts: '折扣', returnRate: '退货率', compare: '对比', total: '合计',
    best: '畅销商品', slow: '滞销商品', abc: 'ABC 分析', turnover: '库存周转', sku: '编码', name: '商品', qty: '销量', onHand: '库存数量', stockValue: '库存金额',
    cls: '分类', share: '占比', cumulative: '累计占比', turnoverTimes: '周转次数', daysOfCover: '可售天数', allStores: '全部门店',
  },
  en: {
    sales: 'Sales analytics', by: { day: 'by day', hour: 'by hour', weekday: 'by weekday', store: 'by store', category: 'by category', product: 'by product', cashier: 'by cashier', payment: 'by payment method' },
    key: 'Key', gross: 'Sales', returns: 'Returns', netSales: 'Net sales', tax: 'Output VAT', revenue: 'Revenue ex VAT', cost: 'Cost', grossProfit: 'Gross profit', margin: 'Margin',
    tickets: 'Tickets', avgTicket: 'Avg ticket', itemsPerTicket: 'Items/ticket', discounts: 'Discounts', returnRate: 'Return rate', compare: 'Compared', total: 'Total',
    best: 'Best sellers', slow: 'Slow movers', abc: 'ABC analysis', turnover: 'Stock turnover', sku: 'SKU', name: 'Product', qty: 'Qty', onHand: 'On hand', stockValue: 'Stock value',
    cls: 'Class', share: 'Share', cumulative: 'Cumulative', turnoverTimes: 'Turnover', daysOfCover: 'Days of cover', allStores: 'All stores',
  },
} as const;

function subtitle(lang: ExportLang, storeLabel: string | null, from: string, to: string) {
  return `${storeLabel ?? WORDS[lang].allStores} · ${from} – ${to}`;
}

export function salesTable(a: SalesAnalytics, lang: ExportLang, storeLabel: string | null): ExportTable<SalesAnalyticsRow> {
  const w = WORDS[lang];
  const figures = (pick: (r: SalesAnalyticsRow) => SalesFigures | undefined, suffix = ''): ExportColumn<SalesAnalyticsRow>[] => [
    { header: w.gross + suffix, kind: 'money', value: (r) => pick(r)?.sales ?? null },
    { header: w.returns + suffix, kind: 'money', value: (r) => pick(r)?.returns ?? null },
    { header: w.netSales + suffix, kind: 'money', value: (r) => pick(r)?.netSales ?? null },
    { header: w.tax + suffix, kind: 'money', value: (r) => pick(r)?.tax ?? null },
    { header: w.revenue + suffix, kind: 'money', value: (r) => pick(r)?.revenue ?? null },
    { header: w.cost + suffix, kind: 'money', value: (r) => pick(r)?.cost ?? null },
    { header: w.grossProfit + suffix, kind: 'money', value: (r) => pick(r)?.grossProfit ?? null },
    { header: w.margin + suffix, kind: 'percentBp', value: (r) => pick(r)?.grossMarginBp ?? null },
    { header: w.tickets + suffix, kind: 'int', value: (r) => pick(r)?.tickets ?? null },
    { header: w.avgTicket + suffix, kind: 'money', value: (r) => pick(r)?.avgTicket ?? null },
    { header: w.itemsPerTicket + suffix, kind: 'qty', value: (r) => pick(r)?.itemsPerTicketMilli ?? null },
    { header: w.discounts + suffix, kind: 'money', value: (r) => pick(r)?.discounts ?? null },
    { header: w.returnRate + suffix, kind: 'percentBp', value: (r) => pick(r)?.returnRateBp ?? null },
  ];
  const compared = a.compareTotals ? figures((r) => r.compare, ` (${w.compare})`).filter((_, i) => [2, 6, 8].includes(i)) : [];
  return {
    title: `${w.sales} ${w.by[a.by]}`,
    subtitle: subtitle(lang, storeLabel, a.from, a.to) + (a.compareFrom ? ` / ${w.compare} ${a.compareFrom} – ${a.compareTo}` : ''),
    fileName: `sales-${a.by}-${a.from}-${a.to}`,
    columns: [{ header: w.key, kind: 'text', value: (r) => r.label, width: 24 }, ...figures((r) => r), ...compared],
    rows: a.rows,
    totals: { key: '', label: w.total, ...a.totals, ...(a.compareTotals ? { compare: a.compareTotals } : {}) },
  };
}

type Ranking = Awaited<ReturnType<typeof productRanking>>;
type Abc = Awaited<ReturnType<typeof abcAnalysis>>;
type Turnover = Awaited<ReturnType<typeof stockTurnover>>;

export function rankingTable(r: Ranking, lang: ExportLang, storeLabel: string | null): ExportTable<Ranking['items'][number]> {
  const w = WORDS[lang];
  return {
    title: r.sort === 'best' ? w.best : w.slow,
    subtitle: subtitle(lang, storeLabel, r.from, r.to),
    fileName: `products-${r.sort}-${r.from}-${r.to}`,
    columns: [
      { header: w.sku, kind: 'text', value: (i) => i.sku },
      { header: w.name, kind: 'text', value: (i) => i.name, width: 24 },
      { header: w.qty, kind: 'qty', value: (i) => i.qty },
      { header: w.netSales, kind: 'money', value: (i) => i.netSales },
      { header: w.revenue, kind: 'money', value: (i) => i.revenue },
      { header: w.cost, kind: 'money', value: (i) => i.cost },
      { header: w.grossProfit, kind: 'money', value: (i) => i.grossProfit },
      { header: w.margin, kind: 'percentBp', value: (i) => i.grossMarginBp },
      { header: w.onHand, kind: 'qty', value: (i) => i.onHandQty },
    ],
    rows: r.items,
  };
}

export function abcTable(r: Abc, lang: ExportLang, storeLabel: string | null): ExportTable<Abc['items'][number]> {
  const w = WORDS[lang];
  return {
    title: w.abc,
    subtitle: subtitle(lang, storeLabel, r.from, r.to),
    fileName: `abc-${r.from}-${r.to}`,
    columns: [
      { header: w.cls, kind: 'text', value: (i) => i.class, width: 6 },
      { header: w.sku, kind: 'text', value: (i) => i.sku },
      { header: w.name, kind: 'text', value: (i) => i.name, width: 24 },
      { header: w.revenue, kind: 'money', value: (i) => i.revenue },
      { header: w.share, kind: 'percentBp', value: (i) => i.shareBp },
      { header: w.cumulative, kind: 'percentBp', value: (i) => i.cumulativeShareBp },
    ],
    rows: r.items,
  };
}

export function turnoverTable(r: Turnover, lang: ExportLang, storeLabel: string | null): ExportTable<Turnover['items'][number]> {
  const w = WORDS[lang];
  return {
    title: w.turnover,
    subtitle: subtitle(lang, storeLabel, r.from, r.to),
    fileName: `stock-turnover-${r.from}-${r.to}`,
    columns: [
      { header: w.sku, kind: 'text', value: (i) => i.sku },
      { header: w.name, kind: 'text', value: (i) => i.name, width: 24 },
      { header: w.cost, kind: 'money', value: (i) => i.cost },
      { header: w.onHand, kind: 'qty', value: (i) => i.onHandQty },
      { header: w.stockValue, kind: 'money', value: (i) => i.stockValue },
      { header: w.turnoverTimes, kind: 'qty', value: (i) => i.turnoverMilli },
      { header: w.daysOfCover, kind: 'int', value: (i) => i.daysOfCover },
    ],
    rows: r.items,
    totals: { productId: '', sku: '', name: w.total, qty: 0, cost: r.totals.cost, onHandQty: 0, stockValue: r.totals.stockValue, turnoverMilli: r.totals.turnoverMilli, daysOfCover: r.totals.daysOfCover },
  };
}
