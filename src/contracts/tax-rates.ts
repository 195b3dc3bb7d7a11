import { z } from 'zod';
import { Name } from './common';
import { TaxRate } from './catalog';

/** One of the company's tax rates; `rate` in basis points (1300 = 13 %). */
export interface TaxRateView {
  rate: number;
  name: string;
  nameEn: string;
  active: boolean;
  isDefault: boolean;
  sortOrder: number;
}

export const TaxRateParams = z.strictObject({ rate: z.coerce.number().int().min(0).max(10_000).describe('Basis points: 1300 = 13%') });

export const TaxRateCreateBody = z.strictObject({
  rate: TaxRate,
  name: Name.describe('Chinese name, e.g. 一般货物'),
  nameEn: Name,
  active: z.boolean().default(true),
  isDefault: z.boolean().default(false).describe('Becomes the preselected rate of new products; the previous default stops being it'),
});

export const TaxRatePutBody = z
  .strictObject({
    name: Name.optional(),
    nameEn: Name.optional(),
    active: z.boolean().optional(),
    isDefault: z.boolean().optional().describe('true makes this the default; the default stops being it only when another rate becomes the default'),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change' });
