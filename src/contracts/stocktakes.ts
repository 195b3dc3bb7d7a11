// Stocktakes (盘点): a snapshot at start, scans from several devices while the shop keeps
// selling, a variance review, and one adjustment document on approval.
import { z } from 'zod';
import { ClientId, ExportParams, Id, Paging, Qty, sortParam } from './common';

export const STOCKTAKE_SCOPES = ['full', 'category', 'location'] as const;
export const STOCKTAKE_STATUSES = ['counting', 'approved', 'cancelled'] as const;

export const StartStocktakeBody = z
  .strictObject({
    storeId: Id,
    scope: z.enum(STOCKTAKE_SCOPES).describe('full = the whole store; category (with subcategories); location (with its bins)'),
    categoryId: Id.optional(),
    locationId: Id.optional(),
    blind: z.boolean().default(true).describe('Counters do not see the book quantities (default)'),
  })
  .superRefine((b, ctx) => {
    if (b.scope === 'category' && b.categoryId === undefined) ctx.addIssue({ code: 'custom', path: ['categoryId'], message: 'A category stocktake names its category' });
    if (b.scope === 'location' && b.locationId === undefined) ctx.addIssue({ code: 'custom', path: ['locationId'], message: 'A location stocktake names its location' });
    if (b.scope !== 'category' && b.categoryId !== undefined) ctx.addIssue({ code: 'custom', path: ['categoryId'], message: 'Only a category stocktake takes categoryId' });
    if (b.scope !== 'location' && b.locationId !== undefined) ctx.addIssue({ code: 'custom', path: ['locationId'], message: 'Only a location stocktake takes locationId' });
  });

export const CountEntry = z
  .strictObject({
    productId: Id.optional(),
    barcode: z.string().trim().min(1).max(64).optional().describe('Scanned code; a pack barcode counts packs (qty 1000 = one box)'),
    locationId: Id.optional().describe("Default: the stocktake's location, else the store's main location"),
    qty: Qty.describe('Thousandths counted now (added to earlier scans); negative corrects a mistaken scan'),
  })
  .superRefine((e, ctx) => {
    if ((e.productId === undefined) === (e.barcode === undefined)) ctx.addIssue({ code: 'custom', path: ['productId'], message: 'Give either productId or barcode' });
  });

export const CountBody = z.strictObject({
  device: z.string().trim().min(1).max(64).describe('Which scanner or phone sent these counts'),
  entries: z.array(CountEntry).min(1).max(1000),
});

export const ApproveStocktakeBody = z.strictObject({ id: ClientId.describe('Client UUIDv7 of the stocktake_adjustment document') });
export const CancelStocktakeBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });

export const STOCKTAKE_SORTS = ['startedAt', 'updatedAt', 'status'] as const;
export const StocktakeListQuery = z.strictObject({
  storeId: Id.optional(),
  status: z.enum(STOCKTAKE_STATUSES).optional(),
  sort: sortParam(STOCKTAKE_SORTS, '-startedAt'),
  ...ExportParams,
  ...Paging,
});
