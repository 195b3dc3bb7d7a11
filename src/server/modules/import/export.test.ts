import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eanCheckDigit } from '../../../core/barcode/ean';
import { testDialects } from '../../../db/testing';
import { EXPORT_HEADERS, IMPORT_FIELDS } from '../../import/columns';
import { parseCsv, toCsv } from '../../import/csv';
import { makeTestApp, type TestApp } from '../../testing';
import { verifyAll } from '../../verify/verify';
import { csvBytes, importFile } from './test-helpers';

const ean = (twelve: string) => `${twelve}${eanCheckDigit(twelve)}`;
const HEADERS = IMPORT_FIELDS.map((f) => EXPORT_HEADERS[f]);

describe.each(testDialects)('product export (CSV / XLSX) and its round trip on %s', (dialect) => {
  let t: TestApp;
  let owner: string;
  const sprite = ean('690666666666');

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = await t.login('owner');
    const file = csvBytes([
      ['商品编码', '商品名称', '条码', '规格', '品牌', '产地', '单位', '零售价', '会员价', '税率', '分类', '期初库存', '成本'],
      ['EXP-1', '雪碧 500ml', `${sprite};ZJ-77`, '500ml', '雪碧', '中国', '瓶', '3.5', '3.2', '13%', 'DRINKS', '24', '2.10'],
      ['EXP-2', '=1+2 可疑名称', '', '', '@brand', '', '个', '10', '', '6%', '', '0.5', '1.99'],
    ]);
    const res = await importFile(t, owner, 'seed.csv', file, { storeId: t.ids.s01, commit: true });
    if (res.statusCode !== 201) throw new Error(res.body);
  });
  afterAll(() => t.close());

  const exportOf = (format: 'csv' | 'xlsx', storeId: string, token = owner) => t.call(token, 'GET', `/api/v1/exports/products?format=${format}&storeId=${storeId}`);

  it('writes UTF-8 CSV with a BOM, the import headers, yuan with two decimals and the store’s stock', async () => {
    const res = await exportOf('csv', t.ids.s01);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="products-S01-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(res.body.replace(/^\uFEFF/, '')).map((r) => r.cells);
    expect(rows[0]).toEqual(HEADERS);
    const bySku = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(bySku.get('EXP-1')).toEqual(['EXP-1', '雪碧 500ml', `${sprite};ZJ-77`, '500ml', '雪碧', '中国', '瓶', '3.50', '3.20', '13%', 'DRINKS', '24', '2.10']);
    // 0.5 at 1.99 = 0.995 → 1.00 of value; its average unit cost is 1.00 / 0.5 = 2.00.
    expect(bySku.get('EXP-2')).toEqual(['EXP-2', '=1+2 可疑名称', '', '', '@brand', '', '个', '10.00', '', '6%', '', '0.5', '2.00']);
    // The demo cola: 240 cans at 2.10 in S01; the case barcode (箱) is not the base unit's.
    const cola = bySku.get('DRK-COLA-330')!;
    expect(cola.slice(6, 13)).toEqual(['罐', '3.50', '', '13%', 'DRINKS', '240', '2.10']);
    expect(cola[2]).toMatch(/^\d{13}$/);
  });

  it('guards cells that a spreadsheet would run as formulas', async () => {
    const res = await exportOf('csv', t.ids.s01);
    expect(res.body).toContain(`"'=1+2 可疑名称"`);
    expect(res.body).toContain(`"'@brand"`);
  });

  it('gives each store its own stock', async () => {
    const res = await exportOf('csv', t.ids.s02);
    const rows = parseCsv(res.body.replace(/^\uFEFF/, '')).map((r) => r.cells);
    const bySku = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(bySku.get('DRK-COLA-330')![11]).toBe('120');
    expect(bySku.get('EXP-1')![11]).toBe('');
  });

  it('re-imports its own CSV with no error but sku_exists, and as new SKUs with no error at all', async () => {
    const res = await exportOf('csv', t.ids.s01);
    const dry = await importFile(t, owner, 'export.csv', res.rawPayload, { storeId: t.ids.s01 });
    expect(dry.statusCode, dry.body).toBe(200);
    const r = dry.json();
    expect(r.rows).toBeGreaterThan(10);
    expect(r.badRows).toBe(r.rows);
    for (const e of r.errors) expect(e.errors.map((x: { code: string }) => x.code), `row ${e.row}`).toEqual(['sku_exists']);

    // The same sheet with new SKUs and without the (taken) barcodes imports as new products.
    const rows = parseCsv(res.body.replace(/^\uFEFF/, '')).map((x) => x.cells);
    const renamed = [rows[0], ...rows.slice(1).map((x) => [`RT-${x[0]}`, x[1], '', ...x.slice(3)])];
    const again = await importFile(t, owner, 'renamed.csv', toCsv(renamed), { storeId: t.ids.s01 });
    expect(again.json()).toMatchObject({ rows: r.rows, badRows: 0 });
  });

  it('writes an XLSX with typed cells that re-imports the same way', async () => {
    const res = await exportOf('xlsx', t.ids.s01);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    const exp1 = ws.getColumn(1).values.indexOf('EXP-1');
    const row = ws.getRow(exp1);
    expect(row.getCell(8).value).toBe(3.5);
    expect(row.getCell(8).numFmt).toBe('0.00');
    expect(row.getCell(12).value).toBe(24);
    expect(row.getCell(3).value).toBe(`${sprite};ZJ-77`);

    const dry = await importFile(t, owner, 'export.xlsx', res.rawPayload, { storeId: t.ids.s01 });
    const r = dry.json();
    expect(r).toMatchObject({ format: 'xlsx' });
    expect(r.badRows).toBe(r.rows);
    for (const e of r.errors) expect(e.errors.map((x: { code: string }) => x.code), `row ${e.row}`).toEqual(['sku_exists']);
  });

  it('needs stock access in the store', async () => {
    expect((await exportOf('csv', t.ids.s01, await t.login('cashier'))).statusCode).toBe(403);
    expect((await exportOf('csv', t.ids.s02, await t.login('manager'))).statusCode).toBe(404);
    expect((await exportOf('csv', t.ids.s01, await t.login('clerk'))).statusCode).toBe(200);
  });

  it('keeps every invariant', async () => {
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
