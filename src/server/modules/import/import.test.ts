import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eanCheckDigit } from '../../../core/barcode/ean';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { parseCsv, toCsv } from '../../import/csv';
import { makeTestApp, type TestApp } from '../../testing';
import { verifyAll } from '../../verify/verify';
import { HEADER, csvBytes, importFile, xlsxBytes } from './test-helpers';

/** A valid EAN-13 from its first 12 digits. */
const ean = (twelve: string) => `${twelve}${eanCheckDigit(twelve)}`;
/** The same code with a wrong check digit. */
const badEan = (twelve: string) => `${twelve}${(eanCheckDigit(twelve) + 1) % 10}`;

/** A row in HEADER's column order from the fields that matter to a test. */
function row(f: Partial<Record<'sku' | 'name' | 'barcode' | 'spec' | 'brand' | 'origin' | 'unit' | 'price' | 'member' | 'tax' | 'category' | 'stock' | 'cost', string>>): string[] {
  return [f.sku ?? '', f.name ?? '', f.barcode ?? '', f.spec ?? '', f.brand ?? '', f.origin ?? '', f.unit ?? '', f.price ?? '', f.member ?? '', f.tax ?? '', f.category ?? '', f.stock ?? '', f.cost ?? ''];
}

describe.each(testDialects)('product import from CSV and XLSX on %s', (dialect) => {
  let t: TestApp;
  let owner: string;
  let manager: string;
  let cashier: string;
  const category: Record<string, string> = {};

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = await t.login('owner');
    manager = await t.login('manager');
    cashier = await t.login('cashier');
    const at = new Date().toISOString();
    for (const [code, name] of [
      ['T-DRINK', '测试饮料'],
      ['T-GRAIN', '测试粮油'],
      ['MISC1', '杂货'],
      ['MISC2', '杂货'],
    ]) {
      category[code] = uuidv7();
      await t.db.db.insertInto('categories').values({ id: category[code], company_id: t.ids.companyId, parent_id: null, code, name, created_at: at }).execute();
    }
    // A barcode that already belongs to the demo cola.
    await t.db.db
      .insertInto('barcodes')
      .values({ company_id: t.ids.companyId, code: ean('690000000001'), product_id: t.ids.products['DRK-COLA-330'], unit: '罐', kind: 'ean13', created_at: at })
      .execute();
  });
  afterAll(() => t.close());

  const count = async (table: 'products' | 'barcodes' | 'documents' | 'prices') => Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(t.db.db)).rows[0].n);

  it('dry-runs a UTF-8 CSV: guesses the columns, reports every row good, writes nothing', async () => {
    const before = await count('products');
    const file = csvBytes([HEADER, row({ sku: 'DRY-1', name: '可口可乐 500ml', price: '3.50', tax: '13%' }), row({ sku: 'DRY-2', name: '雪碧', price: '3', unit: '瓶' })]);
    const res = await importFile(t, owner, 'products.csv', file);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ format: 'csv', encoding: 'utf-8', rows: 2, goodRows: 2, badRows: 0, errors: [], errorReportCsv: null, committed: false, created: null });
    expect(r.mapping).toEqual({
      sku: '商品编码',
      name: '商品名称',
      barcode: '条码',
      spec: '规格',
      brand: '品牌',
      origin: '产地',
      unit: '单位',
      price: '零售价',
      memberPrice: '会员价',
      taxRate: '税率',
      category: '分类',
      stock: '期初库存',
      cost: '成本',
    });
    expect(r.rowsPerSecond).toBeGreaterThan(0);
    expect(await count('products')).toBe(before);
  });

  it('reads the same products from UTF-8 with a BOM and from GBK (Chinese Excel)', async () => {
    for (const [encoding, expected] of [
      ['utf-8-bom', 'utf-8-bom'],
      ['gbk', 'gb18030'],
    ] as const) {
      const sku = `ENC-${encoding}`;
      const file = csvBytes([HEADER, row({ sku, name: '康师傅红烧牛肉面', origin: '天津', unit: '袋', price: '4.50', category: '测试粮油' })], encoding);
      const res = await importFile(t, owner, 'gbk.csv', file, { commit: true });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ encoding: expected, committed: true, created: { products: 1, barcodes: 0, openingLines: 0 } });
      const p = await t.db.db.selectFrom('products').selectAll().where('sku', '=', sku).executeTakeFirstOrThrow();
      expect(p).toMatchObject({ name: '康师傅红烧牛肉面', origin: '天津', unit: '袋', price: 450, tax_rate: 1300, category_id: category['T-GRAIN'], pinyin_initials: 'ksfhsnrm' });
    }
  });

  it('reads an XLSX: numbers, cached formula results, and refuses formulas without a value', async () => {
    const cola = ean('690111111111');
    const file = await xlsxBytes((ws) => {
      ws.addRow(['商品编码', '商品名称', '条码', '零售价', '税率', '期初库存', '成本']);
      ws.addRow(['X-1', '雪碧 330ml', Number(cola), 3.5, 0.13, 12, 2.1]);
      ws.addRow(['X-2', '芬达 330ml', '', { formula: 'D2*2', result: 7 }, '9%', null, null]);
      ws.addRow(['X-3', '美年达 330ml', '', { formula: 'D2*3' }, '13%', null, null]);
      ws.addRow(['X-4', '零度可乐', '', { error: '#N/A' }, '13%', null, null]);
    });
    const dry = await importFile(t, owner, 'products.xlsx', file, { storeId: t.ids.s01 });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ format: 'xlsx', encoding: null, rows: 4, goodRows: 2, badRows: 2 });
    expect(dry.json().errors).toEqual([
      { row: 4, sku: 'X-3', errors: [expect.objectContaining({ code: 'formula_without_value', field: 'price', column: '零售价' })] },
      { row: 5, sku: 'X-4', errors: [expect.objectContaining({ code: 'cell_error', field: 'price', column: '零售价' })] },
    ]);
    // The error report shows the formula that has no value, guarded against running as one.
    const report = parseCsv(dry.json().errorReportCsv.replace(/^\uFEFF/, ''));
    expect(report[1].cells.slice(0, 4)).toEqual(['X-3', '美年达 330ml', '', '=D2*3']);

    const res = await importFile(t, owner, 'products.xlsx', file, { storeId: t.ids.s01, commit: true, skipBadRows: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().created).toEqual({ products: 2, barcodes: 1, openingLines: 1 });
    const rows = await t.db.db.selectFrom('products').select(['sku', 'price', 'tax_rate']).where('sku', 'in', ['X-1', 'X-2', 'X-3']).orderBy('sku').execute();
    expect(rows).toEqual([
      { sku: 'X-1', price: 350, tax_rate: 1300 },
      { sku: 'X-2', price: 700, tax_rate: 900 },
    ]);
    const code = await t.db.db.selectFrom('barcodes').select(['code', 'kind', 'unit']).where('code', '=', cola).executeTakeFirstOrThrow();
    expect(code).toEqual({ code: cola, kind: 'ean13', unit: '件' });
    // 12 pieces at 2.10 = 25.20 yuan of opening stock.
    expect(res.json().openingDocuments).toEqual([expect.objectContaining({ lines: 1, total: 2520 })]);
  });

  it('names the required columns that are missing', async () => {
    const res = await importFile(t, owner, 'a.csv', csvBytes([['品名', '规格'], ['可乐', '330ml']]));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'missing_columns', missing: ['sku', 'price'], headers: ['品名', '规格'] });
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['mapping.sku', 'mapping.price']);
  });

  it('lets the client map unusual headers, and refuses a mapping to a column that does not exist', async () => {
    const file = csvBytes([
      ['编号X', '叫啥', '多少钱'],
      ['MAP-1', '矿泉水', '2'],
    ]);
    const res = await importFile(t, owner, 'a.csv', file, { mapping: { sku: '编号X', name: '叫啥', price: '多少钱' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ goodRows: 1, mapping: { sku: '编号X', name: '叫啥', price: '多少钱' } });
    const wrong = await importFile(t, owner, 'a.csv', file, { mapping: { sku: '编号X', name: '叫啥', price: '价钱' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'unknown_column', errors: [{ field: 'mapping.price' }] });
  });

  it('reports every bad row with its row number and reasons', async () => {
    const first = ean('690222222222');
    const rows = [
      row({ name: '无编码', price: '1' }), // 2
      row({ sku: '有 空格', name: 'x', price: '1' }), // 3
      row({ sku: 'R-OK1', name: '好的', price: '1' }), // 4 good
      row({ sku: 'R-OK1', name: '重复', price: '1' }), // 5
      row({ sku: 'DRK-COLA-330', name: '可乐', price: '1' }), // 6
      row({ sku: 'R-7', price: '1' }), // 7
      row({ sku: 'R-8', name: '长'.repeat(201), price: '1' }), // 8
      row({ sku: 'R-9', name: 'n' }), // 9
      row({ sku: 'R-10', name: 'n', price: '-1' }), // 10
      row({ sku: 'R-11', name: 'n', price: 'abc' }), // 11
      row({ sku: 'R-12', name: 'n', price: '1.234' }), // 12
      row({ sku: 'R-13', name: 'n', price: '1', tax: '50%' }), // 13
      row({ sku: 'R-14', name: 'n', price: '1', barcode: 'ABC#1' }), // 14
      row({ sku: 'R-15', name: 'n', price: '1', barcode: '6.90123E+12' }), // 15
      row({ sku: 'R-16', name: 'n', price: '1', barcode: badEan('690333333333') }), // 16
      row({ sku: 'R-17', name: 'n', price: '1', barcode: first }), // 17 good
      row({ sku: 'R-18', name: 'n', price: '1', barcode: first }), // 18
      row({ sku: 'R-19', name: 'n', price: '1', barcode: ean('690000000001') }), // 19
      row({ sku: 'R-20', name: 'n', price: '1', category: 'NOPE' }), // 20
      row({ sku: 'R-21', name: 'n', price: '1', category: '杂货' }), // 21
      row({ sku: 'R-22', name: 'n', price: '1', stock: '-5', cost: '1' }), // 22
      row({ sku: 'R-23', name: 'n', price: '1', stock: '5' }), // 23
      row({ sku: 'R-24', name: 'n', price: '1', stock: '5', cost: '-1' }), // 24
      row({ sku: 'R-25', name: 'n', price: '1', member: '-0.5' }), // 25
      row({ sku: 'R-26', name: 'n', price: '1', stock: '1.2345', cost: '1' }), // 26
      row({ name: '', price: 'x' }), // 27: three reasons at once
    ];
    const res = await importFile(t, owner, 'bad.csv', csvBytes([HEADER, ...rows]));
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ rows: 26, goodRows: 2, badRows: 24 });
    const reasons = Object.fromEntries(r.errors.map((e: { row: number; errors: { code: string; field: string }[] }) => [e.row, e.errors.map((x) => `${x.code}:${x.field}`)]));
    expect(reasons).toEqual({
      2: ['missing_sku:sku'],
      3: ['bad_sku:sku'],
      5: ['duplicate_sku:sku'],
      6: ['sku_exists:sku'],
      7: ['missing_name:name'],
      8: ['too_long:name'],
      9: ['missing_price:price'],
      10: ['negative_price:price'],
      11: ['bad_number:price'],
      12: ['too_many_decimals:price'],
      13: ['tax_rate_out_of_range:taxRate'],
      14: ['bad_barcode:barcode'],
      15: ['barcode_in_scientific_notation:barcode'],
      16: ['barcode_check_digit:barcode'],
      18: ['duplicate_barcode:barcode'],
      19: ['barcode_taken:barcode'],
      20: ['unknown_category:category'],
      21: ['ambiguous_category:category'],
      22: ['negative_stock:stock'],
      23: ['missing_cost:cost'],
      24: ['negative_cost:cost'],
      25: ['negative_price:memberPrice'],
      26: ['too_many_decimals:stock'],
      27: ['missing_sku:sku', 'missing_name:name', 'bad_number:price'],
    });
    expect(r.errors.find((e: { row: number }) => e.row === 5).errors[0].message).toContain('row 4');
    expect(r.errors.find((e: { row: number }) => e.row === 16).errors[0].message).toContain(`should end in ${eanCheckDigit('690333333333')}`);

    // The error report: the bad rows as they were, plus a column saying what is wrong.
    const report = parseCsv(r.errorReportCsv.replace(/^\uFEFF/, ''));
    expect(r.errorReportCsv.startsWith('\uFEFF')).toBe(true);
    expect(report[0].cells).toEqual([...HEADER, '错误 (Error)']);
    expect(report).toHaveLength(1 + 24);
    expect(report[1].cells.slice(0, HEADER.length)).toEqual(rows[0]);
    expect(report[1].cells[HEADER.length]).toBe('缺少商品编码 missing_sku [商品编码]');
    expect(report.find((x) => x.cells[0] === 'R-16')!.cells[HEADER.length]).toBe('条码校验位错误 barcode_check_digit [条码]');

    // Committing a file with bad rows is refused as a whole.
    const before = await count('products');
    const commit = await importFile(t, owner, 'bad.csv', csvBytes([HEADER, ...rows]), { commit: true });
    expect(commit.statusCode).toBe(422);
    expect(commit.json()).toMatchObject({ code: 'import_has_errors', report: { badRows: 24 } });
    expect(await count('products')).toBe(before);
  });

  it('imports the fixed error report cleanly', async () => {
    const rows = [
      row({ sku: 'FIX-1', name: '好的', price: '2' }),
      row({ sku: 'FIX-2', name: '条码错了', price: '2', barcode: badEan('690444444444') }),
      row({ sku: 'FIX-3', price: '2' }),
      row({ sku: 'FIX-4', name: '负价', price: '-2', tax: '9%' }),
    ];
    const dry = await importFile(t, owner, 'f.csv', csvBytes([HEADER, ...rows]));
    expect(dry.json()).toMatchObject({ goodRows: 1, badRows: 3 });
    const committed = await importFile(t, owner, 'f.csv', csvBytes([HEADER, ...rows]), { commit: true, skipBadRows: true });
    expect(committed.statusCode, committed.body).toBe(201);
    expect(committed.json().created.products).toBe(1);

    // The user opens the report in Excel, fixes the cells the error column names and saves it.
    const report = parseCsv(dry.json().errorReportCsv.replace(/^\uFEFF/, '')).map((r) => r.cells);
    const col = (h: string) => report[0].indexOf(h);
    report[1][col('条码')] = ean('690444444444');
    report[2][col('商品名称')] = '补上名字';
    report[3][col('零售价')] = '2.00';
    const fixed = toCsv(report);
    const again = await importFile(t, owner, 'fixed.csv', fixed);
    expect(again.json()).toMatchObject({ rows: 3, goodRows: 3, badRows: 0, errors: [] });
    expect(again.json().ignoredColumns).toEqual(['错误 (Error)']);
    const res = await importFile(t, owner, 'fixed.csv', fixed, { commit: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().created).toEqual({ products: 3, barcodes: 1, openingLines: 0 });
    const p = await t.db.db.selectFrom('products').select(['name', 'price', 'tax_rate']).where('sku', '=', 'FIX-4').executeTakeFirstOrThrow();
    expect(p).toEqual({ name: '负价', price: 200, tax_rate: 900 });
  });

  it('commits products, barcodes, prices and opening stock; opening documents hold at most 1000 lines', async () => {
    const cola = ean('690555555555');
    const products = [
      row({ sku: 'C-A1', name: '可口可乐 500ml', barcode: `${cola}; ZJ-0001`, spec: '500ml', brand: '可口可乐', origin: '中国', unit: '瓶', price: '3.50', member: '3.20', tax: '13%', category: 't-drink', stock: '24', cost: '2.10' }),
      row({ sku: 'C-A2', name: '散装大米', origin: '黑龙江', unit: 'kg', price: '5.98', tax: '9%', category: '测试粮油', stock: '100.5', cost: '3.33' }),
      row({ sku: 'C-A3', name: '纸巾', unit: '包', price: '12', tax: '0.13' }),
    ];
    // 1,500 more with one piece each at 1.00, so the stock needs two documents (1000 + 502 lines).
    const bulk = Array.from({ length: 1500 }, (_, i) => row({ sku: `C-B${i}`, name: `批量商品 ${i}`, price: '1.99', stock: '1', cost: '1.00' }));
    const docsBefore = await count('documents');
    const res = await importFile(t, owner, 'opening.csv', csvBytes([HEADER, ...products, ...bulk]), { storeId: t.ids.s01, commit: true });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ committed: true, rows: 1503, goodRows: 1503, badRows: 0, created: { products: 1503, barcodes: 2, openingLines: 1502 } });
    // 24 × 2.10 = 50.40; 100.5 kg × 3.33 = 334.665 → 334.67 (half up); 1,500 × 1.00 = 1,500.00.
    expect(r.openingDocuments).toEqual([
      expect.objectContaining({ lines: 1000, total: 5040 + 33467 + 998 * 100 }),
      expect.objectContaining({ lines: 502, total: 502 * 100 }),
    ]);
    expect(await count('documents')).toBe(docsBefore + 2);

    const a1 = await t.db.db.selectFrom('products').selectAll().where('sku', '=', 'C-A1').executeTakeFirstOrThrow();
    expect(a1).toMatchObject({ name: '可口可乐 500ml', spec: '500ml', brand: '可口可乐', origin: '中国', unit: '瓶', price: 350, member_price: 320, tax_rate: 1300, category_id: category['T-DRINK'], status: 'active' });
    const codes = await t.db.db.selectFrom('barcodes').select(['code', 'kind', 'unit']).where('product_id', '=', a1.id).orderBy('code').execute();
    expect(codes).toEqual([
      { code: cola, kind: 'ean13', unit: '瓶' },
      { code: 'ZJ-0001', kind: 'internal', unit: '瓶' },
    ]);
    const history = await t.db.db.selectFrom('prices').select(['store_id', 'price', 'member_price']).where('product_id', '=', a1.id).execute();
    expect(history).toEqual([{ store_id: '*', price: 350, member_price: 320 }]);

    const balance = async (sku: string) => {
      const b = await t.db.db
        .selectFrom('stock_balances')
        .innerJoin('products', 'products.id', 'stock_balances.product_id')
        .select(['stock_balances.qty', 'stock_balances.cost_value'])
        .where('products.sku', '=', sku)
        .where('stock_balances.store_id', '=', t.ids.s01)
        .execute();
      return b.map((x) => ({ qty: Number(x.qty), value: Number(x.cost_value) }));
    };
    expect(await balance('C-A1')).toEqual([{ qty: 24_000, value: 5040 }]);
    expect(await balance('C-A2')).toEqual([{ qty: 100_500, value: 33_467 }]);
    expect(await balance('C-A3')).toEqual([]);

    // Inventory debited, opening equity credited, per document.
    const journal = await t.db.db
      .selectFrom('journal_lines')
      .innerJoin('journal_entries', 'journal_entries.id', 'journal_lines.entry_id')
      .select(['journal_lines.account_code', 'journal_lines.debit', 'journal_lines.credit'])
      .where('journal_entries.document_id', '=', r.openingDocuments[1].id)
      .orderBy('journal_lines.line_no')
      .execute();
    expect(journal.map((j) => [j.account_code, Number(j.debit), Number(j.credit)])).toEqual([
      ['1405', 50_200, 0],
      ['3104', 0, 50_200],
    ]);

    const audit = await t.db.db.selectFrom('audit_events').select(['action', 'data_json']).where('action', '=', 'catalog.imported').orderBy('at', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.data_json)).toMatchObject({ fileName: 'opening.csv', products: 1503, barcodes: 2 });
  });

  it('refuses a file with a SKU created since the dry run, writing nothing', async () => {
    const file = csvBytes([HEADER, row({ sku: 'RACE-1', name: '甲', price: '1' }), row({ sku: 'RACE-2', name: '乙', price: '1' })]);
    expect((await importFile(t, owner, 'race.csv', file)).json().badRows).toBe(0);
    await importFile(t, owner, 'other.csv', csvBytes([HEADER, row({ sku: 'RACE-2', name: '乙', price: '1' })]), { commit: true });
    const res = await importFile(t, owner, 'race.csv', file, { commit: true });
    expect(res.statusCode).toBe(422);
    expect(res.json().report.errors).toEqual([{ row: 3, sku: 'RACE-2', errors: [expect.objectContaining({ code: 'sku_exists' })] }]);
    expect(await t.db.db.selectFrom('products').select('id').where('sku', '=', 'RACE-1').executeTakeFirst()).toBeUndefined();
  });

  it('checks who may import and where the opening stock goes', async () => {
    const plain = csvBytes([HEADER, row({ sku: 'PERM-1', name: '甲', price: '1' })]);
    const stocked = csvBytes([HEADER, row({ sku: 'PERM-2', name: '乙', price: '1', stock: '3', cost: '0.5' })]);
    expect((await importFile(t, cashier, 'a.csv', plain)).statusCode).toBe(403);
    // A store manager of S01 does not see S02 …
    expect((await importFile(t, manager, 'a.csv', plain, { storeId: t.ids.s02 })).statusCode).toBe(404);
    expect((await importFile(t, owner, 'a.csv', plain, { storeId: uuidv7() })).statusCode).toBe(404);
    // … may import products, but opening stock is posted to the books and needs opening.post.
    expect((await importFile(t, manager, 'a.csv', plain, { storeId: t.ids.s01 })).statusCode).toBe(200);
    const forbidden = await importFile(t, manager, 'b.csv', stocked, { storeId: t.ids.s01 });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ code: 'opening_stock_forbidden', errors: [{ field: 'storeId' }] });
    const noStore = await importFile(t, owner, 'b.csv', stocked);
    expect(noStore.statusCode).toBe(400);
    expect(noStore.json()).toMatchObject({ code: 'store_required', errors: [{ field: 'storeId' }] });
  });

  it('answers 400 with a clear code for files it cannot read', async () => {
    const cases: [Buffer | string, string, string][] = [
      ['', 'a.csv', 'empty_file'],
      [csvBytes([HEADER]), 'a.csv', 'empty_file'],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.xls', 'unsupported_file_format'],
      [Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]), 'broken.xlsx', 'unreadable_file'],
      [Buffer.from([0, 159, 146, 150, 0, 1]), 'a.csv', 'unreadable_file'],
    ];
    for (const [bytes, name, code] of cases) {
      const res = await (bytes === '' ? t.call(owner, 'POST', '/api/v1/imports', { fileName: name, contentBase64: '' }) : importFile(t, owner, name, bytes));
      expect(res.statusCode, `${name} ${res.body}`).toBe(400);
      expect(res.json().code, name).toBe(bytes === '' ? 'validation_failed' : code);
    }
    const b64 = await t.call(owner, 'POST', '/api/v1/imports', { fileName: 'a.csv', contentBase64: '###' });
    expect(b64.json()).toMatchObject({ code: 'bad_base64', errors: [{ field: 'contentBase64' }] });
  });

  it('keeps every invariant', async () => {
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
