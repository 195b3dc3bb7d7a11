// Inventory documents (goods receipt 入库, write-off 报损/出库) and stock queries (on hand, in
// transit, batches and expiry, stock card, valuation, alerts).
import { z } from 'zod';
import { isCalendarDate } from '../core/time/calendar-date';
import { ClientId, ExportParams, Fen, Id, Paging, sortParam } from './common';

export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD')
  .refine(isCalendarDate, 'Not a calendar date')
  .describe('Calendar date, YYYY-MM-DD');

/** Integer thousandths, at least 0.001 of the unit (a document moves something). */
const PositiveQty = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).describe('Quantity in thousandths of the unit, > 0');

export const ReceiptBatch = z
  .strictObject({
    lot: z.string().trim().min(1).max(64).describe('Lot / batch number printed on the goods (批号)'),
    productionDate: CalendarDate.optional(),
    expiryDate: CalendarDate.optional().describe("Default: productionDate + the product's shelf life"),
  })
  .superRefine((b, ctx) => {
    if (b.productionDate && b.expiryDate && b.expiryDate < b.productionDate) {
      ctx.addIssue({ code: 'custom', path: ['expiryDate'], message: 'Expiry date is before the production date' });
    }
  });

export const ReceiptLine = z
  .strictObject({
    productId: Id,
    qty: PositiveQty.optional().describe('Thousandths of the base unit; or give packQty + unit'),
    packQty: PositiveQty.optional().describe('Thousandths of the pack unit (2 boxes = 2000)'),
    unit: z.string().trim().min(1).max(16).optional().describe('Pack unit of packQty (product_units), or the base unit'),
    unitCost: Fen.optional().describe('Cost in fen per base unit; or give lineCost'),
    lineCost: Fen.optional().describe('Cost of the whole line in fen'),
    batch: ReceiptBatch.optional(),
  })
  .superRefine((l, ctx) => {
    const hasQty = l.qty !== undefined;
    const hasPack = l.packQty !== undefined;
    if (hasQty === hasPack) ctx.addIssue({ code: 'custom', path: ['qty'], message: 'Give either qty, or packQty with unit' });
    if (hasPack && l.unit === undefined) ctx.addIssue({ code: 'custom', path: ['unit'], message: 'packQty needs the unit it counts' });
    if (hasQty && l.unit !== undefined) ctx.addIssue({ code: 'custom', path: ['unit'], message: 'unit goes with packQty, not with qty' });
    if ((l.unitCost === undefined) === (l.lineCost === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['unitCost'], message: 'Give either unitCost or lineCost' });
    }
  });

export const ReceiptBody = z.strictObject({
  id: ClientId,
  storeId: Id,
  locationId: Id.optional().describe("Default: the store's main location"),
  supplierId: Id.optional(),
  reference: z.string().trim().max(100).optional().describe("Supplier's delivery note or invoice number"),
  lines: z.array(ReceiptLine).min(1).max(1000),
});

export const WRITE_OFF_REASONS = ['damaged', 'expired', 'internal_use', 'lost', 'other'] as const;
export const WriteOffReason = z.enum(WRITE_OFF_REASONS);

export const WriteOffBody = z.strictObject({
  id: ClientId,
  storeId: Id,
  locationId: Id.optional().describe("Default: the store's main location"),
  reason: WriteOffReason,
  memo: z.string().trim().max(500).optional(),
  lines: z
    .array(z.strictObject({ productId: Id, qty: PositiveQty, batchId: Id.optional().describe('Take from this batch; otherwise FEFO') }))
    .min(1)
    .max(1000),
});

export const ON_HAND_SORTS = ['sku', 'name', 'location', 'expiryDate', 'qty', 'value'] as const;
export const OnHandQuery = z.strictObject({
  storeId: Id,
  locationId: Id.optional(),
  productId: Id.optional(),
  categoryId: Id.optional().describe('Includes its subcategories'),
  q: z.string().trim().min(1).max(100).optional().describe('SKU, name, pinyin initials or an exact barcode'),
  sort: sortParam(ON_HAND_SORTS, 'sku'),
  ...ExportParams,
  ...Paging,
});

export const InTransitQuery = z.strictObject({ storeId: Id.describe('Destination store'), productId: Id.optional(), ...Paging });

export const BATCH_SORTS = ['expiryDate', 'sku', 'name', 'lot', 'qty', 'value'] as const;
export const BatchStockQuery = z.strictObject({
  storeId: Id,
  productId: Id.optional(),
  locationId: Id.optional(),
  withinDays: z.coerce.number().int().min(0).max(3650).optional().describe('Only batches expiring within this many days (or already expired)'),
  sort: sortParam(BATCH_SORTS, 'expiryDate'),
  ...ExportParams,
  ...Paging,
});

export const StockCardQuery = z.strictObject({
  storeId: Id,
  productId: Id,
  locationId: Id.optional(),
  from: CalendarDate.optional().describe('First business date; the balance before it opens the card'),
  to: CalendarDate.optional().describe('Last business date'),
  ...Paging,
});

export const ValuationQuery = z.strictObject({
  storeId: Id,
  date: CalendarDate.optional().describe("End of this business date; default today in the store's time zone"),
  ...Paging,
});

export const ALERT_KINDS = ['below_min', 'over_max', 'near_expiry', 'expired', 'negative_stock', 'slow_mover'] as const;
export const ALERT_SEVERITIES = ['critical', 'warning', 'info'] as const;

/** One stock alert as GET /inventory/alerts returns it. */
export interface StockAlert {
  kind: (typeof ALERT_KINDS)[number];
  severity: (typeof ALERT_SEVERITIES)[number];
  storeId: string;
  productId: string;
  sku: string;
  name: string;
  locationId?: string;
  batchId?: string;
  qty: number;
  detail: Record<string, unknown>;
}

export const ALERT_SORTS = ['severity', 'kind', 'sku', 'name', 'qty'] as const;
export const AlertsQuery = z.strictObject({
  storeId: Id,
  kind: z.enum(ALERT_KINDS).optional(),
  nearExpiryDays: z
    .string()
    .regex(/^\d{1,4}(,\d{1,4}){0,2}$/, 'Up to three day thresholds, e.g. 30,15,7')
    .optional()
    .describe('Near-expiry thresholds in days; the smallest is critical, then warning, then info (default 30,15,7)'),
  slowDays: z.coerce.number().int().min(1).max(3650).default(30).describe('No outgoing move for this many days makes a slow mover'),
  sort: sortParam(ALERT_SORTS, 'severity'),
  ...ExportParams,
  ...Paging,
});
