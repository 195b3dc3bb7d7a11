// What the API returns for a product: the row in API words, with its barcodes (and, for one
// product, its units and stock limits). Children of a page of products load in one query each.
import type { Kysely, Selectable } from 'kysely';
import type { BarcodeView, ProductSummary } from '../../../../contracts/product-views';
import type { DB, ProductsTable } from '../../../../db/schema';

export type { BarcodeView, ProductSummary };

export interface ProductView extends ProductSummary {
  origin: string;
  pinyinFull: string;
  costMethod: string;
  trackBatches: boolean;
  shelfLifeDays: number | null;
  variantTemplateId: string | null;
  variant: Record<string, string> | null;
  units: { unit: string; factor: number }[];
  stockLimits: { storeId: string; minQty: number; maxQty: number }[];
  createdAt: string;
  updatedAt: string;
}

type ProductRow = Selectable<ProductsTable>;

export function toSummary(r: ProductRow, barcodes: BarcodeView[]): ProductSummary {
  return {
    id: r.id,
    sku: r.sku,
    name: r.name,
    spec: r.spec,
    brand: r.brand,
    unit: r.unit,
    categoryId: r.category_id,
    price: r.price,
    memberPrice: r.member_price,
    taxRate: r.tax_rate,
    weighable: !!r.weighable,
    plu: r.plu,
    status: r.status,
    pinyinInitials: r.pinyin_initials,
    barcodes,
  };
}

export function toView(
  r: ProductRow,
  children: { barcodes: BarcodeView[]; units: { unit: string; factor: number }[]; stockLimits: ProductView['stockLimits'] },
): ProductView {
  return {
    ...toSummary(r, children.barcodes),
    origin: r.origin,
    pinyinFull: r.pinyin_full,
    costMethod: r.cost_method,
    trackBatches: !!r.track_batches,
    shelfLifeDays: r.shelf_life_days,
    variantTemplateId: r.variant_template_id,
    variant: r.variant_json ? (JSON.parse(r.variant_json) as Record<string, string>) : null,
    units: children.units,
    stockLimits: children.stockLimits,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Barcodes of many products in one query, grouped by product. */
export async function barcodesOf(db: Kysely<DB>, productIds: string[]): Promise<Map<string, BarcodeView[]>> {
  const out = new Map<string, BarcodeView[]>();
  if (!productIds.length) return out;
  const rows = await db
    .selectFrom('barcodes')
    .select(['product_id', 'code', 'unit', 'kind'])
    .where('product_id', 'in', productIds)
    .orderBy('product_id')
    .orderBy('created_at')
    .orderBy('code')
    .execute();
  for (const r of rows) {
    const list = out.get(r.product_id) ?? [];
    list.push({ code: r.code, unit: r.unit, kind: r.kind });
    out.set(r.product_id, list);
  }
  return out;
}
