// Takings of a shift or a day (X report, 交接班, 日结) from the sale documents' totals, and the
// count of the drawer against them. Pure, so the server's reports and a till's offline X report
// add up the same way. All figures fen, signed as the documents are (refunds negative).
import { mulDivRound } from '../money/round';

/** Documents of one kind in the period: sale, return, exchange or void (the `sales.kind` column). */
export interface KindTotals {
  kind: string;
  count: number;
  /** Σ amount due (signed: refunds negative). */
  due: number;
  /** Σ 抹零 (signed). */
  rounding: number;
  tax: number;
  /** Σ cash change handed back. */
  change: number;
  /** Σ line discounts and order-discount shares (signed like the lines). */
  discount: number;
}

/** Tenders of one method in the period: what came in and what went back out. */
export interface MethodTotals {
  method: string;
  count: number;
  /** Σ positive tender amounts (cash: as handed over, before change). */
  received: number;
  /** Σ refunds, as a positive number. */
  refunded: number;
}

export interface TakingsInput {
  openingFloat: number;
  kinds: readonly KindTotals[];
  methods: readonly MethodTotals[];
  /** Cash put into / taken out of the drawer (存入 / 取出, the register's cash_in / cash_out). */
  paidIn: number;
  paidOut: number;
}

export interface CountTotal {
  count: number;
  total: number;
}

export interface MethodTakings {
  method: string;
  count: number;
  received: number;
  refunded: number;
  /** Cash: net of change. */
  change: number;
  /** received − refunded − change: what the method should hold from this period. */
  net: number;
}

export interface TakingsSummary {
  sales: CountTotal;
  returns: CountTotal;
  exchanges: CountTotal;
  voids: CountTotal;
  /** Σ due over every kind: sales less returns, voids, exchange differences. */
  netSales: number;
  discounts: number;
  rounding: number;
  tax: number;
  /** Customer transactions: sales less the voided ones. */
  tickets: number;
  /** netSales ÷ tickets, rounded half up; 0 without tickets. */
  averageTicket: number;
  payments: MethodTakings[];
  cash: {
    openingFloat: number;
    received: number;
    change: number;
    refunded: number;
    paidIn: number;
    paidOut: number;
    /** What the drawer should hold: float + received − change − refunded + paid-in − paid-out. */
    expected: number;
  };
}

const METHOD_ORDER = ['cash', 'wechat', 'alipay', 'unionpay', 'card', 'stored_value', 'voucher'];

export function summarizeTakings(input: TakingsInput): TakingsSummary {
  const of = (kind: string): CountTotal => {
    const rows = input.kinds.filter((k) => k.kind === kind);
    return { count: sum(rows, (r) => r.count), total: sum(rows, (r) => r.due) };
  };
  const sales = of('sale');
  const voids = of('void');
  const netSales = sum(input.kinds, (k) => k.due);
  const tickets = Math.max(0, sales.count - voids.count);
  const change = sum(input.kinds, (k) => k.change);

  const byMethod = new Map<string, MethodTakings>();
  for (const m of input.methods) {
    const acc = byMethod.get(m.method) ?? { method: m.method, count: 0, received: 0, refunded: 0, change: 0, net: 0 };
    acc.count += m.count;
    acc.received += m.received;
    acc.refunded += m.refunded;
    byMethod.set(m.method, acc);
  }
  if (change !== 0 && !byMethod.has('cash')) byMethod.set('cash', { method: 'cash', count: 0, received: 0, refunded: 0, change: 0, net: 0 });
  const payments = [...byMethod.values()]
    .map((m) => {
      const c = m.method === 'cash' ? change : 0;
      return { ...m, change: c, net: m.received - m.refunded - c };
    })
    .sort((a, b) => rank(a.method) - rank(b.method) || a.method.localeCompare(b.method));

  const cash = payments.find((p) => p.method === 'cash');
  const received = cash?.received ?? 0;
  const refunded = cash?.refunded ?? 0;
  return {
    sales,
    returns: of('return'),
    exchanges: of('exchange'),
    voids,
    netSales,
    discounts: sum(input.kinds, (k) => k.discount),
    rounding: sum(input.kinds, (k) => k.rounding),
    tax: sum(input.kinds, (k) => k.tax),
    tickets,
    averageTicket: tickets ? mulDivRound(netSales, 1, tickets) : 0,
    payments,
    cash: {
      openingFloat: input.openingFloat,
      received,
      change,
      refunded,
      paidIn: input.paidIn,
      paidOut: input.paidOut,
      expected: input.openingFloat + received - change - refunded + input.paidIn - input.paidOut,
    },
  };
}

/** Cash denominations counted at close, yuan label → fen: ¥100, 50, 20, 10, 5, 1 notes, 5 角 and 1 角. */
export const CASH_DENOMINATIONS = { '100': 10_000, '50': 5_000, '20': 2_000, '10': 1_000, '5': 500, '1': 100, '0.5': 50, '0.1': 10 } as const;
export type CashDenomination = keyof typeof CASH_DENOMINATIONS;

/** The counted drawer, exact: Σ count × face value in fen. */
export function countCash(counts: Partial<Record<CashDenomination, number>>): number {
  let total = 0;
  for (const [denomination, count] of Object.entries(counts)) {
    const fen = CASH_DENOMINATIONS[denomination as CashDenomination];
    if (fen === undefined) throw new RangeError(`unknown denomination ${denomination}`);
    if (!Number.isSafeInteger(count) || count! < 0) throw new RangeError(`count of ${denomination} must be a whole number ≥ 0`);
    total += fen * count!;
  }
  if (!Number.isSafeInteger(total)) throw new RangeError('counted cash is too large');
  return total;
}

export interface MethodCount {
  method: string;
  expected: number;
  counted: number;
  /** counted − expected: positive = over (长款), negative = short (短款). */
  difference: number;
}

/**
 * Expected against counted per method. Cash is always counted; a non-cash method not counted
 * (no settlement slip at hand) is taken as expected; a method counted but not expected (a
 * payment the system never saw) is listed with expected 0.
 */
export function reconcileCount(summary: TakingsSummary, countedCash: number, countedOther: Readonly<Record<string, number>>): MethodCount[] {
  const rows: MethodCount[] = [{ method: 'cash', expected: summary.cash.expected, counted: countedCash, difference: countedCash - summary.cash.expected }];
  const methods = new Set([...summary.payments.map((p) => p.method), ...Object.keys(countedOther)]);
  methods.delete('cash');
  for (const method of [...methods].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))) {
    const expected = summary.payments.find((p) => p.method === method)?.net ?? 0;
    const counted = countedOther[method] ?? expected;
    rows.push({ method, expected, counted, difference: counted - expected });
  }
  return rows;
}

function rank(method: string): number {
  const i = METHOD_ORDER.indexOf(method);
  return i === -1 ? METHOD_ORDER.length : i;
}

function sum<T>(rows: readonly T[], pick: (r: T) => number): number {
  return rows.reduce((s, r) => s + pick(r), 0);
}
