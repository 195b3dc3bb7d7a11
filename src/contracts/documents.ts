import { z } from 'zod';
import { AccountCode, ClientId, ExportParams, Fen, Id, Paging, Qty, sortParam } from './common';

const BusinessDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD');

export const DOCUMENT_SORT_FIELDS = ['postedAt', 'businessDate', 'number', 'total'] as const;

export const DocumentListQuery = z.strictObject({
  storeId: Id.optional(),
  type: z.string().max(32).optional(),
  from: BusinessDate.optional().describe('First business date (inclusive)'),
  to: BusinessDate.optional().describe('Last business date (inclusive)'),
  sort: sortParam(DOCUMENT_SORT_FIELDS, '-postedAt').describe('A leading - sorts descending; businessDate with storeId reads the (store_id, business_date) index'),
  ...ExportParams,
  ...Paging,
});

const DebitCredit = { account: AccountCode, debit: Fen, credit: Fen };

export const OpeningBalanceBody = z.strictObject({
  id: ClientId,
  storeId: Id,
  memo: z.string().max(500).optional(),
  stock: z
    .array(z.strictObject({ productId: Id, qty: Qty.refine((q) => q > 0, 'Opening stock must be positive'), unitCost: Fen.describe('Cost per unit in fen') }))
    .max(10_000)
    .default([]),
  accounts: z.array(z.strictObject(DebitCredit)).max(1000).default([]),
});

export const CashMovementBody = z.strictObject({
  id: ClientId,
  registerId: Id,
  direction: z.enum(['in', 'out']).describe('in = paid-in to the drawer, out = paid-out of the drawer'),
  amount: Fen.refine((a) => a > 0, 'Amount must be positive'),
  reason: z.string().trim().min(1).max(200),
  account: AccountCode.optional().describe('Counter account; default 1002 for paid-in, 5601 for paid-out'),
  approvalToken: z.string().min(1).max(200).optional(),
});

