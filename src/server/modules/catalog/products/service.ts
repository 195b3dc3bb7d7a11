// Products: create, edit, archive (never deleted: documents and history point at them), pack
// units, barcodes and per-store stock limits. Every edit is audited in the company chain.
// Prices are not edited here: they change through price changes (调价单), see ../prices.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { CreateProductBody, ProductListQuery, UpdateProductBody } from '../../../../contracts/catalog';
import type { DB } from '../../../../db/schema';
import type { AuthContext } from '../../../auth/auth-context';
import type { Clock } from '../../../clock';
import { badRequest, conflict, notFound } from '../../../http/problem';
import { auditCatalog } from '../audit';
import { assertActiveTaxRate } from '../../tax-rates/service';
import { descendantsOf } from '../categories/tree';
import { derivedColumns, insertProducts } from './insert';
import { lookupCode, type LookupResult } from './lookup';
import { searchProducts } from './search';
import {
  assertBarcodesFree,
  assertCategory,
  assertManagedStores,
  assertPluFree,
  assertSkuFree,
  barcodeKind,
  checkBarcodes,
  checkLimit,
  unitFactors,
} from './validate';
import { barcodesOf, toSummary, toView, type ProductSummary, type ProductView } from './views';

export type CreateProductInput = z.infer<typeof CreateProductBody>;
export type UpdateProductInput = z.infer<typeof UpdateProductBody>;
export type ProductListInput = z.infer<typeof ProductListQuery>;

export class ProductsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async list(auth: AuthContext, q: ProductListInput): Promise<{ items: ProductSummary[]; total: number }> {
    const companyId = auth.user.companyId;
    const categoryIds = q.categoryId ? await descendantsOf(this.db, companyId, q.categoryId) : undefined;
    const { rows, total } = await searchProducts(this.db, companyId, { ...q, categoryIds });
    const barcodes = await barcodesOf(this.db, rows.map((r) => r.id));
    return { items: rows.map((r) => toSummary(r, barcodes.get(r.id) ?? [])), total };
  }

  lookup(auth: AuthContext, q: { code: string; storeId: string }): Promise<LookupResult> {
    auth.requireStore('products.read', q.storeId);
    return lookupCode(this.db, auth.user.companyId, q.storeId, q.code);
  }

  async get(auth: AuthContext, id: string): Promise<ProductView> {
    const row = await this.row(this.db, auth.user.companyId, id);
    const visible = auth.storesWith('products.read');
    const [barcodes, units, limits] = await Promise.all([
      barcodesOf(this.db, [id]),
      this.db.selectFrom('product_units').select(['unit', 'factor']).where('product_id', '=', id).orderBy('factor').execute(),
      this.db.selectFrom('stock_limits').select(['store_id', 'min_qty', 'max_qty']).where('product_id', '=', id).orderBy('store_id').execute(),
    ]);
    return toView(row, {
      barcodes: barcodes.get(id) ?? [],
      units: units.map((u) => ({ unit: u.unit, factor: Number(u.factor) })),
      stockLimits: limits
        .filter((l) => visible === 'all' || visible.includes(l.store_id))
        .map((l) => ({ storeId: l.store_id, minQty: Number(l.min_qty), maxQty: Number(l.max_qty) })),
    });
  }

  async create(auth: AuthContext, input: CreateProductInput): Promise<ProductView> {
    const companyId = auth.user.companyId;
    const at = this.clock().toISOString();
    const factors = unitFactors(input.unit, input.units ?? []);
    const barcodes = checkBarcodes(input.barcodes ?? [], factors, input.unit);
    const limits = input.stockLimits ?? [];
    limits.forEach((l, i) => checkLimit(l, `stockLimits.${i}.maxQty`));
    const id = await this.db.transaction().execute(async (trx) => {
      await assertSkuFree(trx, companyId, input.sku, 'sku');
      if (input.categoryId) await assertCategory(trx, companyId, input.categoryId, 'categoryId');
      await assertActiveTaxRate(trx, companyId, input.taxRate, 'taxRate');
      if (input.plu) await assertPluFree(trx, companyId, input.plu, 'plu');
      await assertBarcodesFree(trx, companyId, barcodes.map((b, i) => ({ code: b.code, field: `barcodes.${i}.code` })));
      await assertManagedStores(trx, auth, limits.map((l, i) => ({ storeId: l.storeId, field: `stockLimits.${i}.storeId` })));
      const [productId] = await insertProducts(trx, companyId, [input], at);
      if (input.units?.length) {
        await trx.insertInto('product_units').values(input.units.map((u) => ({ product_id: productId, unit: u.unit, factor: u.factor }))).execute();
      }
      if (barcodes.length) {
        await trx.insertInto('barcodes').values(barcodes.map((b) => ({ company_id: companyId, code: b.code, product_id: productId, unit: b.unit, kind: b.kind, created_at: at }))).execute();
      }
      if (limits.length) {
        await trx.insertInto('stock_limits').values(limits.map((l) => ({ store_id: l.storeId, product_id: productId, min_qty: l.minQty, max_qty: l.maxQty }))).execute();
      }
      await auditCatalog(trx, auth, at, { action: 'product.created', subjectType: 'product', subjectId: productId, data: input });
      return productId;
    });
    return this.get(auth, id);
  }

  async update(auth: AuthContext, id: string, patch: UpdateProductInput): Promise<ProductView> {
    const companyId = auth.user.companyId;
    const at = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const before = await this.row(trx, companyId, id);
      if (patch.sku !== undefined && patch.sku !== before.sku) await assertSkuFree(trx, companyId, patch.sku, 'sku', id);
      if (patch.categoryId) await assertCategory(trx, companyId, patch.categoryId, 'categoryId');
      // A product keeps a since-deactivated rate until its rate is changed.
      if (patch.taxRate !== undefined && patch.taxRate !== Number(before.tax_rate)) await assertActiveTaxRate(trx, companyId, patch.taxRate, 'taxRate');
      if (patch.plu && before.status === 'active') await assertPluFree(trx, companyId, patch.plu, 'plu', id);
      // Stock already valued one way cannot switch costing or batch tracking under it.
      const costingChanged =
        (patch.costMethod !== undefined && patch.costMethod !== before.cost_method) ||
        (patch.trackBatches !== undefined && patch.trackBatches !== !!before.track_batches);
      if (costingChanged && (await hasStockMoves(trx, id))) {
        throw conflict('product_in_use', 'The product has stock moves; its cost method and batch tracking can no longer change', patch.costMethod !== undefined ? 'costMethod' : 'trackBatches');
      }
      const next = {
        sku: patch.sku ?? before.sku,
        name: patch.name ?? before.name,
        spec: patch.spec ?? before.spec,
        brand: patch.brand ?? before.brand,
      };
      await trx
        .updateTable('products')
        .set({
          ...next,
          ...derivedColumns(next),
          ...(patch.origin !== undefined ? { origin: patch.origin } : {}),
          ...(patch.categoryId !== undefined ? { category_id: patch.categoryId } : {}),
          ...(patch.weighable !== undefined ? { weighable: patch.weighable ? 1 : 0 } : {}),
          ...(patch.plu !== undefined ? { plu: patch.plu } : {}),
          ...(patch.taxRate !== undefined ? { tax_rate: patch.taxRate } : {}),
          ...(patch.costMethod !== undefined ? { cost_method: patch.costMethod } : {}),
          ...(patch.trackBatches !== undefined ? { track_batches: patch.trackBatches ? 1 : 0 } : {}),
          ...(patch.shelfLifeDays !== undefined ? { shelf_life_days: patch.shelfLifeDays } : {}),
          updated_at: at,
        })
        .where('id', '=', id)
        .execute();
      await auditCatalog(trx, auth, at, { action: 'product.updated', subjectType: 'product', subjectId: id, data: { before: changedBefore(before, patch), patch } });
    });
    return this.get(auth, id);
  }

  /** Archived products leave lists and the till but stay readable, with their history. */
  async setStatus(auth: AuthContext, id: string, status: 'active' | 'archived'): Promise<ProductView> {
    const companyId = auth.user.companyId;
    const at = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const before = await this.row(trx, companyId, id);
      if (before.status === status) return;
      if (status === 'active' && before.plu) await assertPluFree(trx, companyId, before.plu, 'plu', id);
      await trx.updateTable('products').set({ status, updated_at: at }).where('id', '=', id).execute();
      await auditCatalog(trx, auth, at, { action: status === 'archived' ? 'product.archived' : 'product.restored', subjectType: 'product', subjectId: id });
    });
    return this.get(auth, id);
  }

  /** Adds or re-sizes a pack unit (1 箱 = 24 瓶 → factor 24000). */
  async setUnit(auth: AuthContext, id: string, unit: string, factor: number): Promise<ProductView> {
    const at = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const p = await this.row(trx, auth.user.companyId, id);
      if (unit === p.unit) throw badRequest('unit_is_base', `${unit} is the base unit; its factor is always 1000`, 'unit');
      await trx
        .insertInto('product_units')
        .values({ product_id: id, unit, factor })
        .onConflict((oc) => oc.columns(['product_id', 'unit']).doUpdateSet({ factor }))
        .execute();
      await trx.updateTable('products').set({ updated_at: at }).where('id', '=', id).execute();
      await auditCatalog(trx, auth, at, { action: 'product.unit_set', subjectType: 'product', subjectId: id, data: { unit, factor } });
    });
    return this.get(auth, id);
  }

  async removeUnit(auth: AuthContext, id: string, unit: string): Promise<ProductView> {
    const at = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await this.row(trx, auth.user.companyId, id);
      const bound = await trx.selectFrom('barcodes').select('code').where('product_id', '=', id).where('unit', '=', unit).executeTakeFirst();
      if (bound) throw conflict('unit_in_use', `Barcode ${bound.code} is printed on ${unit}; remove it first`, 'unit');
      const res = await trx.deleteFrom('product_units').where('product_id', '=', id).where('unit', '=', unit).executeTakeFirst();
      if (!Number(res.numDeletedRows)) throw notFound(`Unit ${unit}`, 'unit');
      await auditCatalog(trx, auth, at, { action: 'product.unit_removed', subjectType: 'product', subjectId: id, data: { unit } });
    });
    return this.get(auth, id);
  }

  async addBarcode(auth: AuthContext, id: string, input: { code: string; unit?: string }): Promise<ProductView> {
    const companyId = auth.user.companyId;
    const at = this.clock().toISOString();
    const kind = barcodeKind(input.code, 'code');
    await this.db.transaction().execute(async (trx) => {
      const p = await this.row(trx, companyId, id);
      const unit = input.unit ?? p.unit;
      if (unit !== p.unit) {
        const known = await trx.selectFrom('product_units').select('unit').where('product_id', '=', id).where('unit', '=', unit).executeTakeFirst();
        if (!known) throw badRequest('unit_unknown', `Unit ${unit} is neither the base unit nor one of the product's units`, 'unit');
      }
      await assertBarcodesFree(trx, companyId, [{ code: input.code, field: 'code' }], id);
      await trx
        .insertInto('barcodes')
        .values({ company_id: companyId, code: input.code, product_id: id, unit, kind, created_at: at })
        .onConflict((oc) => oc.columns(['company_id', 'code']).doUpdateSet({ unit }))
        .execute();
      await trx.updateTable('products').set({ updated_at: at }).where('id', '=', id).execute();
      await auditCatalog(trx, auth, at, { action: 'product.barcode_added', subjectType: 'product', subjectId: id, data: { code: input.code, unit, kind } });
    });
    return this.get(auth, id);
  }

  async removeBarcode(auth: AuthContext, id: string, code: string): Promise<ProductView> {
    const companyId = auth.user.companyId;
    const at = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await this.row(trx, companyId, id);
      const res = await trx.deleteFrom('barcodes').where('company_id', '=', companyId).where('code', '=', code).where('product_id', '=', id).executeTakeFirst();
      if (!Number(res.numDeletedRows)) throw notFound(`Barcode ${code}`, 'code');
      await trx.updateTable('products').set({ updated_at: at }).where('id', '=', id).execute();
      await auditCatalog(trx, auth, at, { action: 'product.barcode_removed', subjectType: 'product', subjectId: id, data: { code } });
    });
    return this.get(auth, id);
  }

  /** Minimum and maximum stock of the product in one store (for replenishment). */
  async setStockLimit(auth: AuthContext, id: string, storeId: string, limit: { minQty: number; maxQty: number }): Promise<ProductView> {
    const at = this.clock().toISOString();
    checkLimit(limit, 'maxQty');
    await this.db.transaction().execute(async (trx) => {
      await this.row(trx, auth.user.companyId, id);
      await assertManagedStores(trx, auth, [{ storeId, field: 'storeId' }]);
      await trx
        .insertInto('stock_limits')
        .values({ store_id: storeId, product_id: id, min_qty: limit.minQty, max_qty: limit.maxQty })
        .onConflict((oc) => oc.columns(['store_id', 'product_id']).doUpdateSet({ min_qty: limit.minQty, max_qty: limit.maxQty }))
        .execute();
      await auditCatalog(trx, auth, at, { action: 'product.stock_limit_set', subjectType: 'product', subjectId: id, storeId, data: limit });
    });
    return this.get(auth, id);
  }

  async removeStockLimit(auth: AuthContext, id: string, storeId: string): Promise<ProductView> {
    const at = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await this.row(trx, auth.user.companyId, id);
      await assertManagedStores(trx, auth, [{ storeId, field: 'storeId' }]);
      const res = await trx.deleteFrom('stock_limits').where('store_id', '=', storeId).where('product_id', '=', id).executeTakeFirst();
      if (!Number(res.numDeletedRows)) throw notFound('Stock limit', 'storeId');
      await auditCatalog(trx, auth, at, { action: 'product.stock_limit_removed', subjectType: 'product', subjectId: id, storeId });
    });
    return this.get(auth, id);
  }

  private async row(db: Kysely<DB>, companyId: string, id: string) {
    const row = await db.selectFrom('products').selectAll().where('id', '=', id).where('company_id', '=', companyId).executeTakeFirst();
    if (!row) throw notFound('Product');
    return row;
  }
}

/** Store by store, so the (store_id, product_id, …) index answers (migration 0022). */
async function hasStockMoves(db: Kysely<DB>, productId: string): Promise<boolean> {
  const row = await db
    .selectFrom('stock_moves')
    .select('product_id')
    .where('store_id', 'in', db.selectFrom('stores').select('id').where('company_id', '=', db.selectFrom('products').select('company_id').where('id', '=', productId)))
    .where('product_id', '=', productId)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

const PATCH_COLUMNS: Record<keyof UpdateProductInput, keyof DB['products']> = {
  sku: 'sku',
  name: 'name',
  spec: 'spec',
  brand: 'brand',
  origin: 'origin',
  categoryId: 'category_id',
  weighable: 'weighable',
  plu: 'plu',
  taxRate: 'tax_rate',
  costMethod: 'cost_method',
  trackBatches: 'track_batches',
  shelfLifeDays: 'shelf_life_days',
};

/** The old values of the fields a patch touches, for the audit trail. */
function changedBefore(before: DB['products'], patch: UpdateProductInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(patch) as (keyof UpdateProductInput)[]) {
    if (patch[key] !== undefined) out[key] = before[PATCH_COLUMNS[key]];
  }
  return out;
}
