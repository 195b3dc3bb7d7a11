// Returns (退货), exchanges (换货) and voids (作废) of posted sales, and the sale lookup a till
// uses to show a receipt for return.
import { z } from 'zod';
import { ClientId, Fen, Id, Qty } from './common';
import { DiscountSchema, SaleLineSchema, SalePaymentSchema } from './sales';

/** The sale being returned: its receipt number as scanned from the receipt's barcode, or its id. */
const OriginalSale = {
  saleNumber: z.string().trim().min(1).max(64).optional().describe('Receipt number, e.g. S01-R01-000042 (scanned from the receipt)'),
  saleId: Id.optional().describe('The sale document id'),
};

export const ReturnLineSchema = z.strictObject({
  lineNo: z.number().int().min(1).describe('Line of the original receipt (1-based)'),
  qty: Qty.refine((q) => q > 0, 'A return line needs a positive quantity').describe('Thousandths of the base unit (as the receipt line’s qty)'),
  damaged: z.boolean().default(false).describe('Damaged goods go straight to write-off (reason damaged) instead of back on the shelf'),
});

export const NoReceiptItemSchema = z.strictObject({
  productId: Id,
  qty: Qty.refine((q) => q > 0, 'A return line needs a positive quantity').describe('Thousandths of the base unit'),
  unitPrice: Fen.refine((p) => p > 0, 'Give the price refunded per unit').describe('Refund price per base unit, tax included'),
  damaged: z.boolean().default(false),
});

const TillRequest = {
  id: ClientId,
  registerId: Id,
  shiftId: Id.describe('The open shift of the register doing the return'),
  clientTime: z.iso.datetime({ offset: true }),
  approvalToken: z.string().min(1).max(200).optional(),
};

function oneOriginal(b: { saleNumber?: string; saleId?: string }, ctx: z.RefinementCtx) {
  if ((b.saleNumber === undefined) === (b.saleId === undefined)) ctx.addIssue({ code: 'custom', path: ['saleNumber'], message: 'Give either saleNumber or saleId' });
}

export const ReturnBody = z
  .strictObject({
    ...TillRequest,
    ...OriginalSale,
    lines: z.array(ReturnLineSchema).min(1).max(500).optional().describe('Lines and quantities to take back; omitted: the whole receipt (what is left of it)'),
    damaged: z.boolean().default(false).describe('With the whole receipt: every item is damaged'),
    withoutReceipt: z.array(NoReceiptItemSchema).min(1).max(100).optional().describe('Return without receipt (needs approval return.no_receipt); refunded in cash'),
    cardReference: z.string().trim().min(1).max(64).optional().describe('Terminal reference of a refund to a bank card'),
    reason: z.string().trim().max(200).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.withoutReceipt) {
      if (b.saleNumber !== undefined || b.saleId !== undefined || b.lines) ctx.addIssue({ code: 'custom', path: ['withoutReceipt'], message: 'A return without receipt names no sale and no receipt lines' });
    } else oneOriginal(b, ctx);
    const seen = new Set<number>();
    b.lines?.forEach((l, i) => {
      if (seen.has(l.lineNo)) ctx.addIssue({ code: 'custom', path: ['lines', i, 'lineNo'], message: 'Each receipt line once' });
      seen.add(l.lineNo);
    });
  });
export type ReturnInput = z.infer<typeof ReturnBody>;
export type ReturnLineInput = z.infer<typeof ReturnLineSchema>;

export const ExchangeBody = z
  .strictObject({
    ...TillRequest,
    ...OriginalSale,
    returnLines: z.array(ReturnLineSchema).min(1).max(500).describe('What the customer brings back'),
    lines: z.array(SaleLineSchema).min(1).max(500).describe('What the customer takes instead (priced like a sale)'),
    orderDiscount: DiscountSchema.optional(),
    memberCode: z.string().trim().min(1).max(64).optional(),
    payments: z.array(SalePaymentSchema).max(20).default([]).describe('When the customer pays the difference'),
    clientNet: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).describe('The difference the till showed: + the customer pays, − the customer gets back'),
    cardReference: z.string().trim().min(1).max(64).optional(),
  })
  .superRefine(oneOriginal);
export type ExchangeInput = z.infer<typeof ExchangeBody>;

export const VoidBody = z
  .strictObject({
    id: ClientId,
    registerId: Id,
    ...OriginalSale,
    approvalToken: z.string().min(1).max(200).optional().describe('Manager approval sale.void (not needed when a manager voids)'),
    cardReference: z.string().trim().min(1).max(64).optional(),
    reason: z.string().trim().max(200).optional(),
  })
  .superRefine(oneOriginal);
export type VoidInput = z.infer<typeof VoidBody>;

export const SaleNumberParams = z.strictObject({ number: z.string().min(1).max(64) });

/** The till looking a receipt up for a return: its register (default the till session's) lets it find other stores' receipts. */
export const SaleLookupQuery = z.strictObject({ registerId: Id.optional().describe('The register taking the goods back') });
