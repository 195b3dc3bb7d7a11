// Sales analytics values and response types (GET /analytics/*), shared by the server and the
// office. No zod here, so the office can import the dimensions as values without the schemas.

/** Longest period a dashboard or an analytics report covers (one leap year). */
export const MAX_PERIOD_DAYS = 366;

export const ANALYTICS_DIMENSIONS = ['day', 'hour', 'weekday', 'store', 'category', 'product', 'cashier', 'payment'] as const;
export type AnalyticsDimension = (typeof ANALYTICS_DIMENSIONS)[number];

export const COMPARE_MODES = ['none', 'previous', 'year'] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];

/** One row of sales figures (money in fen, quantities in thousandths, ratios in basis points). */
export interface SalesFigures {
  sales: number;
  returns: number;
  netSales: number;
  tax: number;
  revenue: number;
  cost: number;
  grossProfit: number;
  grossMarginBp: number;
  tickets: number;
  avgTicket: number;
  /** Thousandths of a unit per ticket (2500 = 2.5 items). */
  itemsPerTicketMilli: number;
  discounts: number;
  /** returns / sales in basis points. */
  returnRateBp: number;
}

export interface SalesAnalyticsRow extends SalesFigures {
  key: string;
  label: string;
  compare?: SalesFigures;
}

export interface SalesAnalytics {
  by: AnalyticsDimension;
  storeId: string | null;
  from: string;
  to: string;
  compare: CompareMode;
  compareFrom: string | null;
  compareTo: string | null;
  rows: SalesAnalyticsRow[];
  totals: SalesFigures;
  compareTotals: SalesFigures | null;
}
