// Product import (CSV / XLSX), product export and shelf labels (价签).
import { z } from 'zod';
import { Id } from './common';

const MIB = 1024 * 1024;
/** The largest file accepted; its base64 text is 4/3 of it (the route's body limit allows for that). */
export const IMPORT_MAX_FILE_BYTES = 36 * MIB;
export const IMPORT_BODY_LIMIT = 50 * MIB;

const Header = z.string().trim().min(1).max(200).nullable().optional();

/** Field → header text of the column holding it; null ignores a column the server would guess. */
export const ImportMapping = z.strictObject({
  sku: Header,
  name: Header,
  barcode: Header,
  spec: Header,
  brand: Header,
  origin: Header,
  unit: Header,
  price: Header,
  memberPrice: Header,
  taxRate: Header,
  category: Header,
  stock: Header,
  cost: Header,
});

export const ImportBody = z.strictObject({
  fileName: z.string().trim().min(1).max(255).describe('Original file name; .xlsx or .csv (the bytes decide)'),
  contentBase64: z
    .string()
    .min(1)
    .max(Math.ceil(IMPORT_MAX_FILE_BYTES / 3) * 4 + 1024)
    .describe('The file, base64-encoded'),
  storeId: Id.optional().describe('Store that receives the opening stock (needed when any row has stock)'),
  mapping: ImportMapping.optional(),
  commit: z.boolean().default(false).describe('false = dry run (validate and report); true = write'),
  skipBadRows: z.boolean().default(false).describe('Commit the good rows even when some rows are bad'),
});

export const ExportQuery = z.strictObject({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  storeId: Id.describe('Stock quantities and costs are this store’s'),
});

export const LABEL_LAYOUTS = ['a4-3x8', 'single-60x40'] as const;

export const LabelsQuery = z.strictObject({
  storeId: Id.describe('Prices are this store’s (its override, else the company price)'),
  productIds: z
    .string()
    .min(1)
    .max(12_000)
    .describe('Comma-separated product ids (at most 300: they travel in the URL, which Node caps at 16 KiB with the headers); a repeated id prints that many labels')
    .transform((s) => s.split(',').map((p) => p.trim()))
    .pipe(z.array(Id).min(1).max(300)),
  layout: z.enum(LABEL_LAYOUTS).default('a4-3x8').describe('a4-3x8: 24 labels of 70×37 mm per A4 sheet; single-60x40: one 60×40 mm label per page'),
});
