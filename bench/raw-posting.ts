// The raw ceiling's statements: the rows a posted stock document writes (header, lines, moves,
// balance increments, journal, audit chain, outbox), as prepared better-sqlite3 statements with no
// framework. Shared by the posting and import benchmarks so both measure the same raw writes.
import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { sqlitePragmas } from '../src/db/dialect';

/**
 * The shop file as the server sets up its connection (same cache, temp store, foreign keys), but
 * committing the plain way: `synchronous=FULL`, the fsync and SQLite's own checkpoints inline.
 */
export function openRaw(file: string): BetterSqlite3.Database {
  const db = new BetterSqlite3(file);
  sqlitePragmas(db, 'FULL');
  return db;
}

export function rawPosting(db: BetterSqlite3.Database) {
  const head = db.prepare("INSERT INTO audit_heads (chain_id, seq, hash) VALUES (?, 1, '') ON CONFLICT (chain_id) DO UPDATE SET seq = audit_heads.seq + 1 RETURNING seq, hash");
  const audit = db.prepare('INSERT INTO audit_events (chain_id, seq, at, company_id, actor_id, action, subject_type, subject_id, store_id, data_json, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)');
  const headHash = db.prepare('UPDATE audit_heads SET hash = ? WHERE chain_id = ?');
  return {
    counter: db.prepare('INSERT INTO counters (scope, value) VALUES (?, 1) ON CONFLICT (scope) DO UPDATE SET value = counters.value + 1 RETURNING value'),
    doc: db.prepare(
      'INSERT INTO documents (id, client_id, company_id, store_id, register_id, type, number_scope, number_seq, number, business_date, posted_at, posted_by, approved_by, payload_hash, total, memo, result_json) VALUES (?,?,?,?,NULL,?,?,?,?,?,?,?,NULL,?,?,?,?)',
    ),
    line: db.prepare('INSERT INTO document_lines (document_id, line_no, product_id, account_code, qty, unit_price, amount, data_json) VALUES (?,?,?,NULL,?,?,?,NULL)'),
    move: db.prepare("INSERT INTO stock_moves (document_id, move_no, line_no, store_id, location_id, product_id, batch_id, qty, cost_value, business_date, posted_at) VALUES (?,?,?,?,?,?,'',?,?,?,?)"),
    bal: db.prepare(
      "INSERT INTO stock_balances (store_id, location_id, product_id, batch_id, qty, cost_value) VALUES (?,?,?,'',?,?) ON CONFLICT (store_id, location_id, product_id, batch_id) DO UPDATE SET qty = stock_balances.qty + excluded.qty, cost_value = stock_balances.cost_value + excluded.cost_value",
    ),
    entry: db.prepare('INSERT INTO journal_entries (id, company_id, store_id, document_id, business_date, posted_at, memo) VALUES (?,?,?,?,?,?,?)'),
    jl: db.prepare("INSERT INTO journal_lines (entry_id, line_no, company_id, store_id, account_code, debit, credit, memo) VALUES (?,?,?,?,?,?,?,'')"),
    outbox: db.prepare('INSERT INTO outbox (id, topic, document_id, created_at) VALUES (?,?,?,?)'),
    /** One audit event at the head of `chain` (sha256 over the previous hash, as the server does). */
    audit(chain: string, e: { at: string; companyId: string; userId: string; action: string; subjectType: string; subjectId: string; storeId: string }) {
      const h = head.get(chain) as { seq: number; hash: string };
      const hash = createHash('sha256').update(h.hash).update(JSON.stringify({ subject: e.subjectId, seq: h.seq })).digest('hex');
      audit.run(chain, h.seq, e.at, e.companyId, e.userId, e.action, e.subjectType, e.subjectId, e.storeId, '{}', h.hash, hash);
      headHash.run(hash, chain);
    },
  };
}
