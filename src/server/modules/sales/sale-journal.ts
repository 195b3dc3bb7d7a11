// The books of a sale (小企业会计准则). Entry 1, the revenue: debit what was received by tender
// account (cash net of change), book the 抹零 line to its own account (given away: 5711 营业外支出;
// gained: 5301 营业外收入), credit revenue with the taxable amounts by the lines' categories and
// output VAT with the tax of each rate group. Entry 2, the cost: 5401 主营业务成本 (by category)
// against 1405 库存商品. Every account comes from the company's posting rules (defaults as named).
import type { PaymentMethod } from '../../../core/pricing/settle-payments';
import type { RateGroupTax } from '../../../core/tax/split-tax-inclusive';
import type { JournalEntryInput, JournalLineInput } from '../../posting/types';
import { ACCOUNTS } from '../accounts/chart';
import { sumByAccount, type PostingRules } from '../posting-rules/rules';

/** One sale line as the books see it: its category, revenue without tax, and cost. */
export interface BookedLine {
  categoryId: string | null;
  taxable: number;
  cost: number;
}

export interface SaleBooks {
  number: string;
  payments: readonly { method: PaymentMethod; amount: number }[];
  change: number;
  rounding: number;
  taxByRate: readonly RateGroupTax[];
  /** Σ taxable = Σ taxByRate taxable: a line's tax is its group's tax prorated (§9 rule 4). */
  lines: readonly BookedLine[];
}

export function saleJournal(s: SaleBooks, rules: PostingRules): JournalEntryInput[] {
  const received = new Map<PaymentMethod, number>();
  for (const p of s.payments) received.set(p.method, (received.get(p.method) ?? 0) + p.amount);
  // Change comes out of the drawer: the cash kept is what was handed over minus what went back.
  if (s.change) received.set('cash', (received.get('cash') ?? 0) - s.change);

  const lines: JournalLineInput[] = [];
  for (const [method, amount] of received) {
    if (amount > 0) lines.push({ account: rules.payment(method), debit: amount, credit: 0, memo: method });
  }
  if (s.rounding < 0) lines.push({ account: rules.rounding('given'), debit: -s.rounding, credit: 0, memo: 'rounding (抹零)' });
  if (s.rounding > 0) lines.push({ account: rules.rounding('gained'), debit: 0, credit: s.rounding, memo: 'rounding (抹零)' });
  lines.push(...revenueLines(s.lines, s.taxByRate, rules, 'credit', ''));

  const entries: JournalEntryInput[] = [{ memo: `Sale ${s.number}`, lines }];
  const cost = s.lines.reduce((sum, l) => sum + l.cost, 0);
  if (cost > 0) {
    const cogs = sumByAccount(s.lines, (l) => rules.cogs(l.categoryId), (l) => l.cost).filter(([, a]) => a !== 0);
    entries.push({
      memo: `Cost of sale ${s.number}`,
      lines: [
        ...cogs.map(([account, a]): JournalLineInput => (a > 0 ? { account, debit: a, credit: 0 } : { account, debit: 0, credit: -a })),
        { account: ACCOUNTS.inventory, debit: 0, credit: cost },
      ],
    });
  }
  return entries;
}

/**
 * Revenue by the lines' category accounts, then output VAT by the rate groups' accounts, on one
 * side (a sale credits them, a return debits them). `suffix` ends the memos (' returned').
 */
export function revenueLines(
  lines: readonly { categoryId: string | null; taxable: number }[],
  taxByRate: readonly { rate: number; tax: number }[],
  rules: PostingRules,
  side: 'credit' | 'debit',
  suffix: string,
): JournalLineInput[] {
  const out: JournalLineInput[] = [];
  const book = (account: string, amount: number, memo: string) => {
    if (amount === 0) return;
    const onSide = (amount > 0) === (side === 'credit');
    out.push({ account, debit: onSide ? 0 : Math.abs(amount), credit: onSide ? Math.abs(amount) : 0, memo });
  };
  for (const [account, amount] of sumByAccount(lines, (l) => rules.revenue(l.categoryId), (l) => l.taxable)) book(account, amount, `revenue${suffix}`);
  const taxed = taxByRate.filter((g) => g.tax);
  for (const [account, amount] of sumByAccount(taxed, (g) => rules.vat(g.rate), (g) => g.tax)) {
    const rates = taxed.filter((g) => rules.vat(g.rate) === account);
    book(account, amount, `output VAT${suffix} ${rates.map((g) => `${g.rate / 100}%: ${g.tax}`).join(', ')}`);
  }
  return out;
}
