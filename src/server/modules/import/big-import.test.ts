// A 100,000-row CSV through the HTTP route on SQLite: far above the global 1 MiB body limit,
// committed in one catalog transaction plus opening documents of 1000 lines. No timing asserts
// (bench/import.ts measures rows/s).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eanCheckDigit } from '../../../core/barcode/ean';
import { makeTestApp, type TestApp } from '../../testing';
import { verifyAll } from '../../verify/verify';
import { csvBytes, importFile } from './test-helpers';

const ROWS = 100_000;

describe('a 100,000-row import on sqlite', () => {
  let t: TestApp;
  let owner: string;
  beforeAll(async () => {
    t = await makeTestApp('sqlite');
    owner = await t.login('owner');
  });
  afterAll(() => t.close());

  const count = async (q: string) => Number((await sql.raw<{ n: number }>(q).execute(t.db.db)).rows[0].n);

  it('imports every row with its barcode, and the opening stock of every fourth row', { timeout: 300_000 }, async () => {
    const rows = Array.from({ length: ROWS }, (_, i) => {
      const twelve = `69${String(100_000 + i).padStart(10, '0')}`;
      return [`BIG-${i}`, `大批量商品 ${i} 号`, twelve + eanCheckDigit(twelve), '个', `${1 + (i % 50)}.99`, i % 2 ? '9%' : '13%', i % 4 === 0 ? '2' : '', i % 4 === 0 ? '1.50' : ''];
    });
    const file = csvBytes([['商品编码', '商品名称', '条码', '单位', '零售价', '税率', '期初库存', '成本'], ...rows]);
    expect(file.length).toBeGreaterThan(4 * 1024 * 1024);
    const products = await count('SELECT COUNT(*) AS n FROM products');

    const res = await importFile(t, owner, 'big.csv', file, { storeId: t.ids.s01, commit: true });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ rows: ROWS, goodRows: ROWS, badRows: 0, created: { products: ROWS, barcodes: ROWS, openingLines: 25_000 } });
    expect(r.rowsPerSecond).toBeGreaterThan(0);
    // 25,000 rows × 2 pieces × 1.50 = 75,000.00 yuan in 25 documents of 1000 lines.
    expect(r.openingDocuments).toHaveLength(25);
    expect(r.openingDocuments.every((d: { lines: number; total: number }) => d.lines === 1000 && d.total === 300_000)).toBe(true);

    expect(await count('SELECT COUNT(*) AS n FROM products')).toBe(products + ROWS);
    expect(await count("SELECT COUNT(*) AS n FROM barcodes WHERE code LIKE '69%' AND kind = 'ean13' AND product_id IN (SELECT id FROM products WHERE sku LIKE 'BIG-%')")).toBe(ROWS);
    expect(await count("SELECT COUNT(*) AS n FROM prices WHERE product_id IN (SELECT id FROM products WHERE sku LIKE 'BIG-%')")).toBe(ROWS);
    expect(await count(`SELECT SUM(b.cost_value) AS n FROM stock_balances b JOIN products p ON p.id = b.product_id WHERE p.sku LIKE 'BIG-%'`)).toBe(7_500_000);
    expect(await count(`SELECT SUM(b.qty) AS n FROM stock_balances b JOIN products p ON p.id = b.product_id WHERE p.sku LIKE 'BIG-%'`)).toBe(50_000_000);
    const p = await t.db.db.selectFrom('products').select(['price', 'tax_rate', 'pinyin_initials']).where('sku', '=', 'BIG-99999').executeTakeFirstOrThrow();
    expect(p).toEqual({ price: 5099, tax_rate: 900, pinyin_initials: 'dplsp99999h' });
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
