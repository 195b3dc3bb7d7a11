// What goes on a store's shelf labels: the price this store charges (its override, else the
// company price, exactly as the till's lookup decides) and a barcode the till can scan.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { LabelsQuery } from '../../../contracts/import';
import { classifyBarcode } from '../../../core/barcode/ean';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { notFound } from '../../http/problem';
import { encodable, type LabelBarcode } from './barcode';
import { renderLabels, type LabelData } from './render-pdf';

export class LabelsService {
  constructor(private readonly db: Kysely<DB>) {}

  async pdf(auth: AuthContext, q: z.output<typeof LabelsQuery>): Promise<Buffer> {
    auth.requireStore('products.read', q.storeId);
    const store = await this.db.selectFrom('stores').select(['code', 'name']).where('id', '=', q.storeId).where('company_id', '=', auth.user.companyId).executeTakeFirst();
    if (!store) throw notFound('Store', 'storeId');
    const labels = await this.labels(auth.user.companyId, q.storeId, q.productIds);
    return renderLabels(labels, q.layout, `价签 Shelf labels — ${store.name}`);
  }

  async labels(companyId: string, storeId: string, productIds: string[]): Promise<LabelData[]> {
    const ids = [...new Set(productIds)];
    const products = await this.db
      .selectFrom('products')
      .leftJoin('store_prices', (j) => j.onRef('store_prices.product_id', '=', 'products.id').on('store_prices.store_id', '=', storeId))
      .select([
        'products.id',
        'products.sku',
        'products.name',
        'products.spec',
        'products.unit',
        'products.origin',
        'products.price',
        'products.member_price',
        'store_prices.price as store_price',
        'store_prices.member_price as store_member_price',
      ])
      .where('products.company_id', '=', companyId)
      .where('products.id', 'in', ids)
      .execute();
    const byId = new Map(products.map((p) => [p.id, p]));
    productIds.forEach((id, i) => {
      if (!byId.has(id)) throw notFound('Product', `productIds.${i}`);
    });
    const ean13 = await this.ean13s(companyId, ids);

    return productIds.map((id) => {
      const p = byId.get(id)!;
      // A store override carries its own member price (null = none), as at the till.
      const override = p.store_price !== null;
      const member = override ? p.store_member_price : p.member_price;
      const code = ean13.get(id);
      const barcode: LabelBarcode | null = code ? { type: 'ean13', code } : encodable(p.sku) ? { type: 'code128', code: p.sku } : null;
      return {
        name: p.name,
        spec: p.spec,
        unit: p.unit,
        origin: p.origin,
        sku: p.sku,
        price: Number(override ? p.store_price : p.price),
        memberPrice: member === null ? null : Number(member),
        barcode,
      };
    });
  }

  /** The first EAN-13 printed on each product's base unit (pack barcodes belong on the pack). */
  private async ean13s(companyId: string, ids: string[]): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('barcodes')
      .innerJoin('products', 'products.id', 'barcodes.product_id')
      .select(['barcodes.product_id', 'barcodes.code'])
      .where('barcodes.company_id', '=', companyId)
      .where('barcodes.product_id', 'in', ids)
      .whereRef('barcodes.unit', '=', 'products.unit')
      .orderBy('barcodes.created_at')
      .orderBy('barcodes.code')
      .execute();
    const found = new Map<string, string>();
    for (const r of rows) if (!found.has(r.product_id) && classifyBarcode(r.code) === 'ean13') found.set(r.product_id, r.code);
    return found;
  }
}
