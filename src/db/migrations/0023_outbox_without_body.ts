import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect';

// A posted document's outbox row stopped carrying a copy of the document's body: the relay reads
// the body from documents.result_json (the same JSON, written in the same transaction). The copy
// was ~3 KB per sale, a third of what a sale wrote: one more page per sale in the commit, again
// when the rollup catch-up stamps the row, and again when a checkpoint copies both into the file.
// payload_json stays for events that are not documents; NULL means "the document's body".
// SQLite cannot drop NOT NULL in place, so the table is rebuilt, dropping the copies it holds;
// on PostgreSQL the change is to the catalog only and older rows keep theirs (an UPDATE would
// rewrite the whole table to save space VACUUM would not give back to the file system anyway).
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    await sql`ALTER TABLE outbox ALTER COLUMN payload_json DROP NOT NULL`.execute(db);
    return;
  }
  await sql`CREATE TABLE outbox_new (
    id text PRIMARY KEY,
    topic text NOT NULL,
    document_id text,
    payload_json text,
    created_at text NOT NULL,
    published_at text,
    rolled_up_at text
  )`.execute(db);
  await sql`INSERT INTO outbox_new (id, topic, document_id, payload_json, created_at, published_at, rolled_up_at)
    SELECT id, topic, document_id, CASE WHEN document_id IS NULL THEN payload_json END, created_at, published_at, rolled_up_at FROM outbox`.execute(db);
  await sql`DROP TABLE outbox`.execute(db);
  await sql`ALTER TABLE outbox_new RENAME TO outbox`.execute(db);
  await sql`CREATE INDEX outbox_pending_ix ON outbox (published_at, created_at)`.execute(db);
  await sql`CREATE INDEX outbox_rollup_pending_ix ON outbox (id) WHERE rolled_up_at IS NULL`.execute(db);
}
