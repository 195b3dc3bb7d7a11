// The books of a return, an exchange or a void (小企业会计准则). Entry 1 reverses revenue, output
// VAT and the 抹零 given back against the tenders paid back (credit: the money leaves the drawer,
// the wallet settlement account, the bank, the customer's stored value or the voucher expense);
// an exchange also books the goods taken instead, like a sale, and what the customer pays.
// Entry 2 puts the cost back into 库存商品 (and takes new goods out); entry 3 writes damaged goods
// off to 营业外支出 like a write-off with reason damaged.
import type { PaymentMethod } from '../../../core/pricing/settle-payments';
import type { JournalEntryInput, JournalLineInput } from '../../posting/types';
import { ACCOUNTS } from '../accounts/chart';
import { PAYMENT_ACCOUNTS } from '../sales/tender';

export interface RevenuePart {
  /** Revenue (tax excluded) and VAT, positive. */
  taxable: number;
  tax: number;
  /** Sign as on a sale: 抹零 gained (+) or given away (−). For a return: what the customer got beyond the lines' refunds. */
  rounding: number;
}

export interface TillBooks {
  title: string;
  /** Money by tender, signed: + received from the customer, − paid back. */
  tenders: readonly { method: PaymentMethod; amount: number }[];
  returned: RevenuePart;
  sold?: RevenuePart;
  returnedCost: number;
  soldCost?: number;
  damagedCost: number;
}

export function tillJournal(b: TillBooks): JournalEntryInput[] {
  const lines: JournalLineInput[] = [];
  const byMethod = new Map<PaymentMethod, number>();
  for (const t of b.tenders) byMethod.set(t.method, (byMethod.get(t.method) ?? 0) + t.amount);
  for (const [method, amount] of byMethod) {
    if (amount > 0) lines.push({ account: PAYMENT_ACCOUNTS[method], debit: amount, credit: 0, memo: method });
    if (amount < 0) lines.push({ account: PAYMENT_ACCOUNTS[method], debit: 0, credit: -amount, memo: `${method} refund` });
  }
  const r = b.returned;
  if (r.taxable) lines.push({ account: ACCOUNTS.salesRevenue, debit: r.taxable, credit: 0, memo: 'revenue returned' });
  if (r.tax) lines.push({ account: ACCOUNTS.outputVat, debit: r.tax, credit: 0, memo: 'output VAT returned' });
  // A sale's 抹零 given away (5711) or gained (5301) is reversed into the account it came from.
  if (r.rounding < 0) lines.push({ account: ACCOUNTS.nonOperatingExpense, debit: 0, credit: -r.rounding, memo: 'rounding (抹零) returned' });
  if (r.rounding > 0) lines.push({ account: ACCOUNTS.nonOperatingIncome, debit: r.rounding, credit: 0, memo: 'rounding (抹零) returned' });
  if (b.sold) {
    const s = b.sold;
    if (s.rounding < 0) lines.push({ account: ACCOUNTS.nonOperatingExpense, debit: -s.rounding, credit: 0, memo: 'rounding (抹零)' });
    if (s.rounding > 0) lines.push({ account: ACCOUNTS.nonOperatingIncome, debit: 0, credit: s.rounding, memo: 'rounding (抹零)' });
    if (s.taxable) lines.push({ account: ACCOUNTS.salesRevenue, debit: 0, credit: s.taxable, memo: 'revenue' });
    if (s.tax) lines.push({ account: ACCOUNTS.outputVat, debit: 0, credit: s.tax, memo: 'output VAT' });
  }
  const entries: JournalEntryInput[] = [];
  if (lines.length) entries.push({ memo: b.title, lines });

  const cost = [
    ...pair(ACCOUNTS.inventory, ACCOUNTS.costOfSales, b.returnedCost, 'goods returned'),
    ...pair(ACCOUNTS.costOfSales, ACCOUNTS.inventory, b.soldCost ?? 0, 'goods sold'),
  ];
  if (cost.length) entries.push({ memo: `Cost of ${b.title}`, lines: cost });
  const damaged = pair(ACCOUNTS.nonOperatingExpense, ACCOUNTS.inventory, b.damagedCost, 'damaged');
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
