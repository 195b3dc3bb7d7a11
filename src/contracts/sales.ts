// Checkout (POST /sales) and the review list of sales accepted with something to look at.
import { z } from 'zod';
import { PAYMENT_METHODS } from '../core/pricing/settle-payments';
import { ClientId, ExportParams, Fen, Id, Paging, Qty, sortParam } from './common';
import { SALE_FLAG_STATUSES, SALE_KINDS } from './sales-journal';

export { SALE_FLAG_STATUSES, SALE_KINDS, type SaleFlagStatus, type SaleKind } from './sales-journal';

export const DiscountSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('percent'), bp: z.number().int().min(0).max(10_000).describe('Basis points off: 1000 = 10% off (九折)') }),
    z.strictObject({ type: z.literal('amount'), fen: Fen.describe('Fen off') }),
  ])
  .describe('A percent or a fixed amount off');

export const SaleLineSchema = z
  .strictObject({
    productId: Id.optional(),
    code: z.string().trim().min(1).max(64).optional().describe('Barcode, SKU, PLU, or a 13/18-digit scale label (称重码)'),
    qty: Qty.refine((q) => q > 0, 'A sale line needs a positive quantity')
      .optional()
      .describe('Thousandths of the scanned unit (a pack barcode counts packs); required except for a scale label, which is one item'),
    unitPrice: Fen.optional().describe('Price per scanned unit (per kg when weighed) the till charged; required for an offline sale, ignored online'),
    priceOverride: Fen.optional().describe('Price per scanned unit set by the cashier (改价); needs approval sale.price_override unless a manager sells'),
    lineDiscount: DiscountSchema.optional(),
    batchId: Id.optional().describe('Sell from this batch (a scanned lot) instead of first-expiry-first-out'),
  })
  .superRefine((l, ctx) => {
    if ((l.productId === undefined) === (l.code === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['productId'], message: 'Give either productId or code' });
    }
  });

export const SalePaymentSchema = z.strictObject({
  method: z.enum(PAYMENT_METHODS),
  amount: Fen.refine((a) => a > 0, 'A payment is a positive amount').describe('Fen; for cash, what the customer handed over (change included)'),
  authCode: z.string().regex(/^\d{16,24}$/, 'A payment code (付款码) is 16 to 24 digits').optional().describe('The customer’s 付款码 for wechat / alipay / unionpay'),
  reference: z.string().trim().min(1).max(64).optional().describe('Card terminal reference (参考号), voucher or stored-value card number'),
});

export const SaleBody = z.strictObject({
  id: ClientId,
  registerId: Id,
  shiftId: Id,
  lines: z.array(SaleLineSchema).min(1).max(500),
  orderDiscount: DiscountSchema.optional(),
  memberCode: z.string().trim().min(1).max(64).optional().describe('Member card or phone as scanned; member prices (会员价) apply'),
  payments: z.array(SalePaymentSchema).min(1).max(20),
  clientTotal: Fen.describe('The amount due the till showed'),
  offline: z.boolean().default(false).describe('Rung up while the server was unreachable: accepted as charged'),
  clientTime: z.iso.datetime({ offset: true }).describe('When the till rang the sale up'),
  training: z.boolean().optional().describe('Training mode (培训模式): priced and checked like a sale, posted to nothing'),
  approvalToken: z
    .union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).min(1).max(2)])
    .optional()
    .describe('Manager approval(s) from POST /approvals: sale.price_override and/or sale.discount'),
});
export type SaleInput = z.infer<typeof SaleBody>;
export type SaleLineInput = z.infer<typeof SaleLineSchema>;
export type SalePaymentInput = z.infer<typeof SalePaymentSchema>;

export const SALE_FLAG_KINDS = ['price_differs', 'negative_stock', 'approval_missing', 'rounding_differs', 'shift_closed'] as const;
export type SaleFlagKind = (typeof SALE_FLAG_KINDS)[number];

export const SaleReviewQuery = z.strictObject({
  storeId: Id,
  kind: z.enum(SALE_FLAG_KINDS).optional(),
  status: z.enum(SALE_FLAG_STATUSES).default('open').describe('open: not yet reviewed (the default); reviewed; all'),
  ...Paging,
});

/** POST /sales/review: mark flags of one store as reviewed, all or none. */
export const SaleFlagsReviewBody = z.strictObject({
  storeId: Id,
  flags: z
    .array(z.strictObject({ documentId: Id, flagNo: z.number().int().min(1) }))
    .min(1)
    .max(200)
    .describe('The flags looked at, as the review list names them (documentId, flagNo)'),
  note: z.string().trim().max(500).default('').describe('What was found or done, kept with the review'),
});
export type SaleFlagsReviewInput = z.infer<typeof SaleFlagsReviewBody>;

/** The sales journal (GET /sales): sales, returns, exchanges and voids, newest first. */
export const SALES_SORTS = ['businessDate', 'postedAt', 'number', 'due'] as const;
export const SalesListQuery = z.strictObject({
  storeId: Id.optional().describe('One store; without it every store the caller may read'),
  registerId: Id.optional(),
  kind: z.enum(SALE_KINDS).optional(),
  cashierId: Id.optional().describe('Who rang it up (the document’s poster)'),
  from: z.iso.date().optional().describe('First business date (inclusive)'),
  to: z.iso.date().optional().describe('Last business date (inclusive)'),
  number: z.string().trim().min(1).max(64).optional().describe('Exact receipt number'),
  sort: sortParam(SALES_SORTS, '-businessDate'),
  ...ExportParams,
  ...Paging,
});
export type SalesListInput = z.infer<typeof SalesListQuery>;
