// Importing a product file on SQLite (synchronous=FULL, on disk, as in production): a generated
// CSV of BENCH_IMPORT_ROWS products (default 100,000) with Chinese names, an EAN-13 each, prices,
// tax rates, categories and opening stock on every row — parsed, checked and committed in one call,
// as POST /imports with commit: true does. Budget: ≥ 20,000 rows/s (ARCHITECTURE §6).
//
// The raw ceiling beside it writes the same rows with prepared better-sqlite3 statements and no
// framework (search keys computed the same way, one transaction for the catalog, one per opening
// document of 1000 lines), on a fresh database of its own, so every run measures its own ceiling.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { classifyBarcode, eanCheckDigit } from '../src/core/barcode/ean';
import { uuidv7 } from '../src/core/id/uuidv7';
import { mulDivRound } from '../src/core/money/round';
import { openDatabase } from '../src/db/dialect';
import { migrateToLatest } from '../src/db/migrate';
import { firstOwner } from '../src/server/auth/owner-context';
import { resolveMapping } from '../src/server/import/columns';
import { parseCsv, toCsv } from '../src/server/import/csv';
import { readRow, type ProductRow } from '../src/server/import/read-row';
import { derivedColumns } from '../src/server/modules/catalog/products/insert';
import { seedDemo } from '../src/server/seed/demo';
import { createServices } from '../src/server/services';

export interface ImportBench {
  rows: number;
  /** The commit: parse, check and write, end to end. */
  seconds: number;
  rowsPerSecond: number;
  /** The dry run of the same file: parse and check, no writes. */
  dryRunSeconds: number;
  openingDocuments: number;
  raw: { seconds: number; rowsPerSecond: number };
  /** Import rows/s over raw rows/s in this run. */
  ratio: number;
}

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const NAMES = ['可口可乐', '农夫山泉', '康师傅冰红茶', '全麦吐司', '五常大米', '金龙鱼调和油', '蒙牛纯牛奶', '乐事薯片', '海飞丝洗发水', '清风抽纸'];
const SPECS = ['330ml', '550ml', '500g', '5kg', '250ml×24', '70g'];

export function benchCsv(rows: number): string {
  const header = ['商品编码', '商品名称', '条码', '规格', '品牌', '单位', '零售价', '会员价', '税率', '分类', '期初库存', '成本'];
  const body = Array.from({ length: rows }, (_, i) => {
    const item = String(i).padStart(7, '0');
    const twelve = `69${String(1000 + (i % 9000))}${item.slice(-6)}`;
    return [
      `BENCH-${item}`,
      `${NAMES[i % NAMES.length]} ${SPECS[i % SPECS.length]} ${i}`,
      twelve + eanCheckDigit(twelve),
      SPECS[i % SPECS.length],
      NAMES[i % NAMES.length].slice(0, 2),
      '件',
      `${1 + (i % 97)}.${String(i % 100).padStart(2, '0')}`,
      i % 3 === 0 ? `${1 + (i % 97)}.00` : '',
      i % 2 === 0 ? '13%' : '9%',
      i % 5 === 0 ? 'DRINKS' : '',
      String(1 + (i % 50)),
      `${(i % 90) + 1}.50`,
    ];
  });
  return toCsv([header, ...body]);
}

async function freshShop(dir: string, name: string) {
  const file = path.join(dir, name);
  const database = openDatabase({ sqliteFile: file, sqliteSync: 'FULL' });
  await migrateToLatest(database);
  const s = createServices(database);
  const { companyId } = await seedDemo(s);
  const owner = (await firstOwner(s.db))!;
  const store = await s.db.selectFrom('stores').select('id').where('code', '=', 'S01').executeTakeFirstOrThrow();
  const location = await s.db.selectFrom('locations').select('id').where('store_id', '=', store.id).where('code', '=', 'MAIN').executeTakeFirstOrThrow();
  const category = await s.db.selectFrom('categories').select('id').where('code', '=', 'DRINKS').executeTakeFirstOrThrow();
  return { file, database, s, owner, companyId, storeId: store.id, locationId: location.id, categoryId: category.id };
}

/** The rows the import writes, written with prepared statements in the fewest transactions. */
function rawLoop(shop: { file: string; companyId: string; storeId: string; locationId: string; categoryId: string; userId: string }, products: ProductRow[]): number {
  const db = new BetterSqlite3(shop.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const product = db.prepare(
    `INSERT INTO products (id, company_id, sku, name, unit, tax_rate, price, member_price, status, created_at, pinyin_initials, pinyin_full, search_text,
       spec, brand, origin, category_id, weighable, plu, track_batches, shelf_life_days, cost_method, variant_template_id, variant_json, updated_at)
     VALUES (?,?,?,?,?,?,?,?,'active',?,?,?,?,?,?,?,?,0,NULL,0,NULL,'moving_average',NULL,NULL,?)`,
  );
  const price = db.prepare("INSERT INTO prices (id, company_id, product_id, store_id, price, member_price, effective_at, document_id, created_at) VALUES (?,?,?,'*',?,?,?,NULL,?)");
  const barcode = db.prepare('INSERT INTO barcodes (company_id, code, product_id, unit, kind, created_at) VALUES (?,?,?,?,?,?)');
  const counter = db.prepare('INSERT INTO counters (scope, value) VALUES (?, 1) ON CONFLICT (scope) DO UPDATE SET value = counters.value + 1 RETURNING value');
  const doc = db.prepare(
    'INSERT INTO documents (id, client_id, company_id, store_id, register_id, type, number_scope, number_seq, number, business_date, posted_at, posted_by, approved_by, payload_hash, total, memo, result_json) VALUES (?,?,?,?,NULL,?,?,?,?,?,?,?,NULL,?,?,?,?)',
  );
  const line = db.prepare('INSERT INTO document_lines (document_id, line_no, product_id, account_code, qty, unit_price, amount, data_json) VALUES (?,?,?,NULL,?,?,?,NULL)');
  const move = db.prepare("INSERT INTO stock_moves (document_id, move_no, line_no, store_id, location_id, product_id, batch_id, qty, cost_value, business_date, posted_at) VALUES (?,?,?,?,?,?,'',?,?,?,?)");
  const bal = db.prepare(
    "INSERT INTO stock_balances (store_id, location_id, product_id, batch_id, qty, cost_value) VALUES (?,?,?,'',?,?) ON CONFLICT (store_id, location_id, product_id, batch_id) DO UPDATE SET qty = stock_balances.qty + excluded.qty, cost_value = stock_balances.cost_value + excluded.cost_value",
  );
  const entry = db.prepare('INSERT INTO journal_entries (id, company_id, store_id, document_id, business_date, posted_at, memo) VALUES (?,?,?,?,?,?,?)');
  const jl = db.prepare("INSERT INTO journal_lines (entry_id, line_no, company_id, store_id, account_code, debit, credit, memo) VALUES (?,?,?,?,?,?,?,'')");
  const head = db.prepare("INSERT INTO audit_heads (chain_id, seq, hash) VALUES (?, 1, '') ON CONFLICT (chain_id) DO UPDATE SET seq = audit_heads.seq + 1 RETURNING seq, hash");
  const audit = db.prepare('INSERT INTO audit_events (chain_id, seq, at, company_id, actor_id, action, subject_type, subject_id, store_id, data_json, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)');
  const headHash = db.prepare('UPDATE audit_heads SET hash = ? WHERE chain_id = ?');
  const outbox = db.prepare('INSERT INTO outbox (id, topic, document_id, payload_json, created_at, published_at) VALUES (?,?,?,?,?,NULL)');
  const { companyId, storeId, locationId, userId } = shop;
  const auditOne = (chain: string, action: string, subject: string) => {
    const h = head.get(chain) as { seq: number; hash: string };
    const hash = createHash('sha256').update(h.hash).update(JSON.stringify({ subject, seq: h.seq })).digest('hex');
    audit.run(chain, h.seq, new Date().toISOString(), companyId, userId, action, 'x', subject, storeId, '{}', h.hash, hash);
    headHash.run(hash, chain);
  };

  const t0 = performance.now();
  const at = new Date().toISOString();
  const ids = products.map(() => uuidv7());
  db.transaction(() => {
    products.forEach((p, i) => {
      const d = derivedColumns(p);
      product.run(ids[i], companyId, p.sku, p.name, p.unit, p.taxRate, p.price, p.memberPrice, at, d.pinyin_initials, d.pinyin_full, d.search_text, p.spec, p.brand, p.origin, p.category ? shop.categoryId : null, at);
      price.run(uuidv7(), companyId, ids[i], p.price, p.memberPrice, at, at);
      for (const code of p.barcodes) barcode.run(companyId, code, ids[i], p.unit, classifyBarcode(code), at);
    });
    auditOne(`company:${companyId}`, 'catalog.imported', 'import');
  })();
  const postDocument = db.transaction((from: number) => {
    const now = new Date().toISOString();
    const id = randomUUID();
    const seq = (counter.get(`raw:${storeId}`) as { value: number }).value;
    const slice = products.slice(from, from + 1000);
    const values = slice.map((p) => mulDivRound(p.cost ?? 0, p.stock, 1000));
    const total = values.reduce((a, b) => a + b, 0);
    doc.run(id, randomUUID(), companyId, storeId, 'opening_balance', `raw:${storeId}`, seq, `RAW-${seq}`, now.slice(0, 10), now, userId, 'h', total, '', '{}');
    slice.forEach((p, k) => {
      line.run(id, k + 1, ids[from + k], p.stock, p.cost, values[k]);
      move.run(id, k + 1, k + 1, storeId, locationId, ids[from + k], p.stock, values[k], now.slice(0, 10), now);
      bal.run(storeId, locationId, ids[from + k], p.stock, values[k]);
    });
    const eid = randomUUID();
    entry.run(eid, companyId, storeId, id, now.slice(0, 10), now, 'Opening balances');
    jl.run(eid, 1, companyId, storeId, '1405', total, 0);
    jl.run(eid, 2, companyId, storeId, '3104', 0, total);
    auditOne(`store:${storeId}`, 'document.opening_balance.posted', id);
    outbox.run(randomUUID(), 'document.opening_balance.posted', id, '{}', now);
  });
  for (let from = 0; from < products.length; from += 1000) postDocument(from);
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  return seconds;
}

export async function benchImport(rows = ROWS): Promise<ImportBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cangshou-bench-import-'));
  try {
    const csv = benchCsv(rows);
    const shop = await freshShop(dir, 'import.db');
    const input = { fileName: 'bench.csv', contentBase64: Buffer.from(csv, 'utf8').toString('base64'), storeId: shop.storeId, commit: false, skipBadRows: false };

    const dry0 = performance.now();
    const dry = await shop.s.imports.run(shop.owner, input);
    const dryRunSeconds = (performance.now() - dry0) / 1000;
    if (dry.badRows) throw new Error(`bench file has ${dry.badRows} bad rows: ${JSON.stringify(dry.errors[0])}`);

    const t0 = performance.now();
    const report = await shop.s.imports.run(shop.owner, { ...input, commit: true });
    const seconds = (performance.now() - t0) / 1000;
    if (report.created?.products !== rows) throw new Error(`imported ${report.created?.products} of ${rows}`);
    await shop.database.close();

    // The raw loop gets the rows already parsed: its figure is the cost of writing them.
    const rawShop = await freshShop(dir, 'raw.db');
    await rawShop.database.close();
    const [header, ...data] = parseCsv(csv);
    const mapping = resolveMapping(header.cells);
    if (!mapping.ok) throw new Error('bench header not understood');
    const products = data.map((r) => readRow(r, mapping.mapping).product!);
    const rawSeconds = rawLoop({ ...rawShop, userId: rawShop.owner.user.id }, products);

    const rowsPerSecond = rows / seconds;
    const rawRowsPerSecond = rows / rawSeconds;
    return {
      rows,
      seconds,
      rowsPerSecond,
      dryRunSeconds,
      openingDocuments: report.openingDocuments.length,
      raw: { seconds: rawSeconds, rowsPerSecond: rawRowsPerSecond },
      ratio: rowsPerSecond / rawRowsPerSecond,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
