// Derived sales figures from summed rollup columns, exact to the fen (docs/analytics.md).
import { mulDivRound } from '../money/round';

/** Sums read from the rollups; every field signed fen except tickets and items (thousandths). */
export interface SalesSums {
  sales: number;
  returns: number;
  tax: number;
  cost: number;
  tickets: number;
  items: number;
  discounts: number;
}

export const ZERO_SUMS: SalesSums = { sales: 0, returns: 0, tax: 0, cost: 0, tickets: 0, items: 0, discounts: 0 };

export function addSums(a: SalesSums, b: Partial<SalesSums>): SalesSums {
  return {
    sales: a.sales + Number(b.sales ?? 0),
    returns: a.returns + Number(b.returns ?? 0),
    tax: a.tax + Number(b.tax ?? 0),
    cost: a.cost + Number(b.cost ?? 0),
    tickets: a.tickets + Number(b.tickets ?? 0),
    items: a.items + Number(b.items ?? 0),
    discounts: a.discounts + Number(b.discounts ?? 0),
  };
}

/** n / d rounded half up (away from zero), 0 when d is not positive. */
export function ratio(n: number, d: number, scale = 1): number {
  return d > 0 ? mulDivRound(n, scale, d) : 0;
}

export function salesFigures(s: SalesSums) {
  const netSales = s.sales - s.returns;
  const revenue = netSales - s.tax;
  const grossProfit = revenue - s.cost;
  return {
    sales: s.sales,
    returns: s.returns,
    netSales,
    tax: s.tax,
    revenue,
    cost: s.cost,
    grossProfit,
    grossMarginBp: ratio(grossProfit, revenue, 10_000),
    tickets: s.tickets,
    avgTicket: ratio(netSales, s.tickets),
    itemsPerTicketMilli: ratio(s.items, s.tickets),
    discounts: s.discounts,
    returnRateBp: ratio(s.returns, s.sales, 10_000),
  };
}
