// The shapes of the /reports/* answers the financial reports page reads (docs/accounting.md).
// Money in fen; balances debit positive. The trend has a zod contract; the older reports are
// described here until theirs move to src/contracts.
export type { ProfitAndLossMonth, ProfitAndLossTrend } from '../../../../contracts/accounting';

export interface AccountFigures {
  code: string;
  name: string;
  nameEn: string;
  type: string;
}

export interface ReportLine extends AccountFigures {
  amount: number;
}

export interface TrialBalanceRow extends AccountFigures {
  opening: number;
  debit: number;
  credit: number;
  closing: number;
}

export interface TrialBalance {
  items: TrialBalanceRow[];
  totals: { opening: number; debit: number; credit: number; closing: number };
}

export interface ProfitAndLoss {
  revenue: ReportLine[];
  costOfSales: ReportLine[];
  expenses: ReportLine[];
  totals: { revenue: number; costOfSales: number; grossProfit: number; expenses: number; netProfit: number };
}

export interface BalanceSheet {
  asOf: string;
  assets: ReportLine[];
  liabilities: ReportLine[];
  equity: ReportLine[];
  currentProfit: number;
  totals: { assets: number; liabilities: number; equity: number };
  balanced: boolean;
}

export interface VatRate {
  rate: number;
  gross: number;
  taxable: number;
  tax: number;
}

export interface VatSummary {
  rates: VatRate[];
  totalTax: number;
  ledgerOutputTax: number;
}

export interface LedgerLine {
  businessDate: string;
  documentId: string;
  documentType: string;
  number: string;
  storeId: string;
  entryMemo: string;
  memo: string;
  debit: number;
  credit: number;
  balance: number;
}

export interface GeneralLedger extends AccountFigures {
  opening: number;
  debit: number;
  credit: number;
  closing: number;
  lines: LedgerLine[];
}

export interface Account extends AccountFigures {
  parentCode: string | null;
  active: boolean;
}

/** What every tab reports on: the page's store (undefined = all the caller's) and period. */
export interface ReportScope {
  storeId?: string;
  from: string;
  to: string;
}
