// The books of a sale (小企业会计准则). Entry 1, the revenue: debit what was received by tender
// account (cash net of change), book the 抹零 line to its own account (given away: 5711 营业外支出;
// gained: 5301 营业外收入), credit revenue with the taxable amounts and output VAT with the tax of
// each rate group. Entry 2, the cost: 5401 主营业务成本 against 1405 库存商品.
import type { PaymentMethod } from '../../../core/pricing/settle-payments';
import type { RateGroupTax } from '../../../core/tax/split-tax-inclusive';
import type { JournalEntryInput, JournalLineInput } from '../../posting/types';
import { ACCOUNTS } from '../accounts/chart';
import { PAYMENT_ACCOUNTS } from './tender';

export interface SaleBooks {
  number: string;
  payments: readonly { method: PaymentMethod; amount: number }[];
  change: number;
  rounding: number;
  taxByRate: readonly RateGroupTax[];
  cost: number;
}

export function saleJournal(s: SaleBooks): JournalEntryInput[] {
  const received = new Map<PaymentMethod, number>();
  for (const p of s.payments) received.set(p.method, (received.get(p.method) ?? 0) + p.amount);
  // Change comes out of the drawer: the cash kept is what was handed over minus what went back.
  if (s.change) received.set('cash', (received.get('cash') ?? 0) - s.change);

  const lines: JournalLineInput[] = [];
  for (const [method, amount] of received) {
    if (amount > 0) lines.push({ account: PAYMENT_ACCOUNTS[method], debit: amount, credit: 0, memo: method });
  }
  if (s.rounding < 0) lines.push({ account: ACCOUNTS.nonOperatingExpense, debit: -s.rounding, credit: 0, memo: 'rounding (抹零)' });
  if (s.rounding > 0) lines.push({ account: ACCOUNTS.nonOperatingIncome, debit: 0, credit: s.rounding, memo: 'rounding (抹零)' });
  const taxable = s.taxByRate.reduce((sum, g) => sum + g.taxable, 0);
  const tax = s.taxByRate.reduce((sum, g) => sum + g.tax, 0);
  if (taxable > 0) lines.push({ account: ACCOUNTS.salesRevenue, debit: 0, credit: taxable, memo: 'revenue' });
  if (tax > 0) lines.push({ account: ACCOUNTS.outputVat, debit: 0, credit: tax, memo: `output VAT ${s.taxByRate.filter((g) => g.tax).map((g) => `${g.rate / 100}%: ${g.tax}`).join(', ')}` });

  const entries: JournalEntryInput[] = [{ memo: `Sale ${s.number}`, lines }];
  if (s.cost > 0) {
    entries.push({
      memo: `Cost of sale ${s.number}`,
      lines: [
        { account: ACCOUNTS.costOfSales, debit: s.cost, credit: 0 },
        { account: ACCOUNTS.inventory, debit: 0, credit: s.cost },
      ],
    });
  }
  return entries;
}
