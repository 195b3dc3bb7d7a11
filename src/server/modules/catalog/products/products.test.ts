import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDialects } from '../../../../db/testing';
import { makeTestApp, type TestApp } from '../../../testing';
import { verifyAll } from '../../../verify/verify';

// Demo barcodes (see seed/demo-catalog.ts): company prefix 6923450, check digits worked by hand,
// e.g. cola 692345000011 → 3+1+0+0+0+0+15+4+9+2+27+6 = 67 → check 3.
const COLA_EAN = '6923450000113';
const COLA_CASE = '16923450000110';
const WATER_EAN = '6923450000281';

describe.each(testDialects)('catalog: products API on %s', (dialect) => {
  let t: TestApp;
  let owner: string;
  let manager: string;
  let cashier: string;
  let clerk: string;
  let categories: Record<string, string>;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = await t.login('owner');
    manager = await t.login('manager');
    cashier = await t.login('cashier');
    clerk = await t.login('clerk');
    const tree = (await t.call(owner, 'GET', '/api/v1/categories')).json().items as { id: string; code: string }[];
    categories = Object.fromEntries(tree.map((c) => [c.code, c.id]));
  });
  afterAll(() => t.close());

  const countProducts = async () => Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM products`.execute(t.db.db)).rows[0].n);
  const sprite = () => ({
    sku: 'DRK-SPRITE-330',
    name: '雪碧 330ml',
    spec: '330ml',
    brand: '雪碧',
    categoryId: categories.DRINKS,
    unit: '罐',
    units: [{ unit: '箱', factor: 24_000 }],
    barcodes: [{ code: '6901234567892' }, { code: '16901234567899', unit: '箱' }, { code: 'SPR-01' }],
    taxRate: 1300,
    price: 350,
    stockLimits: [{ storeId: t.ids.s01, minQty: 24_000, maxQty: 240_000 }],
  });
  let spriteId: string;

  it('creates a product with its pack unit, barcodes of each kind and a stock limit, and audits it', async () => {
    const res = await t.call(owner, 'POST', '/api/v1/products', sprite());
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    spriteId = p.id;
    expect(p).toMatchObject({
      sku: 'DRK-SPRITE-330',
      name: '雪碧 330ml',
      unit: '罐',
      price: 350,
      memberPrice: null,
      taxRate: 1300,
      costMethod: 'moving_average',
      status: 'active',
      pinyinInitials: 'xb330ml',
      pinyinFull: 'xuebi330ml',
      units: [{ unit: '箱', factor: 24_000 }],
      stockLimits: [{ storeId: t.ids.s01, minQty: 24_000, maxQty: 240_000 }],
    });
    expect(p.barcodes).toEqual([
      { code: '16901234567899', unit: '箱', kind: 'gtin14' },
      { code: '6901234567892', unit: '罐', kind: 'ean13' },
      { code: 'SPR-01', unit: '罐', kind: 'internal' },
    ]);
    const audit = (await t.call(owner, 'GET', '/api/v1/audit?action=product.created&pageSize=1')).json().items[0];
    expect(audit).toMatchObject({ subjectId: p.id, data: { sku: 'DRK-SPRITE-330', price: 350 } });
  });

  it('refuses bad input with the field named, writing nothing', async () => {
    const before = await countProducts();
    const post = (over: Record<string, unknown>) => t.call(owner, 'POST', '/api/v1/products', { ...sprite(), sku: 'NEW-1', barcodes: [], ...over });
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ barcodes: [{ code: '6901234567891' }] }, 400, 'barcode_check_digit', 'barcodes.0.code'],
      [{ barcodes: [{ code: '12345670' }, { code: '036000291453' }] }, 400, 'barcode_check_digit', 'barcodes.1.code'],
      [{ barcodes: [{ code: COLA_EAN }] }, 409, 'barcode_taken', 'barcodes.0.code'],
      [{ barcodes: [{ code: 'X1' }, { code: 'X1' }] }, 400, 'barcode_duplicate', 'barcodes.1.code'],
      [{ barcodes: [{ code: 'X1', unit: '托' }] }, 400, 'unit_unknown', 'barcodes.0.unit'],
      [{ sku: 'DRK-COLA-330' }, 409, 'sku_taken', 'sku'],
      [{ weighable: true, plu: '00001' }, 409, 'plu_taken', 'plu'],
      [{ plu: '1234' }, 400, 'validation_failed', 'plu'],
      [{ categoryId: '0190aaaa-0000-7000-8000-000000000000' }, 404, 'not_found', 'categoryId'],
      [{ price: -1 }, 400, 'validation_failed', 'price'],
      [{ price: 3.5 }, 400, 'validation_failed', 'price'],
      [{ taxRate: 10_001 }, 400, 'validation_failed', 'taxRate'],
      [{ units: [{ unit: '罐', factor: 1000 }] }, 400, 'unit_is_base', 'units.0.unit'],
      [{ stockLimits: [{ storeId: t.ids.s01, minQty: 10_000, maxQty: 5_000 }] }, 400, 'limit_inverted', 'stockLimits.0.maxQty'],
      [{ sku: 'has space' }, 400, 'validation_failed', 'sku'],
    ];
    for (const [over, status, code, field] of cases) {
      const res = await post(over);
      expect(res.statusCode, `${JSON.stringify(over)} → ${res.body}`).toBe(status);
      expect(res.json(), JSON.stringify(over)).toMatchObject({ code, errors: [expect.objectContaining({ field })] });
    }
    expect(await countProducts()).toBe(before);
  });

  it('looks up an EAN, the case barcode, a SKU and a PLU with the price the store charges', async () => {
    const lookup = (code: string, storeId = t.ids.s01) => t.call(cashier, 'GET', `/api/v1/catalog/lookup?code=${code}&storeId=${storeId}`);
    const can = await lookup(COLA_EAN);
    expect(can.statusCode, can.body).toBe(200);
    expect(can.json()).toMatchObject({
      matchedBy: 'barcode',
      product: { id: t.ids.products['DRK-COLA-330'], sku: 'DRK-COLA-330', unit: '罐', taxRate: 1300, weighable: false },
      unit: '罐',
      factor: 1000,
      price: 350,
      priceSource: 'company',
      unitPrice: 350,
    });
    // A case of 24 cans: 24 × 3.50 = 84.00.
    expect((await lookup(COLA_CASE)).json()).toMatchObject({ matchedBy: 'barcode', unit: '箱', factor: 24_000, price: 350, unitPrice: 8400 });
    expect((await lookup('DRK-WATER-550')).json()).toMatchObject({ matchedBy: 'sku', product: { sku: 'DRK-WATER-550' }, unit: '瓶', factor: 1000, price: 200 });
    expect((await lookup('00001')).json()).toMatchObject({ matchedBy: 'plu', product: { sku: 'FRT-APPLE-KG', weighable: true, plu: '00001' }, unit: 'kg', price: 1298 });
    expect((await lookup('16901234567899')).json()).toMatchObject({ product: { id: spriteId }, unit: '箱', unitPrice: 8400 });

    const unknown = await lookup('6900000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'code' })]);
    // The cashier works in S01 only: another store answers 404.
    expect((await lookup(COLA_EAN, t.ids.s02)).statusCode).toBe(404);
  });

  it('searches by pinyin initials, full pinyin, name part, SKU and barcode prefix; exact codes rank first', async () => {
    const skus = async (q: string, extra = '') =>
      (await t.call(cashier, 'GET', `/api/v1/products?q=${encodeURIComponent(q)}${extra}`)).json().items.map((p: { sku: string }) => p.sku);
    expect(await skus('kkkl')).toEqual(['DRK-COLA-330']);
    expect(await skus('KKKL')).toEqual(['DRK-COLA-330']);
    expect(await skus('kekou')).toEqual(['DRK-COLA-330']);
    expect(await skus('可乐')).toEqual(['DRK-COLA-330']);
    expect(await skus('drk-')).toEqual(['DRK-COLA-330', 'DRK-SPRITE-330', 'DRK-TEA-500', 'DRK-WATER-550']);
    expect(await skus('69234500002')).toEqual(['DRK-WATER-550']);
    expect((await skus('6923450000'))[0]).toBe('BAK-BREAD-400');
    expect(await skus('%')).toEqual([]);
    expect(await skus('', `&categoryId=${categories.FRESH}`)).toEqual(['FRT-APPLE-KG', 'FRT-BANANA-KG', 'VEG-TOMATO-KG']);

    // "xj" is the SKU of 新疆葡萄干 (exact code) and the pinyin initials of 香蕉 (prefix): the code wins.
    const raisins = await t.call(owner, 'POST', '/api/v1/products', { sku: 'XJ', name: '新疆葡萄干', unit: '袋', taxRate: 1300, price: 1590 });
    expect(raisins.statusCode, raisins.body).toBe(201);
    expect(await skus('xj')).toEqual(['XJ', 'FRT-BANANA-KG']);
    expect(await skus(WATER_EAN)).toEqual(['DRK-WATER-550']);
    const listed = (await t.call(cashier, 'GET', '/api/v1/products?q=kkkl')).json();
    expect(listed).toMatchObject({ total: 1, items: [{ barcodes: [{ code: COLA_CASE }, { code: COLA_EAN }] }] });
  });

  it('edits a product: fields and search keys change, the edit is audited; prices are not edited here', async () => {
    const res = await t.call(manager, 'PATCH', `/api/v1/products/${spriteId}`, { name: '雪碧柠檬味 330ml', brand: '雪碧' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '雪碧柠檬味 330ml', pinyinInitials: 'xbnmw330ml', price: 350 });
    const audit = (await t.call(owner, 'GET', '/api/v1/audit?action=product.updated&pageSize=1')).json().items[0];
    expect(audit).toMatchObject({ subjectId: spriteId, data: { before: { name: '雪碧 330ml' }, patch: { name: '雪碧柠檬味 330ml' } } });

    const price = await t.call(owner, 'PATCH', `/api/v1/products/${spriteId}`, { price: 1 });
    expect(price.statusCode).toBe(400);
    expect(price.json().errors).toEqual([{ field: 'price', message: 'Unknown field' }]);
    const dupSku = await t.call(owner, 'PATCH', `/api/v1/products/${spriteId}`, { sku: 'DRK-COLA-330' });
    expect(dupSku.json()).toMatchObject({ code: 'sku_taken', errors: [{ field: 'sku' }] });
    // Cola has stock: its costing cannot switch under the stock already valued.
    const costing = await t.call(owner, 'PATCH', `/api/v1/products/${t.ids.products['DRK-COLA-330']}`, { costMethod: 'fifo' });
    expect(costing.statusCode).toBe(409);
    expect(costing.json()).toMatchObject({ code: 'product_in_use', errors: [{ field: 'costMethod' }] });
  });

  it('manages pack units, barcodes and stock limits one by one', async () => {
    const url = `/api/v1/products/${spriteId}`;
    expect((await t.call(owner, 'PUT', `${url}/units/提`, { factor: 6_000 })).json().units).toEqual([
      { unit: '提', factor: 6_000 },
      { unit: '箱', factor: 24_000 },
    ]);
    const added = await t.call(owner, 'POST', `${url}/barcodes`, { code: '6901234567885', unit: '提' });
    expect(added.statusCode, added.body).toBe(201);
    expect((await t.call(owner, 'POST', `${url}/barcodes`, { code: '6901234567886' })).json()).toMatchObject({ code: 'barcode_check_digit', errors: [{ field: 'code' }] });
    expect((await t.call(owner, 'POST', `${url}/barcodes`, { code: WATER_EAN })).json()).toMatchObject({ code: 'barcode_taken', errors: [{ field: 'code' }] });
    expect((await t.call(owner, 'DELETE', `${url}/units/提`)).json()).toMatchObject({ code: 'unit_in_use', errors: [{ field: 'unit' }] });
    expect((await t.call(owner, 'DELETE', `${url}/barcodes/6901234567885`)).statusCode).toBe(200);
    expect((await t.call(owner, 'DELETE', `${url}/units/提`)).json().units).toEqual([{ unit: '箱', factor: 24_000 }]);

    const limit = await t.call(manager, 'PUT', `${url}/stock-limits/${t.ids.s01}`, { minQty: 48_000, maxQty: 480_000 });
    expect(limit.json().stockLimits).toEqual([{ storeId: t.ids.s01, minQty: 48_000, maxQty: 480_000 }]);
    // The S01 manager cannot set limits for S02: another store answers 404.
    const other = await t.call(manager, 'PUT', `${url}/stock-limits/${t.ids.s02}`, { minQty: 0, maxQty: 1 });
    expect(other.statusCode).toBe(404);
    expect(other.json().errors).toEqual([expect.objectContaining({ field: 'storeId' })]);
  });

  it('archives a product: gone from the default list and the till, still readable with its history', async () => {
    const archived = await t.call(owner, 'POST', `/api/v1/products/${spriteId}/archive`);
    expect(archived.json().status).toBe('archived');
    const active = (await t.call(cashier, 'GET', '/api/v1/products?q=drk-sprite')).json();
    expect(active.total).toBe(0);
    const all = (await t.call(cashier, 'GET', '/api/v1/products?q=drk-sprite&status=archived')).json();
    expect(all.items.map((p: { id: string }) => p.id)).toEqual([spriteId]);
    expect((await t.call(cashier, 'GET', `/api/v1/products/${spriteId}`)).json()).toMatchObject({ status: 'archived', sku: 'DRK-SPRITE-330' });
    const scan = await t.call(cashier, 'GET', `/api/v1/catalog/lookup?code=6901234567892&storeId=${t.ids.s01}`);
    expect(scan.statusCode).toBe(422);
    expect(scan.json()).toMatchObject({ code: 'product_archived', errors: [{ field: 'code' }] });
    const history = (await t.call(cashier, 'GET', `/api/v1/products/${spriteId}/prices`)).json();
    expect(history.items).toEqual([expect.objectContaining({ storeId: null, price: 350, documentId: null })]);
    expect((await t.call(owner, 'POST', `/api/v1/products/${spriteId}/restore`)).json().status).toBe('active');
  });

  it('frees the PLU of an archived product and refuses to restore it once the PLU is reused', async () => {
    const pears = await t.call(owner, 'POST', '/api/v1/products', { sku: 'FRT-PEAR-KG', name: '砀山梨', unit: 'kg', weighable: true, plu: '00009', taxRate: 900, price: 598 });
    expect(pears.statusCode, pears.body).toBe(201);
    await t.call(owner, 'POST', `/api/v1/products/${pears.json().id}/archive`);
    const nashi = await t.call(owner, 'POST', '/api/v1/products', { sku: 'FRT-NASHI-KG', name: '库尔勒香梨', unit: 'kg', weighable: true, plu: '00009', taxRate: 900, price: 898 });
    expect(nashi.statusCode, nashi.body).toBe(201);
    expect((await t.call(cashier, 'GET', `/api/v1/catalog/lookup?code=00009&storeId=${t.ids.s01}`)).json().product.sku).toBe('FRT-NASHI-KG');
    const restore = await t.call(owner, 'POST', `/api/v1/products/${pears.json().id}/restore`);
    expect(restore.statusCode).toBe(409);
    expect(restore.json()).toMatchObject({ code: 'plu_taken', errors: [{ field: 'plu' }] });
  });

  it('lets cashiers and clerks read but not edit; a store manager edits', async () => {
    const body = { sku: 'SNK-NUTS-100', name: '每日坚果', unit: '袋', taxRate: 1300, price: 990 };
    expect((await t.call(cashier, 'POST', '/api/v1/products', body)).statusCode).toBe(403);
    expect((await t.call(clerk, 'POST', '/api/v1/products', body)).statusCode).toBe(403);
    expect((await t.call(clerk, 'GET', '/api/v1/products?q=kkkl')).statusCode).toBe(200);
    expect((await t.call(cashier, 'PATCH', `/api/v1/products/${spriteId}`, { name: 'x' })).statusCode).toBe(403);
    expect((await t.call(manager, 'POST', '/api/v1/products', body)).statusCode).toBe(201);
  });

  it('leaves every invariant intact', async () => {
    const report = await verifyAll(t.db.db);
    expect(report.firstViolation).toBeNull();
    expect(report.ok).toBe(true);
  });
});
