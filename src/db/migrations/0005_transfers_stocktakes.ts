import type { Kysely } from 'kysely';
import { createImmutabilityTriggers, type DialectName } from '../dialect';

// What the transfer (调拨) and stocktake (盘点) workflows need beyond migration 0002:
// - transfer_documents links a transfer to every document it posted (the shipment, each receipt,
//   the closing document), so a transfer shows its paper trail without searching document lines;
// - stocktake_lines keep the figures the approval posted (expected, counted, variance value), so an
//   approved stocktake reads the same forever instead of being recomputed from later stock.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const s = db.schema;

  await s
    .createTable('transfer_documents')
    .addColumn('transfer_id', 'text', (c) => c.notNull().references('transfers.id'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    // 'ship' | 'receipt' | 'close'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('transfer_documents_pk', ['transfer_id', 'document_id'])
    .execute();
  // A link to a posted document is as immutable as the document.
  await createImmutabilityTriggers(db, dialect, 'transfer_documents');

  await s.createIndex('transfers_from_ix').on('transfers').columns(['from_store_id', 'created_at']).execute();
  await s.createIndex('transfers_to_ix').on('transfers').columns(['to_store_id', 'created_at']).execute();

  // Frozen at approval; NULL while counting (counted_qty stays NULL for a line nobody counted in a
  // partial stocktake: it was not adjusted).
  for (const column of ['expected_qty', 'counted_qty', 'variance_value']) {
    await s.alterTable('stocktake_lines').addColumn(column, 'bigint').execute();
  }
  await s.createIndex('stocktakes_store_ix').on('stocktakes').columns(['store_id', 'status']).execute();
}
