import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect';

// sales.original_document_id names the sale a return, exchange or void takes back; a sale's own
// row has none. The index held an entry for every sale all the same (both dialects index NULLs):
// one more B-tree page written per sale commit and an entry per sale for nothing. Every read of
// it asks `original_document_id = ?`, which a partial index of the non-NULL rows answers.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await sql`DROP INDEX sales_original_ix`.execute(db);
  await sql`CREATE INDEX sales_original_ix ON sales (original_document_id) WHERE original_document_id IS NOT NULL`.execute(db);
}
