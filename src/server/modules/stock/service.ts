import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';

export class StockService {
  constructor(private readonly db: Kysely<DB>) {}

  /** On-hand quantity and value per product, location and batch in one store. */
  async balances(auth: AuthContext, storeId: string) {
    auth.requireStore('stock.read', storeId);
    const rows = await this.db
      .selectFrom('stock_balances')
      .innerJoin('products', 'products.id', 'stock_balances.product_id')
      .innerJoin('locations', 'locations.id', 'stock_balances.location_id')
      .select(['stock_balances.product_id', 'products.sku', 'products.name', 'locations.code as location', 'stock_balances.batch_id', 'stock_balances.qty', 'stock_balances.cost_value'])
      .where('stock_balances.store_id', '=', storeId)
      .orderBy('products.sku')
      .execute();
    const items = rows.map((r) => ({ productId: r.product_id, sku: r.sku, name: r.name, location: r.location, batchId: r.batch_id, qty: r.qty, costValue: r.cost_value }));
    return { items, total: items.length };
  }
}
