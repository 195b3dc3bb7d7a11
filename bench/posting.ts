// Posting a 5-line stock document in process through the engine, against a raw better-sqlite3 loop
// that writes the same rows (ARCHITECTURE §6: the raw loops belong in bench/ so every run measures
// its own ceiling). Both run with synchronous=FULL on a file, so the ratio compares like with like.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { uuidv7 } from '../src/core/id/uuidv7';
import { openDatabase, type Database } from '../src/db/dialect';
import { migrateToLatest } from '../src/db/migrate';
import type { AuthContext } from '../src/server/auth/auth-context';
import { firstOwner } from '../src/server/auth/owner-context';
import { seedDemo } from '../src/server/seed/demo';
import { createServices, type Services } from '../src/server/services';

export interface PostingBench {
  rows: { name: string; docs: number; seconds: number; perSecond: number }[];
  ratios: Record<string, number>;
}

const DOCS = Number(process.env.BENCH_DOCS ?? 3000);

async function setup(): Promise<{ dir: string; database: Database; s: Services; owner: AuthContext; storeId: string; products: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cangshou-bench-'));
  const database = openDatabase({ sqliteFile: path.join(dir, 'bench.db'), sqliteSync: 'FULL' });
  await migrateToLatest(database);
  const s = createServices(database);
  await seedDemo(s);
  const owner = (await firstOwner(s.db))!;
  const store = await s.db.selectFrom('stores').select('id').where('code', '=', 'S01').executeTakeFirstOrThrow();
  const products = (await s.db.selectFrom('products').select('id').limit(5).execute()).map((p) => p.id);
  return { dir, database, s, owner, storeId: store.id, products };
}

function fiveLineDoc(storeId: string, products: string[], i: number) {
  return {
    id: uuidv7(),
    storeId,
    stock: products.map((productId, k) => ({ productId, qty: 1000 + ((i + k) % 7) * 1000, unitCost: 100 + k })),
    accounts: [],
  };
}

/** The same ~25 row writes per document, with prepared statements and no framework. */
function rawLoop(file: string, storeId: string, companyId: string, userId: string, locationId: string, products: string[], docs: number, perTxn: number): number {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const counter = db.prepare("INSERT INTO counters (scope, value) VALUES (?, 1) ON CONFLICT (scope) DO UPDATE SET value = counters.value + 1 RETURNING value");
  const doc = db.prepare(
    'INSERT INTO documents (id, client_id, company_id, store_id, register_id, type, number_scope, number_seq, number, business_date, posted_at, posted_by, approved_by, payload_hash, total, memo, result_json) VALUES (?,?,?,?,NULL,?,?,?,?,?,?,?,NULL,?,?,?,?)',
  );
  const line = db.prepare('INSERT INTO document_lines (document_id, line_no, product_id, account_code, qty, unit_price, amount, data_json) VALUES (?,?,?,NULL,?,?,?,NULL)');
  const move = db.prepare('INSERT INTO stock_moves (document_id, move_no, line_no, store_id, location_id, product_id, batch_id, qty, cost_value, business_date, posted_at) VALUES (?,?,?,?,?,?,\'\',?,?,?,?)');
  const bal = db.prepare(
    "INSERT INTO stock_balances (store_id, location_id, product_id, batch_id, qty, cost_value) VALUES (?,?,?,'',?,?) ON CONFLICT (store_id, location_id, product_id, batch_id) DO UPDATE SET qty = stock_balances.qty + excluded.qty, cost_value = stock_balances.cost_value + excluded.cost_value",
  );
  const entry = db.prepare('INSERT INTO journal_entries (id, company_id, store_id, document_id, business_date, posted_at, memo) VALUES (?,?,?,?,?,?,?)');
  const jl = db.prepare("INSERT INTO journal_lines (entry_id, line_no, company_id, store_id, account_code, debit, credit, memo) VALUES (?,?,?,?,?,?,?,'')");
  const head = db.prepare("INSERT INTO audit_heads (chain_id, seq, hash) VALUES (?, 1, '') ON CONFLICT (chain_id) DO UPDATE SET seq = audit_heads.seq + 1 RETURNING seq, hash");
  const audit = db.prepare('INSERT INTO audit_events (chain_id, seq, at, company_id, actor_id, action, subject_type, subject_id, store_id, data_json, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)');
  const headHash = db.prepare('UPDATE audit_heads SET hash = ? WHERE chain_id = ?');
  const outbox = db.prepare('INSERT INTO outbox (id, topic, document_id, payload_json, created_at, published_at) VALUES (?,?,?,?,?,NULL)');
  const scope = `raw:${storeId}`;
  const chain = `rawchain:${storeId}`;

  const postOne = (i: number) => {
    const now = new Date().toISOString();
    const seq = (counter.get(scope) as { value: number }).value;
    const id = randomUUID();
    let total = 0;
    const lines = products.map((p, k) => {
      const qty = 1000 + ((i + k) % 7) * 1000;
      const value = Math.round(((100 + k) * qty) / 1000);
      total += value;
      return { p, qty, value, cost: 100 + k };
    });
    doc.run(id, randomUUID(), companyId, storeId, 'opening_balance', scope, seq, `RAW-${seq}`, now.slice(0, 10), now, userId, 'h', total, '', '{}');
    lines.forEach((l, k) => {
      line.run(id, k + 1, l.p, l.qty, l.cost, l.value);
      move.run(id, k + 1, k + 1, storeId, locationId, l.p, l.qty, l.value, now.slice(0, 10), now);
      bal.run(storeId, locationId, l.p, l.qty, l.value);
    });
    const eid = randomUUID();
    entry.run(eid, companyId, storeId, id, now.slice(0, 10), now, 'x');
    jl.run(eid, 1, companyId, storeId, '1405', total, 0);
    jl.run(eid, 2, companyId, storeId, '3104', 0, total);
    const h = head.get(chain) as { seq: number; hash: string };
    const hash = createHash('sha256').update(h.hash).update(JSON.stringify({ id, seq: h.seq })).digest('hex');
    audit.run(chain, h.seq, now, companyId, userId, 'document.posted', 'document', id, storeId, '{}', h.hash, hash);
    headHash.run(hash, chain);
    outbox.run(randomUUID(), 'document.posted', id, '{}', now);
  };

  const t0 = performance.now();
  if (perTxn === 1) {
    const tx = db.transaction(postOne);
    for (let i = 0; i < docs; i++) tx(i);
  } else {
    const tx = db.transaction((from: number, n: number) => {
      for (let i = from; i < from + n; i++) {
        db.exec('SAVEPOINT d');
        postOne(i);
        db.exec('RELEASE d');
      }
    });
    for (let i = 0; i < docs; i += perTxn) tx(i, Math.min(perTxn, docs - i));
  }
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  return seconds;
}

export async function benchPosting(): Promise<PostingBench> {
  const env = await setup();
  const { s, owner, storeId, products } = env;
  const rows: PostingBench['rows'] = [];
  const record = (name: string, docs: number, seconds: number) => rows.push({ name, docs, seconds, perSecond: docs / seconds });

  // Engine, one caller at a time: one transaction (one fsync) per document.
  const seqDocs = Math.min(DOCS, 1000);
  let t0 = performance.now();
  for (let i = 0; i < seqDocs; i++) await s.documents.postOpeningBalance(owner, fiveLineDoc(storeId, products, i));
  record('engine, sequential (1 doc/txn)', seqDocs, (performance.now() - t0) / 1000);

  // Engine, 32 concurrent callers: group commit batches them into shared transactions.
  t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < DOCS) {
        const i = next++;
        await s.documents.postOpeningBalance(owner, fiveLineDoc(storeId, products, i));
      }
    }),
  );
  record('engine, 32 concurrent (group commit)', DOCS, (performance.now() - t0) / 1000);

  const company = await s.db.selectFrom('companies').select('id').executeTakeFirstOrThrow();
  const loc = await s.db.selectFrom('locations').select('id').where('store_id', '=', storeId).executeTakeFirstOrThrow();
  const file = path.join(env.dir, 'bench.db');
  await env.database.close();

  record('raw better-sqlite3, 1 doc/txn', seqDocs, rawLoop(file, storeId, company.id, owner.user.id, loc.id, products, seqDocs, 1));
  record('raw better-sqlite3, 32 docs/txn', DOCS, rawLoop(file, storeId, company.id, owner.user.id, loc.id, products, DOCS, 32));
  fs.rmSync(env.dir, { recursive: true, force: true });

  const rate = (name: string) => rows.find((r) => r.name === name)!.perSecond;
  return {
    rows,
    ratios: {
      'engine sequential / raw 1 doc per txn': rate('engine, sequential (1 doc/txn)') / rate('raw better-sqlite3, 1 doc/txn'),
      'engine group commit / raw 1 doc per txn': rate('engine, 32 concurrent (group commit)') / rate('raw better-sqlite3, 1 doc/txn'),
      'engine group commit / raw 32 docs per txn': rate('engine, 32 concurrent (group commit)') / rate('raw better-sqlite3, 32 docs/txn'),
    },
  };
}
