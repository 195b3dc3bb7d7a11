import type { Kysely } from 'kysely';
import { createImmutabilityTriggers, type DialectName } from '../dialect';

// The review step of the sales review list: a manager or finance marks a flag as looked at, with
// a note. Flags are as immutable as their sale, so the decision is a row of its own, one per flag
// (the primary key refuses a second), and immutable too: what was reviewed stays reviewed.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('sale_flag_reviews')
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('flag_no', 'integer', (c) => c.notNull())
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sale_flag_reviews_pk', ['document_id', 'flag_no'])
    .addForeignKeyConstraint('sale_flag_reviews_flag_fk', ['document_id', 'flag_no'], 'sale_flags', ['document_id', 'flag_no'])
    .execute();
  await createImmutabilityTriggers(db, dialect, 'sale_flag_reviews');
}
