import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect';

// Every sale line writes a stock move, and each index on stock_moves is one more B-tree page to
// change and write back per line (docs/decisions/0006 measured the commit's page writes).
// - stock_moves_batch_ix (product_id, batch_id) served one rare question, "has this product ever
//   moved?", which the (store_id, product_id, …) index answers per store just as well.
// - Selling below zero takes the batch of the newest inbound move; that read walked every sale
//   since the last receipt (back through the store × product index). A partial index of inbound
//   moves only is written by receipts, returns and transfers in, never by a sale.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await sql`DROP INDEX stock_moves_batch_ix`.execute(db);
  await sql`CREATE INDEX stock_moves_inbound_ix ON stock_moves (store_id, product_id, posted_at) WHERE qty > 0`.execute(db);
}
