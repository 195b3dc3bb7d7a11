// The books of a return, an exchange or a void (小企业会计准则). Entry 1 reverses revenue, output
// VAT and the 抹零 given back against the tenders paid back (credit: the money leaves the drawer,
// the wallet settlement account, the bank, the customer's stored value or the voucher expense);
// an exchange also books the goods taken instead, like a sale, and what the customer pays.
// Entry 2 puts the cost back into 库存商品 (and takes new goods out); entry 3 writes damaged goods
// off like a write-off with reason damaged. Accounts come from the company's posting rules:
// revenue and cost by the products' categories now, VAT by rate, tenders by method.
import type { PaymentMethod } from '../../../core/pricing/settle-payments';
import type { JournalEntryInput, JournalLineInput } from '../../posting/types';
import { ACCOUNTS } from '../accounts/chart';
import { sumByAccount, type PostingRules } from '../posting-rules/rules';
import { revenueLines, type BookedLine } from '../sales/sale-journal';

export interface RevenuePart {
  /** Per line, positive as on a sale: category, revenue (tax excluded) and cost. */
  lines: readonly BookedLine[];
  /** VAT by rate, positive. */
  taxByRate: readonly { rate: number; tax: number }[];
  /** Sign as on a sale: 抹零 gained (+) or given away (−). For a return: what the customer got beyond the lines' refunds. */
  rounding: number;
}

export interface TillBooks {
  title: string;
  /** Money by tender, signed: + received from the customer, − paid back. */
  tenders: readonly { method: PaymentMethod; amount: number }[];
  returned: RevenuePart;
  sold?: RevenuePart;
  damagedCost: number;
}

/** Lines with their tax rate and tax → the journal's view of them (VAT summed per rate). */
export function revenuePart(lines: readonly (BookedLine & { taxRate: number; tax: number })[], rounding: number): RevenuePart {
  const byRate = new Map<number, number>();
  for (const l of lines) byRate.set(l.taxRate, (byRate.get(l.taxRate) ?? 0) + l.tax);
  return {
    lines: lines.map((l) => ({ categoryId: l.categoryId, taxable: l.taxable, cost: l.cost })),
    taxByRate: [...byRate].map(([rate, tax]) => ({ rate, tax })),
    rounding,
  };
}

export function tillJournal(b: TillBooks, rules: PostingRules): JournalEntryInput[] {
  const lines: JournalLineInput[] = [];
  const byMethod = new Map<PaymentMethod, number>();
  for (const t of b.tenders) byMethod.set(t.method, (byMethod.get(t.method) ?? 0) + t.amount);
  for (const [method, amount] of byMethod) {
    if (amount > 0) lines.push({ account: rules.payment(method), debit: amount, credit: 0, memo: method });
    if (amount < 0) lines.push({ account: rules.payment(method), debit: 0, credit: -amount, memo: `${method} refund` });
  }
  const r = b.returned;
  lines.push(...revenueLines(r.lines, r.taxByRate, rules, 'debit', ' returned'));
  // A sale's 抹零 given away or gained is reversed into the account of its side.
  if (r.rounding < 0) lines.push({ account: rules.rounding('given'), debit: 0, credit: -r.rounding, memo: 'rounding (抹零) returned' });
  if (r.rounding > 0) lines.push({ account: rules.rounding('gained'), debit: r.rounding, credit: 0, memo: 'rounding (抹零) returned' });
  if (b.sold) {
    const s = b.sold;
    if (s.rounding < 0) lines.push({ account: rules.rounding('given'), debit: -s.rounding, credit: 0, memo: 'rounding (抹零)' });
    if (s.rounding > 0) lines.push({ account: rules.rounding('gained'), debit: 0, credit: s.rounding, memo: 'rounding (抹零)' });
    lines.push(...revenueLines(s.lines, s.taxByRate, rules, 'credit', ''));
  }
  const entries: JournalEntryInput[] = [];
  if (lines.length) entries.push({ memo: b.title, lines });

  const cogs = (part: RevenuePart) => sumByAccount(part.lines, (l) => rules.cogs(l.categoryId), (l) => l.cost);
  const cost = [
    ...cogs(r).flatMap(([account, amount]) => pair(ACCOUNTS.inventory, account, amount, 'goods returned')),
    ...(b.sold ? cogs(b.sold).flatMap(([account, amount]) => pair(account, ACCOUNTS.inventory, amount, 'goods sold')) : []),
  ];
  if (cost.length) entries.push({ memo: `Cost of ${b.title}`, lines: cost });
  const damaged = pair(rules.writeOff('damaged'), ACCOUNTS.inventory, b.damagedCost, 'damaged');
  if (damaged.length) entries.push({ memo: `Damaged goods of ${b.title} written off`, lines: damaged });
  return entries;
}

/** Debit one account and credit the other; a negative amount (a negative cost) swaps the sides. */
function pair(debit: string, credit: string, amount: number, memo: string): JournalLineInput[] {
  if (amount === 0) return [];
  const [dr, cr, a] = amount > 0 ? [debit, credit, amount] : [credit, debit, -amount];
  return [
    { account: dr, debit: a, credit: 0, memo },
    { account: cr, debit: 0, credit: a, memo },
  ];
}
