// The catalog API: products with units, barcodes and stock limits; categories; variant templates;
// price changes (调价单) and price history; suppliers and what they supply.
import { z } from 'zod';
import { Code, ExportParams, Fen, Id, Name, Paging, Qty, sortParam } from './common';

/** Letters (any script: variant SKUs read BASE-S-红), digits and . _ - / ; no spaces. */
export const Sku = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._\-/]*$/u, 'Letters, digits and . _ - / only, starting with a letter or digit');
export const UnitName = z.string().trim().min(1).max(16).describe('A unit name such as 瓶, 箱, kg');
/** A GTIN (EAN-13, EAN-8, UPC-A, GTIN-14) or the shop's own code (自编码). */
export const BarcodeCode = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9-]+$/, 'Letters, digits and - only');
export const Plu = z.string().regex(/^\d{5}$/, 'A PLU is 5 digits').describe('Scale PLU code (5 digits)');
export const TaxRate = z.number().int().min(0).max(10_000).describe('Basis points: 1300 = 13%, 900, 600, 0');
export const CostMethod = z.enum(['moving_average', 'fifo']);
/** Thousandths of the base unit in one of this unit: 1 箱 = 24 瓶 → 24000. */
export const Factor = z.number().int().min(1).max(1_000_000_000).describe('Thousandths of the base unit per one of this unit');
const NonNegativeQty = Qty.refine((q) => q >= 0, 'A stock limit cannot be negative');
const Text = (max: number) => z.string().trim().max(max);

export const UnitDef = z.strictObject({ unit: UnitName, factor: Factor });
export const BarcodeDef = z.strictObject({ code: BarcodeCode, unit: UnitName.optional().describe('Unit the code is printed on; default the base unit') });
export const StockLimitBody = z.strictObject({ minQty: NonNegativeQty, maxQty: NonNegativeQty });
export const StockLimitDef = z.strictObject({ storeId: Id, ...StockLimitBody.shape });

const ProductDetails = {
  name: Name,
  spec: Text(100).optional().describe('规格, e.g. 330ml×1'),
  brand: Text(100).optional(),
  origin: Text(100).optional().describe('产地'),
  categoryId: Id.nullable().optional(),
  weighable: z.boolean().optional().describe('Sold by weight (price per kg)'),
  plu: Plu.nullable().optional(),
  taxRate: TaxRate,
  costMethod: CostMethod.optional(),
  trackBatches: z.boolean().optional().describe('Batches with production and expiry dates'),
  shelfLifeDays: z.number().int().min(1).max(36_500).nullable().optional(),
};

export const CreateProductBody = z.strictObject({
  sku: Sku,
  ...ProductDetails,
  unit: UnitName.describe('Base unit: stock is kept in thousandths of it'),
  units: z.array(UnitDef).max(20).optional(),
  barcodes: z.array(BarcodeDef).max(50).optional(),
  price: Fen.describe('Company retail price in fen per base unit (per kg when weighed)'),
  memberPrice: Fen.nullable().optional(),
  stockLimits: z.array(StockLimitDef).max(500).optional(),
});

// Prices change only through price changes (audited, numbered documents); the base unit is fixed
// because stored quantities are thousandths of it.
export const UpdateProductBody = z.strictObject({
  sku: Sku.optional(),
  name: ProductDetails.name.optional(),
  spec: ProductDetails.spec,
  brand: ProductDetails.brand,
  origin: ProductDetails.origin,
  categoryId: ProductDetails.categoryId,
  weighable: ProductDetails.weighable,
  plu: ProductDetails.plu,
  taxRate: TaxRate.optional(),
  costMethod: ProductDetails.costMethod,
  trackBatches: ProductDetails.trackBatches,
  shelfLifeDays: ProductDetails.shelfLifeDays,
});

export const PRODUCT_SORTS = ['sku', 'name', 'price', 'updatedAt'] as const;
export const ProductListQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('SKU / barcode prefix, name part, pinyin initials or full pinyin prefix'),
  categoryId: Id.optional().describe('This category and its descendants'),
  status: z.enum(['active', 'archived', 'all']).default('active'),
  sort: sortParam(PRODUCT_SORTS, 'sku').describe('Browse order; a search (q) keeps its relevance order'),
  ...ExportParams,
  ...Paging,
});

export const LookupQuery = z.strictObject({
  code: z.string().trim().min(1).max(64).describe('Barcode, SKU or PLU'),
  storeId: Id,
});

export const ProductParams = z.strictObject({ id: Id });
export const UnitParams = z.strictObject({ id: Id, unit: UnitName });
export const BarcodeParams = z.strictObject({ id: Id, code: BarcodeCode });
export const StoreLimitParams = z.strictObject({ id: Id, storeId: Id });
export const SetUnitBody = z.strictObject({ factor: Factor });

export const CreateCategoryBody = z.strictObject({ code: Code, name: Name, parentId: Id.nullable().optional() });
export const UpdateCategoryBody = z.strictObject({
  code: Code.optional(),
  name: Name.optional(),
  parentId: Id.nullable().optional().describe('Move under another category; null = top level'),
});

const VariantValue = z.string().trim().min(1).max(32);
export const CreateVariantTemplateBody = z.strictObject({
  name: Name,
  attributes: z
    .record(z.string().trim().min(1).max(32), z.array(VariantValue).min(1).max(50))
    .refine((a) => Object.keys(a).length >= 1 && Object.keys(a).length <= 5, 'Give 1 to 5 attributes')
    .describe('Attribute → values, in SKU order, e.g. {"size": ["S","M","L"], "color": ["红","蓝"]}'),
});

export const GenerateVariantsBody = z.strictObject({
  baseSku: Sku,
  baseName: Name,
  unit: UnitName,
  price: Fen,
  memberPrice: Fen.nullable().optional(),
  taxRate: TaxRate,
  categoryId: Id.nullable().optional(),
  spec: ProductDetails.spec,
  brand: ProductDetails.brand,
  origin: ProductDetails.origin,
  costMethod: ProductDetails.costMethod,
  trackBatches: ProductDetails.trackBatches,
  shelfLifeDays: ProductDetails.shelfLifeDays,
});

export const PriceChangeLine = z.strictObject({
  productId: Id,
  price: Fen.describe('New retail price in fen per base unit'),
  memberPrice: Fen.nullable().optional().describe('New member price; null removes it; absent keeps it'),
});

export const CreatePriceChangeBody = z.strictObject({
  effectiveAt: z.iso.datetime({ offset: true }).optional().describe('When the new prices take effect; default: on approval'),
  storeIds: z.union([z.literal('all'), z.array(Id).min(1).max(500)]).describe('"all" changes the company price for every store'),
  lines: z.array(PriceChangeLine).min(1).max(5000),
  reason: z.string().trim().min(1).max(500),
});

export const PRICE_CHANGE_SORTS = ['createdAt', 'effectiveAt', 'status'] as const;
export const PriceChangeListQuery = z.strictObject({
  status: z.enum(['draft', 'scheduled', 'applying', 'applied', 'cancelled']).optional(),
  sort: sortParam(PRICE_CHANGE_SORTS, '-createdAt'),
  ...ExportParams,
  ...Paging,
});

export const PriceHistoryQuery = z.strictObject({ storeId: Id.optional().describe('History as that store saw it'), ...Paging });

const SupplierFields = {
  name: Name,
  contact: Text(100),
  phone: z.string().trim().max(40).regex(/^[0-9+\-() ]*$/, 'Digits, spaces and + - ( ) only'),
  taxId: z.string().trim().max(32).regex(/^[0-9A-Za-z]*$/, 'Letters and digits only').describe('统一社会信用代码 / tax id'),
  paymentTermsDays: z.number().int().min(0).max(365),
};

export const CreateSupplierBody = z.strictObject({
  code: Code,
  name: SupplierFields.name,
  contact: SupplierFields.contact.optional(),
  phone: SupplierFields.phone.optional(),
  taxId: SupplierFields.taxId.optional(),
  paymentTermsDays: SupplierFields.paymentTermsDays.optional(),
});

export const UpdateSupplierBody = z.strictObject({
  name: SupplierFields.name.optional(),
  contact: SupplierFields.contact.optional(),
  phone: SupplierFields.phone.optional(),
  taxId: SupplierFields.taxId.optional(),
  paymentTermsDays: SupplierFields.paymentTermsDays.optional(),
  status: z.enum(['active', 'inactive']).optional(),
});

export const SUPPLIER_SORTS = ['code', 'name', 'paymentTermsDays', 'createdAt'] as const;
export const SupplierListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  sort: sortParam(SUPPLIER_SORTS, 'code'),
  ...ExportParams,
  ...Paging,
});

export const SupplierProductParams = z.strictObject({ id: Id, productId: Id });
export const SupplierProductBody = z.strictObject({
  purchasePrice: Fen.describe('Purchase price in fen per pack'),
  packUnit: UnitName,
  packSize: Factor.describe('Thousandths of the base unit in one pack'),
  supplierSku: z.string().trim().max(64).optional(),
});
