// The back-office dashboard (GET /api/v1/dashboard), shared by the server and the office. No zod
// here; the query schema lives with the analytics contracts. Money in fen, quantities in
// thousandths, dates are business dates (YYYY-MM-DD) in the store's time zone.

/** One set of sales figures: sales minus returns, exact to the fen. */
export interface DashboardKpis {
  /** Amount due of sales, tax included, before returns. */
  sales: number;
  /** Refunded on returns (positive). */
  returns: number;
  /** sales − returns, tax included. */
  netSales: number;
  /** netSales without output VAT. */
  revenue: number;
  /** Cost of goods sold net of returned goods. */
  cost: number;
  /** revenue − cost. */
  grossProfit: number;
  /** grossProfit / revenue in basis points (1234 = 12.34 %); 0 when there is no revenue. */
  grossMarginBp: number;
  /** Sale documents (a return is not a ticket). */
  tickets: number;
  /** netSales / tickets, rounded half up to the fen; 0 without tickets. */
  avgTicket: number;
}

export interface DashboardHour {
  hour: number; // 0–23, store local time
  netSales: number;
  tickets: number;
}

export interface DashboardDay {
  date: string;
  netSales: number;
  grossProfit: number;
  tickets: number;
}

export interface DashboardTopProduct {
  productId: string;
  sku: string;
  name: string;
  qty: number;
  netSales: number;
  grossProfit: number;
}

export interface DashboardStore {
  storeId: string;
  code: string;
  name: string;
  netSales: number;
  grossProfit: number;
  tickets: number;
  avgTicket: number;
}

export interface DashboardAlerts {
  lowStock: number;
  nearExpiry: number;
  negativeStock: number;
  /** Offline sales with flags (price differences, stock below zero…) still to review. */
  offlineReview: number;
}

export interface Dashboard {
  /** null = every store the caller may read. */
  storeId: string | null;
  today: string;
  from: string;
  to: string;
  todayKpis: DashboardKpis;
  period: DashboardKpis;
  /** The period of the same length just before `from` (环比). */
  previousPeriod: DashboardKpis;
  /** Today's sales by hour, 24 entries. */
  hourly: DashboardHour[];
  /** Every date of the period, oldest first, zeros included. */
  daily: DashboardDay[];
  /** Best sellers of the period by net sales, at most 10. */
  topProducts: DashboardTopProduct[];
  /** Every store the caller may read, for the period, by net sales descending. */
  stores: DashboardStore[];
  alerts: DashboardAlerts;
}
