// Posting a 5-line stock document in process through the engine, against a raw better-sqlite3 loop
// that writes the same rows (ARCHITECTURE §6: the raw loops belong in bench/ so every run measures
// its own ceiling). Both run with synchronous=FULL on a file, so the ratio compares like with like.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uuidv7 } from '../src/core/id/uuidv7';
import { openDatabase, type Database } from '../src/db/dialect';
import { migrateToLatest } from '../src/db/migrate';
import type { AuthContext } from '../src/server/auth/auth-context';
import { firstOwner } from '../src/server/auth/owner-context';
import { seedDemo } from '../src/server/seed/demo';
import { createServices, type Services } from '../src/server/services';
import { openRaw, rawPosting } from './raw-posting';

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
  const db = openRaw(file);
  const { counter, doc, line, move, bal, entry, jl, outbox, audit } = rawPosting(db);
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
    audit(chain, { at: now, companyId, userId, action: 'document.posted', subjectType: 'document', subjectId: id, storeId });
    outbox.run(randomUUID(), 'document.posted', id, now);
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
