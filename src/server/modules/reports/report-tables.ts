// The accounting reports as export tables (CSV/XLSX/PDF through export/table-export.ts), built
// from the report service's outputs so the files show exactly the figures the API returns.
// Headers in zh-CN or en; an account's name in the language asked for, the other as fallback.
import { formatFen } from '../../../core/money/round';
import type { ExportColumn, ExportTable } from '../../export/table-export';
import type { SalesSummary, SalesSummaryDay } from './sales-summary';
import type { ReportsService } from './service';

export type ExportLang = 'zh-CN' | 'en';
export type TrialBalance = Awaited<ReturnType<ReportsService['trialBalance']>>;
export type GeneralLedger = Awaited<ReturnType<ReportsService['generalLedger']>>;
export type ProfitAndLoss = Awaited<ReturnType<ReportsService['profitAndLoss']>>;
export type BalanceSheet = Awaited<ReturnType<ReportsService['balanceSheet']>>;
export type VatSummary = Awaited<ReturnType<ReportsService['vatSummary']>>;

/** Which store a report covers, already worded: "S01 人民路店" or "全部门店". */
export interface ReportScope {
  storeCode: string | null;
  storeName: string | null;
}

const WORDS = {
  'zh-CN': {
    trialBalance: '试算平衡表',
    generalLedger: '总分类账',
    profitAndLoss: '利润表',
    balanceSheet: '资产负债表',
    vatSummary: '增值税销项汇总',
    salesSummary: '销售汇总',
    allStores: '全部门店',
    asOf: '截至',
    account: '科目编码',
    accountName: '科目名称',
    opening: '期初余额',
    debit: '借方',
    credit: '贷方',
    closing: '期末余额',
    date: '日期',
    number: '单据号',
    type: '单据类型',
    memo: '摘要',
    balance: '余额',
    openingRow: '期初余额',
    periodTotal: '本期合计',
    total: '合计',
    section: '项目',
    amount: '金额',
    revenue: '营业收入',
    costOfSales: '营业成本',
    grossProfit: '毛利',
    expenses: '费用',
    netProfit: '净利润',
    assets: '资产',
    liabilities: '负债',
    equity: '所有者权益',
    currentProfit: '本期利润(未结转)',
    liabilitiesAndEquity: '负债和所有者权益合计',
    subtotal: '小计',
    rate: '税率',
    gross: '含税销售额',
    taxable: '不含税销售额',
    tax: '税额',
    ledgerOutputTax: '账面销项税额(2221)',
    tickets: '单数',
    sales: '销售额',
    returns: '退货额',
    netSales: '净销售额',
    revenueExTax: '不含税收入',
    cost: '成本',
  },
  en: {
    trialBalance: 'Trial balance',
    generalLedger: 'General ledger',
    profitAndLoss: 'Profit and loss',
    balanceSheet: 'Balance sheet',
    vatSummary: 'Output VAT summary',
    salesSummary: 'Sales summary',
    allStores: 'All stores',
    asOf: 'As of',
    account: 'Account',
    accountName: 'Account name',
    opening: 'Opening',
    debit: 'Debit',
    credit: 'Credit',
    closing: 'Closing',
    date: 'Date',
    number: 'Number',
    type: 'Document type',
    memo: 'Memo',
    balance: 'Balance',
    openingRow: 'Opening balance',
    periodTotal: 'Period total',
    total: 'Total',
    section: 'Section',
    amount: 'Amount',
    revenue: 'Revenue',
    costOfSales: 'Cost of sales',
    grossProfit: 'Gross profit',
    expenses: 'Expenses',
    netProfit: 'Net profit',
    assets: 'Assets',
    liabilities: 'Liabilities',
    equity: 'Equity',
    currentProfit: 'Current profit (not closed)',
    liabilitiesAndEquity: 'Liabilities and equity',
    subtotal: 'Subtotal',
    rate: 'Rate',
    gross: 'Sales incl. VAT',
    taxable: 'Sales excl. VAT',
    tax: 'VAT',
    ledgerOutputTax: 'Output VAT in the ledger (2221)',
    tickets: 'Tickets',
    sales: 'Sales',
    returns: 'Returns',
    netSales: 'Net sales',
    revenueExTax: 'Revenue excl. VAT',
    cost: 'Cost',
  },
} as const;

type Words = (typeof WORDS)[ExportLang];

const storeText = (w: Words, s: ReportScope) => (s.storeCode ? [s.storeCode, s.storeName].filter(Boolean).join(' ') : w.allStores);
const periodText = (from: string, to: string) => `${from} — ${to}`;
/** File names stay ASCII (scheduled files, scripts); the title carries the language. */
const fileStem = (report: string, s: ReportScope, period: string) => [report, s.storeCode ?? 'all', period].join('-');

interface Named {
  code: string;
  name: string;
  nameEn: string;
}
const accountName = (lang: ExportLang, a: Named) => (lang === 'en' ? a.nameEn || a.name : a.name || a.nameEn);

export function trialBalanceTable(tb: TrialBalance, scope: ReportScope, lang: ExportLang): ExportTable<TrialBalance['items'][number]> {
  const w = WORDS[lang];
  return {
    title: w.trialBalance,
    subtitle: `${storeText(w, scope)} · ${periodText(tb.from, tb.to)}`,
    fileName: fileStem('trial-balance', scope, `${tb.from}_${tb.to}`),
    columns: [
      { header: w.account, kind: 'text', value: (r) => r.code, width: 10 },
      { header: w.accountName, kind: 'text', value: (r) => accountName(lang, r), width: 24 },
      { header: w.opening, kind: 'money', value: (r) => r.opening },
      { header: w.debit, kind: 'money', value: (r) => r.debit },
      { header: w.credit, kind: 'money', value: (r) => r.credit },
      { header: w.closing, kind: 'money', value: (r) => r.closing },
    ],
    rows: tb.items,
    totals: { code: w.total, name: '', nameEn: '', type: '', ...tb.totals },
  };
}

type LedgerRow = { date: string; number: string; type: string; memo: string; debit: number | null; credit: number | null; balance: number };

export function generalLedgerTable(gl: GeneralLedger, scope: ReportScope, lang: ExportLang): ExportTable<LedgerRow> {
  const w = WORDS[lang];
  const rows: LedgerRow[] = [
    { date: gl.from, number: '', type: '', memo: w.openingRow, debit: null, credit: null, balance: gl.opening },
    ...gl.lines.map((l) => ({ date: l.businessDate, number: l.number, type: l.documentType, memo: l.memo || l.entryMemo, debit: l.debit, credit: l.credit, balance: l.balance })),
  ];
  return {
    title: `${w.generalLedger} ${gl.code} ${accountName(lang, gl)}`,
    subtitle: `${storeText(w, scope)} · ${periodText(gl.from, gl.to)}`,
    fileName: fileStem(`general-ledger-${gl.code}`, scope, `${gl.from}_${gl.to}`),
    columns: [
      { header: w.date, kind: 'date', value: (r) => r.date },
      { header: w.number, kind: 'text', value: (r) => r.number, width: 18 },
      { header: w.type, kind: 'text', value: (r) => r.type, width: 12 },
      { header: w.memo, kind: 'text', value: (r) => r.memo, width: 28 },
      { header: w.debit, kind: 'money', value: (r) => r.debit },
      { header: w.credit, kind: 'money', value: (r) => r.credit },
      { header: w.balance, kind: 'money', value: (r) => r.balance },
    ],
    rows,
    totals: { date: '', number: '', type: '', memo: w.periodTotal, debit: gl.debit, credit: gl.credit, balance: gl.closing },
  };
}

/** A statement line: an account, or a worded subtotal (code empty). */
type StatementRow = { section: string; code: string; name: string; amount: number | null };

const statementColumns = (w: Words): ExportColumn<StatementRow>[] => [
  { header: w.section, kind: 'text', value: (r) => r.section, width: 14 },
  { header: w.account, kind: 'text', value: (r) => r.code, width: 10 },
  { header: w.accountName, kind: 'text', value: (r) => r.name, width: 26 },
  { header: w.amount, kind: 'money', value: (r) => r.amount },
];

function section(lang: ExportLang, label: string, lines: readonly (Named & { amount: number })[], subtotal: number): StatementRow[] {
  return [
    ...lines.map((l) => ({ section: label, code: l.code, name: accountName(lang, l), amount: l.amount })),
    { section: label, code: '', name: WORDS[lang].subtotal, amount: subtotal },
  ];
}

export function profitAndLossTable(pl: ProfitAndLoss, scope: ReportScope, lang: ExportLang): ExportTable<StatementRow> {
  const w = WORDS[lang];
  return {
    title: w.profitAndLoss,
    subtitle: `${storeText(w, scope)} · ${periodText(pl.from, pl.to)}`,
    fileName: fileStem('profit-and-loss', scope, `${pl.from}_${pl.to}`),
    columns: statementColumns(w),
    rows: [
      ...section(lang, w.revenue, pl.revenue, pl.totals.revenue),
      ...section(lang, w.costOfSales, pl.costOfSales, pl.totals.costOfSales),
      { section: w.grossProfit, code: '', name: '', amount: pl.totals.grossProfit },
      ...section(lang, w.expenses, pl.expenses, pl.totals.expenses),
    ],
    totals: { section: w.netProfit, code: '', name: '', amount: pl.totals.netProfit },
  };
}

export function balanceSheetTable(bs: BalanceSheet, scope: ReportScope, lang: ExportLang): ExportTable<StatementRow> {
  const w = WORDS[lang];
  return {
    title: w.balanceSheet,
    subtitle: `${storeText(w, scope)} · ${w.asOf} ${bs.asOf}`,
    fileName: fileStem('balance-sheet', scope, bs.asOf),
    columns: statementColumns(w),
    rows: [
      ...section(lang, w.assets, bs.assets, bs.totals.assets),
      ...section(lang, w.liabilities, bs.liabilities, bs.totals.liabilities),
      ...bs.equity.map((l) => ({ section: w.equity, code: l.code, name: accountName(lang, l), amount: l.amount })),
      { section: w.equity, code: '', name: w.currentProfit, amount: bs.currentProfit },
      { section: w.equity, code: '', name: w.subtotal, amount: bs.totals.equity },
    ],
    totals: { section: w.liabilitiesAndEquity, code: '', name: '', amount: bs.totals.liabilities + bs.totals.equity },
  };
}

type VatRow = { rate: number | null; gross: number; taxable: number; tax: number };

export function vatSummaryTable(vat: VatSummary, scope: ReportScope, lang: ExportLang): ExportTable<VatRow> {
  const w = WORDS[lang];
  const sum = (k: 'gross' | 'taxable') => vat.rates.reduce((s, r) => s + r[k], 0);
  return {
    title: w.vatSummary,
    // The ledger's 2221 figure sits beside the till figures so a difference shows at a glance.
    subtitle: `${storeText(w, scope)} · ${periodText(vat.from, vat.to)} · ${w.ledgerOutputTax}: ${formatFen(vat.ledgerOutputTax)}`,
    fileName: fileStem('vat-summary', scope, `${vat.from}_${vat.to}`),
    columns: [
      { header: w.rate, kind: 'percentBp', value: (r) => r.rate ?? w.total },
      { header: w.gross, kind: 'money', value: (r) => r.gross },
      { header: w.taxable, kind: 'money', value: (r) => r.taxable },
      { header: w.tax, kind: 'money', value: (r) => r.tax },
    ],
    rows: vat.rates,
    totals: { rate: null, gross: sum('gross'), taxable: sum('taxable'), tax: vat.totalTax },
  };
}

export function salesSummaryTable(s: SalesSummary, scope: ReportScope, lang: ExportLang): ExportTable<SalesSummaryDay> {
  const w = WORDS[lang];
  return {
    title: w.salesSummary,
    subtitle: `${storeText(w, scope)} · ${periodText(s.from, s.to)}`,
    fileName: fileStem('sales-summary', scope, `${s.from}_${s.to}`),
    columns: [
      { header: w.date, kind: 'date', value: (r) => r.date },
      { header: w.tickets, kind: 'int', value: (r) => r.tickets },
      { header: w.sales, kind: 'money', value: (r) => r.sales },
      { header: w.returns, kind: 'money', value: (r) => r.returns },
      { header: w.netSales, kind: 'money', value: (r) => r.netSales },
      { header: w.tax, kind: 'money', value: (r) => r.tax },
      { header: w.revenueExTax, kind: 'money', value: (r) => r.revenue },
      { header: w.cost, kind: 'money', value: (r) => r.cost },
      { header: w.grossProfit, kind: 'money', value: (r) => r.grossProfit },
    ],
    rows: s.days,
    totals: { date: w.total, ...s.totals },
  };
}
