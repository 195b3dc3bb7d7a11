// Posting rules resolved for one company (pure, no I/O): the journal builders ask this object
// which account to use and never read a table themselves, so a sale pays no query for them.
// Defaults are the chart's accounts the books used before rules existed (小企业会计准则).
import type { PaymentMethod } from '../../../core/pricing/settle-payments';
import type { PostingRuleKind } from '../../../contracts/posting-rules';
import type { WRITE_OFF_REASONS } from '../../../contracts/inventory';
import { ACCOUNTS } from '../accounts/chart';
import { PAYMENT_ACCOUNTS } from '../sales/tender';

type WriteOffReason = (typeof WRITE_OFF_REASONS)[number];

/**
 * Where each write-off reason's cost goes by default: losses from damage, expiry and theft are
 * non-operating expenses; goods used by the shop itself are a selling expense; a loss not yet
 * explained waits in 待处理财产损溢 until management decides.
 */
const WRITE_OFF_DEFAULTS: Record<WriteOffReason, string> = {
  damaged: ACCOUNTS.nonOperatingExpense,
  expired: ACCOUNTS.nonOperatingExpense,
  lost: ACCOUNTS.nonOperatingExpense,
  internal_use: ACCOUNTS.sellingExpenses,
  other: ACCOUNTS.lossPending,
};

/** The account a kind + key books to when the company has no rule for it. */
export function defaultAccount(kind: PostingRuleKind, key: string): string {
  switch (kind) {
    case 'payment_method':
      return PAYMENT_ACCOUNTS[key as PaymentMethod] ?? ACCOUNTS.cash;
    case 'category_revenue':
      return ACCOUNTS.salesRevenue;
    case 'category_cogs':
      return ACCOUNTS.costOfSales;
    case 'tax_rate':
      return ACCOUNTS.outputVat;
    case 'rounding':
      // 抹零 given away is a non-operating expense, gained a non-operating income.
      return key === 'given' ? ACCOUNTS.nonOperatingExpense : ACCOUNTS.nonOperatingIncome;
    case 'cash_over_short':
    case 'stocktake_variance':
      // Count differences wait in 1901 待处理财产损溢 until a manager decides (see shift-close.ts).
      return ACCOUNTS.lossPending;
    case 'write_off_reason':
      return WRITE_OFF_DEFAULTS[key as WriteOffReason] ?? ACCOUNTS.lossPending;
    case 'supplier_receipt':
      return ACCOUNTS.payable;
  }
}

export interface RuleRow {
  kind: PostingRuleKind;
  key: string;
  account: string;
}

export interface CategoryNode {
  id: string;
  parentId: string | null;
  name: string;
}

export interface PostingRules {
  payment(method: PaymentMethod): string;
  /** Revenue and cost of goods sold by the product's category (nearest ancestor with a rule). */
  revenue(categoryId: string | null): string;
  cogs(categoryId: string | null): string;
  /** Output VAT by tax rate in basis points (1300 → 222101 销项税额 13%). */
  vat(taxRate: number): string;
  rounding(side: 'given' | 'gained'): string;
  overShort(side: 'over' | 'short'): string;
  writeOff(reason: WriteOffReason): string;
  stocktake(side: 'gain' | 'loss'): string;
  payable(): string;
  /** Whether the category existed when the rules were read (a newer one makes the cache reload). */
  knowsCategory(categoryId: string): boolean;
  /** Where a category's rule of `kind` comes from, for GET /posting-rules. */
  categorySource(kind: 'category_revenue' | 'category_cogs', categoryId: string): { account: string; from: string | null };
}

export function resolveRules(rows: readonly RuleRow[], categories: readonly CategoryNode[]): PostingRules {
  const rule = new Map(rows.map((r) => [`${r.kind}\u0000${r.key}`, r.account]));
  const get = (kind: PostingRuleKind, key: string) => rule.get(`${kind}\u0000${key}`) ?? defaultAccount(kind, key);
  const parentOf = new Map(categories.map((c) => [c.id, c.parentId]));
  const memo = new Map<string, { account: string; from: string | null }>();

  const inherited = (kind: 'category_revenue' | 'category_cogs', categoryId: string | null) => {
    if (categoryId === null) return { account: defaultAccount(kind, ''), from: null };
    const cacheKey = `${kind}\u0000${categoryId}`;
    const hit = memo.get(cacheKey);
    if (hit) return hit;
    let found: { account: string; from: string | null } = { account: defaultAccount(kind, categoryId), from: null };
    // The nearest ancestor with a rule wins; the depth guard stops a (corrupt) parent cycle.
    let at: string | null | undefined = categoryId;
    for (let depth = 0; at && depth < 64; depth++, at = parentOf.get(at)) {
      const account = rule.get(`${kind}\u0000${at}`);
      if (account) {
        found = { account, from: at };
        break;
      }
    }
    memo.set(cacheKey, found);
    return found;
  };

  return {
    payment: (method) => get('payment_method', method),
    revenue: (categoryId) => inherited('category_revenue', categoryId).account,
    cogs: (categoryId) => inherited('category_cogs', categoryId).account,
    vat: (taxRate) => get('tax_rate', String(taxRate)),
    rounding: (side) => get('rounding', side),
    overShort: (side) => get('cash_over_short', side),
    writeOff: (reason) => get('write_off_reason', reason),
    stocktake: (side) => get('stocktake_variance', side),
    payable: () => get('supplier_receipt', 'payable'),
    knowsCategory: (categoryId) => parentOf.has(categoryId),
    categorySource: inherited,
  };
}

/** The books as they were before posting rules: every default. */
export const DEFAULT_RULES: PostingRules = resolveRules([], []);

/** Amounts summed per account, accounts in first-seen order (so the default books one line). */
export function sumByAccount<T>(items: readonly T[], account: (item: T) => string, amount: (item: T) => number): [string, number][] {
  const out = new Map<string, number>();
  for (const item of items) {
    const a = account(item);
    out.set(a, (out.get(a) ?? 0) + amount(item));
  }
  return [...out];
}
