// Store settings that checkout reads on every sale (ARCHITECTURE §2, §9): 抹零 mode, oversell
// policy, how the store's scales print their labels, and how much discount a cashier may give
// without a manager.
import { z } from 'zod';
import { ROUNDING_MODES, type RoundingMode } from '../core/pricing/round-amount-due';

export const RoundingModeSchema = z
  .enum(ROUNDING_MODES as [RoundingMode, ...RoundingMode[]])
  .describe('抹零: none, drop_fen (抹分), drop_jiao (抹角), round_jiao (四舍五入到角), ceil_jiao (见分进角)');

export const ScaleBarcodeSettingsSchema = z
  .strictObject({
    flags: z
      .array(z.string().regex(/^\d{1,2}$/, 'A flag is 1 or 2 digits'))
      .min(1)
      .max(100)
      .describe('Leading digits that mark a scale label (default 20–29)'),
    kind13: z.enum(['amount', 'weight']).describe('What the value digits of a 13-digit label are: an amount in fen (金额码) or a weight in grams (重量码)'),
  })
  .superRefine((v, ctx) => {
    if (new Set(v.flags.map((f) => f.length)).size > 1) ctx.addIssue({ code: 'custom', path: ['flags'], message: 'All flags have the same number of digits' });
    if (new Set(v.flags).size !== v.flags.length) ctx.addIssue({ code: 'custom', path: ['flags'], message: 'A flag is listed twice' });
  });

export const CheckoutSettingsSchema = z.strictObject({
  roundingMode: RoundingModeSchema,
  oversell: z.enum(['allow', 'block']).describe('Online sales: allow selling below zero (flagged for review) or refuse the line'),
  scaleBarcode: ScaleBarcodeSettingsSchema,
  maxDiscountBp: z.number().int().min(0).max(10_000).describe('Largest discount (basis points of what it discounts) a cashier may give without approval'),
  receiptHeader: z.string().max(500).describe('Printed under the store name on every receipt (lines separated by \\n): address, phone, greeting'),
  receiptFooter: z.string().max(500).describe('Printed at the foot of every receipt: return policy, thanks'),
  otherStoreReturns: z.enum(['accept', 'refuse']).describe('Returns and exchanges of receipts from other stores of the company: take the goods back here, or refuse them'),
});
export type CheckoutSettings = z.infer<typeof CheckoutSettingsSchema>;

/** PUT sets the settings given and keeps the others. */
export const UpdateCheckoutSettingsBody = CheckoutSettingsSchema.partial();
