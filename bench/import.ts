// Importing a product file on SQLite (synchronous=FULL, on disk, as in production): a generated
// CSV of BENCH_IMPORT_ROWS products (default 100,000) with Chinese names, an EAN-13 each, prices,
// tax rates, categories and opening stock on every row — parsed, checked and committed in one call,
// as POST /imports with commit: true does. Budget: ≥ 20,000 rows/s (ARCHITECTURE §6).
//
// The raw ceiling beside it writes the same rows with prepared better-sqlite3 statements and no
// framework (search keys and search index written the same way, one transaction for the catalog,
// one per opening document of 1000 lines; statements shared with the posting bench in
// raw-posting.ts), on a fresh database of its own, so every run measures its own ceiling.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
import { DEFAULT_TAX_RATE } from '../src/server/modules/tax-rates/defaults';
import { seedDemo } from '../src/server/seed/demo';
import { createServices } from '../src/server/services';
import { openRaw, rawPosting } from './raw-posting';

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
  const db = openRaw(shop.file);
  const product = db.prepare(
    `INSERT INTO products (id, company_id, sku, name, unit, tax_rate, price, member_price, status, created_at, pinyin_initials, pinyin_full, search_text, search_grams,
       spec, brand, origin, category_id, weighable, plu, track_batches, shelf_life_days, cost_method, variant_template_id, variant_json, updated_at)
     VALUES (?,?,?,?,?,?,?,?,'active',?,?,?,?,?,?,?,?,?,0,NULL,0,NULL,'moving_average',NULL,NULL,?)`,
  );
  // The search index (migration 0007), filled as insertProducts does: one INSERT … SELECT per chunk.
  const indexText = db.prepare('INSERT INTO products_fts (rowid, search_text) SELECT rowid, search_text FROM products WHERE rowid >= ?');
  const indexGrams = db.prepare('INSERT INTO products_grams (rowid, search_grams) SELECT rowid, search_grams FROM products WHERE rowid >= ?');
  const nextRowid = db.prepare('SELECT coalesce(max(rowid), 0) + 1 AS n FROM products');
  const price = db.prepare("INSERT INTO prices (id, company_id, product_id, store_id, price, member_price, effective_at, document_id, created_at) VALUES (?,?,?,'*',?,?,?,NULL,?)");
  const barcode = db.prepare('INSERT INTO barcodes (company_id, code, product_id, unit, kind, created_at) VALUES (?,?,?,?,?,?)');
  const { counter, doc, line, move, bal, entry, jl, outbox, audit } = rawPosting(db);
  const { companyId, storeId, locationId, userId } = shop;
  const auditOne = (chain: string, action: string, subject: string) =>
    audit(chain, { at: new Date().toISOString(), companyId, userId, action, subjectType: 'x', subjectId: subject, storeId });

  const t0 = performance.now();
  const at = new Date().toISOString();
  const ids = products.map(() => uuidv7());
  db.transaction(() => {
    for (let from = 0; from < products.length; from += 500) {
      const first = (nextRowid.get() as { n: number }).n;
      products.slice(from, from + 500).forEach((p, k) => {
        const i = from + k;
        const d = derivedColumns(p);
        product.run(ids[i], companyId, p.sku, p.name, p.unit, p.taxRate, p.price, p.memberPrice, at, d.pinyin_initials, d.pinyin_full, d.search_text, d.search_grams, p.spec, p.brand, p.origin, p.category ? shop.categoryId : null, at);
        price.run(uuidv7(), companyId, ids[i], p.price, p.memberPrice, at, at);
        for (const code of p.barcodes) barcode.run(companyId, code, ids[i], p.unit, classifyBarcode(code), at);
      });
      indexText.run(first);
      indexGrams.run(first);
    }
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
    outbox.run(randomUUID(), 'document.opening_balance.posted', id, now);
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
    const products = data.map((r) => readRow(r, mapping.mapping, DEFAULT_TAX_RATE).product!);
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
