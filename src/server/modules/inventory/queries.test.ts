import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { makeTestApp, type TestApp } from '../../testing';
import { verifyAll } from '../../verify/verify';
import { movableClock, newLocation, newProduct, receive, writeOff } from './test-fixtures';

// The demo seed posts S01's opening stock on 2026-03-02 (the test clock's first day):
// Σ round(stock × cost / 1000) over its 12 products.
const S01_OPENING_VALUE =
  240 * 210 + 480 * 95 + 120 * 190 + 30 * 520 + 40 * 2800 + 20 * 5200 + 80 * 760 + 60 * 380 + 50 * 350 + 200 * 230 + 90 * 450 + 24 * 2100;

describe.each(testDialects)('stock queries on %s', (dialect) => {
  let t: TestApp;
  let owner: string;
  let clerk: string;
  const time = movableClock();
  const get = (token: string, url: string) => t.call(token, 'GET', `/api/v1/inventory/${url}`);

  beforeAll(async () => {
    t = await makeTestApp(dialect, { clock: time.clock });
    owner = await t.login('owner');
    clerk = await t.login('clerk');
  });
  afterAll(() => t.close());

  describe('on hand', () => {
    it('lists product × location × batch with values, paged, with the store total', async () => {
      const page = await get(clerk, `on-hand?storeId=${t.ids.s01}&pageSize=5`);
      expect(page.statusCode, page.body).toBe(200);
      expect(page.json()).toMatchObject({ total: 12, totalValue: S01_OPENING_VALUE });
      expect(page.json().items).toHaveLength(5);
      const cola = await get(clerk, `on-hand?storeId=${t.ids.s01}&productId=${t.ids.products['DRK-COLA-330']}`);
      expect(cola.json().items).toEqual([
        expect.objectContaining({ sku: 'DRK-COLA-330', locationCode: 'MAIN', batchId: null, lot: null, qty: 240_000, value: 50_400 }),
      ]);
    });

    it('finds by SKU, pinyin initials and exact barcode', async () => {
      await t.db.db.insertInto('barcodes').values({ company_id: t.ids.companyId, code: '6901939621257', product_id: t.ids.products['DRK-COLA-330'], unit: '罐', kind: 'ean13', created_at: new Date().toISOString() }).execute();
      const skus = async (q: string) => (await get(clerk, `on-hand?storeId=${t.ids.s01}&q=${encodeURIComponent(q)}`)).json().items.map((i: { sku: string }) => i.sku);
      expect(await skus('kkkl')).toEqual(['DRK-COLA-330']);
      expect(await skus('drk-')).toEqual(['DRK-COLA-330', 'DRK-TEA-500', 'DRK-WATER-550']);
      expect(await skus('6901939621257')).toEqual(['DRK-COLA-330']);
      expect(await skus('drk_')).toEqual([]); // '_' is a literal, not a wildcard
    });

    it('filters by category including subcategories, and by location', async () => {
      const now = new Date().toISOString();
      const drinks = uuidv7();
      const soda = uuidv7();
      await t.db.db.insertInto('categories').values([
        { id: drinks, company_id: t.ids.companyId, parent_id: null, code: 'DRK', name: '饮料', created_at: now },
        { id: soda, company_id: t.ids.companyId, parent_id: drinks, code: 'DRK-SODA', name: '碳酸饮料', created_at: now },
      ]).execute();
      await t.db.db.updateTable('products').set({ category_id: soda }).where('id', '=', t.ids.products['DRK-COLA-330']).execute();
      await t.db.db.updateTable('products').set({ category_id: drinks }).where('id', '=', t.ids.products['DRK-TEA-500']).execute();
      const inCategory = await get(clerk, `on-hand?storeId=${t.ids.s01}&categoryId=${drinks}`);
      expect(inCategory.json().items.map((i: { sku: string }) => i.sku)).toEqual(['DRK-COLA-330', 'DRK-TEA-500']);
      expect((await get(clerk, `on-hand?storeId=${t.ids.s01}&categoryId=nope`)).json().errors[0].field).toBe('categoryId');

      const wh = await newLocation(t, t.ids.s01, 'WH-Q');
      const p = await newProduct(t);
      await receive(t, clerk, { locationId: wh, lines: [{ productId: p, qty: 2_000, unitCost: 50 }] });
      const there = await get(clerk, `on-hand?storeId=${t.ids.s01}&locationId=${wh}`);
      expect(there.json()).toMatchObject({ total: 1, totalValue: 100, items: [{ productId: p, locationId: wh, locationCode: 'WH-Q', qty: 2_000, value: 100 }] });
      const s02Main = await t.db.db.selectFrom('locations').select('id').where('store_id', '=', t.ids.s02).executeTakeFirstOrThrow();
      expect((await get(clerk, `on-hand?storeId=${t.ids.s01}&locationId=${s02Main.id}`)).json().errors[0].field).toBe('locationId');
    });

    it('is store scoped: another store is 404, a cashier is 403', async () => {
      expect((await get(clerk, `on-hand?storeId=${t.ids.s02}`)).statusCode).toBe(404);
      expect((await get(await t.login('cashier'), `on-hand?storeId=${t.ids.s01}`)).statusCode).toBe(403);
      expect((await get(clerk, 'on-hand')).json().errors[0].field).toBe('storeId');
    });
  });

  describe('batches and expiry', () => {
    it('lists batches with stock, soonest expiry first, with days to expiry from the store’s today', async () => {
      const p = await newProduct(t, { trackBatches: true });
      await receive(t, clerk, {
        lines: [
          { productId: p, qty: 5_000, unitCost: 100, batch: { lot: 'IN-20', expiryDate: '2026-03-22' } },
          { productId: p, qty: 5_000, unitCost: 100, batch: { lot: 'IN-3', expiryDate: '2026-03-05' } },
          { productId: p, qty: 5_000, unitCost: 100, batch: { lot: 'GONE', expiryDate: '2026-03-01' } },
          { productId: p, qty: 5_000, unitCost: 100, batch: { lot: 'EMPTY', expiryDate: '2026-03-03' } },
        ],
      });
      const empty = (await get(clerk, `batches?storeId=${t.ids.s01}&productId=${p}`)).json().items.find((b: { lot: string }) => b.lot === 'EMPTY');
      await writeOff(t, clerk, { lines: [{ productId: p, qty: 5_000, batchId: empty.batchId }] });

      const all = await get(clerk, `batches?storeId=${t.ids.s01}&productId=${p}`);
      expect(all.json().today).toBe('2026-03-02');
      expect(all.json().items.map((b: { lot: string; daysToExpiry: number; qty: number }) => [b.lot, b.daysToExpiry, b.qty])).toEqual([
        ['GONE', -1, 5_000],
        ['IN-3', 3, 5_000],
        ['IN-20', 20, 5_000],
      ]);
      const soon = await get(clerk, `batches?storeId=${t.ids.s01}&productId=${p}&withinDays=5`);
      expect(soon.json()).toMatchObject({ total: 2, items: [{ lot: 'GONE' }, { lot: 'IN-3' }] });
    });
  });

  describe('stock card and valuation over several days', () => {
    let p: string;
    beforeAll(async () => {
      p = await newProduct(t);
      time.setDay('2026-03-02');
      await receive(t, clerk, { lines: [{ productId: p, qty: 10_000, unitCost: 100 }] }); // 10 @ 1.00 = 1000
      time.setDay('2026-03-03');
      await writeOff(t, clerk, { lines: [{ productId: p, qty: 2_000 }] }); // 200
      time.setDay('2026-03-04');
      await receive(t, clerk, { lines: [{ productId: p, qty: 5_000, unitCost: 130 }] }); // 650 → 13 units, 1450
      time.setDay('2026-03-05');
      await writeOff(t, clerk, { reason: 'lost', lines: [{ productId: p, qty: 3_000 }] }); // 3 × 1450 / 13 = 334.6 → 335
      time.setDay('2026-03-02');
    });

    it('runs the balance from the opening before `from` through every move', async () => {
      const card = await get(clerk, `stock-card?storeId=${t.ids.s01}&productId=${p}&from=2026-03-03&to=2026-03-04`);
      expect(card.statusCode, card.body).toBe(200);
      const body = card.json();
      expect(body).toMatchObject({ opening: { qty: 10_000, value: 1000 }, closing: { qty: 13_000, value: 1450 }, total: 2 });
      expect(body.items.map((i: Record<string, unknown>) => [i.businessDate, i.documentType, i.qtyIn, i.qtyOut, i.value, i.runningQty, i.runningValue])).toEqual([
        ['2026-03-03', 'write_off', 0, 2_000, -200, 8_000, 800],
        ['2026-03-04', 'receipt', 5_000, 0, 650, 13_000, 1450],
      ]);
      expect(body.items[0].documentNumber).toMatch(/^WO-S01-\d{6}$/);
      expect(body.items[0].locationCode).toBe('MAIN');

      const all = await get(clerk, `stock-card?storeId=${t.ids.s01}&productId=${p}`);
      expect(all.json()).toMatchObject({ opening: { qty: 0, value: 0 }, closing: { qty: 10_000, value: 1115 }, total: 4 });
      expect(all.json().items.at(-1)).toMatchObject({ businessDate: '2026-03-05', qtyOut: 3_000, value: -335, runningQty: 10_000, runningValue: 1115 });
    });

    it('carries the running balance across pages', async () => {
      const second = await get(clerk, `stock-card?storeId=${t.ids.s01}&productId=${p}&from=2026-03-03&page=2&pageSize=1`);
      expect(second.json().items).toEqual([expect.objectContaining({ businessDate: '2026-03-04', runningQty: 13_000, runningValue: 1450 })]);
      const third = await get(clerk, `stock-card?storeId=${t.ids.s01}&productId=${p}&from=2026-03-03&page=3&pageSize=1`);
      expect(third.json().items).toEqual([expect.objectContaining({ businessDate: '2026-03-05', runningQty: 10_000, runningValue: 1115 })]);
    });

    it('refuses a backwards range and unknown products', async () => {
      const back = await get(clerk, `stock-card?storeId=${t.ids.s01}&productId=${p}&from=2026-03-05&to=2026-03-01`);
      expect(back.statusCode).toBe(400);
      expect(back.json().errors[0].field).toBe('to');
      const bad = await get(clerk, `stock-card?storeId=${t.ids.s01}&productId=${p}&from=2026-02-31`);
      expect(bad.json().errors[0].field).toBe('from');
      const unknown = await get(clerk, `stock-card?storeId=${t.ids.s01}&productId=nope`);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().errors[0].field).toBe('productId');
    });

    it('values stock at the end of each business date, equal to the 1405 ledger', async () => {
      const at = async (date: string) => (await get(owner, `valuation?storeId=${t.ids.s01}&date=${date}&pageSize=500`)).json();
      const before = await at('2026-03-01');
      expect(before).toMatchObject({ items: [], total: 0, totalValue: 0, ledgerBalance: 0, difference: 0 });
      for (const [date, qty, value] of [
        ['2026-03-02', 10_000, 1000],
        ['2026-03-03', 8_000, 800],
        ['2026-03-04', 13_000, 1450],
        ['2026-03-05', 10_000, 1115],
      ] as const) {
        const v = await at(date);
        expect(v.items.find((i: { productId: string }) => i.productId === p), date).toMatchObject({ qty, value });
        expect(v.difference, date).toBe(0);
        expect(v.totalValue, date).toBe(v.ledgerBalance);
        expect(v.totalValue).toBe(v.items.reduce((s: number, i: { value: number }) => s + i.value, 0));
      }
      const s02 = await get(owner, `valuation?storeId=${t.ids.s02}`);
      expect(s02.json()).toMatchObject({ date: '2026-03-02', difference: 0 });
      expect(s02.json().totalValue).toBeGreaterThan(0);
    });
  });

  describe('in transit', () => {
    it('lists what was shipped to the store and not yet received', async () => {
      const now = new Date().toISOString();
      const manager = await t.db.db.selectFrom('users').select('id').where('username', '=', 'owner').executeTakeFirstOrThrow();
      const transfer = (id: string, from: string, to: string, status: string) => ({
        id,
        company_id: t.ids.companyId,
        from_store_id: from,
        to_store_id: to,
        status,
        memo: '',
        created_by: manager.id,
        created_at: now,
        updated_at: now,
      });
      const [open, done, outbound] = [uuidv7(), uuidv7(), uuidv7()];
      await t.db.db.insertInto('transfers').values([transfer(open, t.ids.s02, t.ids.s01, 'partially_received'), transfer(done, t.ids.s02, t.ids.s01, 'received'), transfer(outbound, t.ids.s01, t.ids.s02, 'shipped')]).execute();
      const line = (transferId: string, lineNo: number, sku: string, shipped: number, received: number, cost: number, costReceived: number) => ({
        transfer_id: transferId,
        line_no: lineNo,
        product_id: t.ids.products[sku],
        batch_id: '',
        qty_shipped: shipped,
        qty_received: received,
        cost_value: cost,
        cost_received: costReceived,
      });
      await t.db.db.insertInto('transfer_lines').values([
        line(open, 1, 'DRK-COLA-330', 5_000, 2_000, 1050, 420),
        line(open, 2, 'DRK-TEA-500', 1_000, 1_000, 190, 190),
        line(done, 1, 'DRK-COLA-330', 5_000, 5_000, 1050, 1050),
        line(outbound, 1, 'DRK-COLA-330', 9_000, 0, 1890, 0),
      ]).execute();
      const res = await get(clerk, `in-transit?storeId=${t.ids.s01}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        total: 1,
        totalValue: 630,
        items: [{ transferId: open, fromStoreCode: 'S02', sku: 'DRK-COLA-330', qtyShipped: 5_000, qtyReceived: 2_000, qtyInTransit: 3_000, value: 630 }],
      });
    });
  });

  it('leaves every invariant intact', async () => {
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
