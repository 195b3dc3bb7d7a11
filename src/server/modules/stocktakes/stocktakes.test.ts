import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { stockFixtures, type StockFixtures } from '../../inventory/test-stock';
import { makeTestApp, type TestApp } from '../../testing';
import { verifyAll } from '../../verify/verify';

const BOX_BARCODE = '16901234567899'; // a case of 12 boxes of milk
const BOX_OF_MILK = '6901234567892'; // one box

describe.each(testDialects)('stocktakes on %s', (dialect) => {
  let t: TestApp;
  let f: StockFixtures;
  let owner: string;
  let manager: string; // S01, approves
  let clerk: string; // S01, counts
  let east: string; // manager of S02 only
  let category: string;
  let milk: string;
  let eggs: string;
  let found: string;
  let milkOld: string;
  let milkNew: string;
  let eggsOld: string;
  let eggsNew: string;
  let stocktakeId: string;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    f = await stockFixtures(t);
    owner = await t.login('owner');
    manager = await t.login('manager');
    clerk = await t.login('clerk');
    const res = await t.call(owner, 'POST', '/api/v1/users', { username: 'east', displayName: 'East', password: 'Stocktake-tests-2026', roles: [{ role: 'store_manager', storeId: t.ids.s02 }] });
    expect(res.statusCode).toBe(201);
    east = await t.login('east', 'Stocktake-tests-2026');

    const at = new Date().toISOString();
    category = uuidv7();
    const sub = uuidv7();
    await t.db.db.insertInto('categories').values({ id: category, company_id: t.ids.companyId, parent_id: null, code: 'STK', name: '乳品蛋类 Dairy & eggs', created_at: at }).execute();
    await t.db.db.insertInto('categories').values({ id: sub, company_id: t.ids.companyId, parent_id: category, code: 'STK-SUB', name: '其他 Other', created_at: at }).execute();
    milk = await f.product('STK-MILK', { categoryId: category, unit: '盒' });
    eggs = await f.product('STK-EGG', { categoryId: category, unit: '盒' });
    found = await f.product('STK-FOUND', { categoryId: sub });
    await t.db.db
      .insertInto('barcodes')
      .values([
        { company_id: t.ids.companyId, code: BOX_OF_MILK, product_id: milk, unit: '盒', kind: 'ean13', created_at: at },
        { company_id: t.ids.companyId, code: BOX_BARCODE, product_id: milk, unit: '箱', kind: 'itf14', created_at: at },
      ])
      .execute();
    await t.db.db.insertInto('product_units').values({ product_id: milk, unit: '箱', factor: 12_000 }).execute();

    // Milk: 10 boxes at 1.00 (older batch) + 10 at 1.20 (newer) = 20 for 22.00, average 1.10.
    milkOld = await f.batch(milk, 'M-OLD', '2026-12-01', '2026-01-01T00:00:00.000Z');
    milkNew = await f.batch(milk, 'M-NEW', '2027-03-01', '2026-02-01T00:00:00.000Z');
    await f.stockIn(t.ids.s01, milk, 10_000, 1000, { batchId: milkOld });
    await f.stockIn(t.ids.s01, milk, 10_000, 1200, { batchId: milkNew });
    // Eggs: 3 at 1.00 (expires first) + 4 at 1.25 = 7 for 8.00.
    eggsOld = await f.batch(eggs, 'E-OLD', '2026-06-01', '2026-01-01T00:00:00.000Z');
    eggsNew = await f.batch(eggs, 'E-NEW', '2026-09-01', '2026-02-01T00:00:00.000Z');
    await f.stockIn(t.ids.s01, eggs, 3_000, 300, { batchId: eggsOld });
    await f.stockIn(t.ids.s01, eggs, 4_000, 500, { batchId: eggsNew });
    // Sold out before the count, last bought at 2.50: not in the snapshot, but its cost is known.
    await f.stockIn(t.ids.s01, found, 1_000, 250);
    await f.writeOff(t.ids.s01, found, 1_000);
  });
  afterAll(() => t.close());

  const count = (token: string, device: string, entries: Record<string, unknown>[], id = stocktakeId) =>
    t.call(token, 'POST', `/api/v1/stocktakes/${id}/counts`, { device, entries });

  async function batchQty(productId: string) {
    const rows = await t.db.db.selectFrom('stock_balances').select(['batch_id', 'qty', 'cost_value']).where('store_id', '=', t.ids.s01).where('product_id', '=', productId).execute();
    return Object.fromEntries(rows.map((r) => [r.batch_id, [Number(r.qty), Number(r.cost_value)]]));
  }

  it('takes a snapshot of every product × location with stock in scope, subcategories included', async () => {
    const res = await t.call(clerk, 'POST', '/api/v1/stocktakes', { storeId: t.ids.s01, scope: 'category', categoryId: category });
    expect(res.statusCode).toBe(201);
    const st = res.json();
    stocktakeId = st.id;
    expect(st).toMatchObject({ storeId: t.ids.s01, scope: 'category', categoryId: category, status: 'counting', blind: true });
    expect(st.lines.map((l: { sku: string }) => l.sku)).toEqual(['STK-EGG', 'STK-MILK']);

    const byManager = (await t.call(manager, 'GET', `/api/v1/stocktakes/${stocktakeId}`)).json();
    expect(byManager.lines.map((l: { sku: string; snapshotQty: number; snapshotValue: number }) => [l.sku, l.snapshotQty, l.snapshotValue])).toEqual([
      ['STK-EGG', 7000, 800],
      ['STK-MILK', 20_000, 2200],
    ]);
    const audit = await t.db.db.selectFrom('audit_events').select('action').where('subject_id', '=', stocktakeId).execute();
    expect(audit.map((a) => a.action)).toEqual(['stocktake.started']);
  });

  it('blind: a counter does not see the book quantities, an approver does', async () => {
    const byClerk = (await t.call(clerk, 'GET', `/api/v1/stocktakes/${stocktakeId}`)).json();
    expect(byClerk.showsBook).toBe(false);
    for (const line of byClerk.lines) {
      expect(line).not.toHaveProperty('snapshotQty');
      expect(line).not.toHaveProperty('snapshotValue');
    }
    expect(JSON.stringify(byClerk)).not.toContain('20000');
    expect((await t.call(manager, 'GET', `/api/v1/stocktakes/${stocktakeId}`)).json().showsBook).toBe(true);
  });

  it('sums the scans of two devices; sales during the count are not variances', async () => {
    // Sold before the counter reached the milk: 2 boxes are not on the shelf, and not missing.
    expect(await f.writeOff(t.ids.s01, milk, 2000)).toBe(220);

    const scan = { device: 'PDA-1', entries: [{ barcode: BOX_BARCODE, qty: 1000 }] };
    const key = { 'idempotency-key': uuidv7() };
    const pda = await t.call(clerk, 'POST', `/api/v1/stocktakes/${stocktakeId}/counts`, scan, key);
    expect(pda.statusCode).toBe(201);
    expect(pda.json().lines).toEqual([{ productId: milk, locationId: await f.mainLocation(t.ids.s01), countedQty: 12_000 }]);
    // A scanner retrying on flaky Wi-Fi sends the same Idempotency-Key: the scan counts once.
    const retried = await t.call(clerk, 'POST', `/api/v1/stocktakes/${stocktakeId}/counts`, scan, key);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    const phone = await count(clerk, 'phone-2', [
      { productId: milk, qty: 9000 },
      { productId: eggs, qty: 5000 },
      { barcode: BOX_OF_MILK, qty: 1000 },
      { barcode: BOX_OF_MILK, qty: -1000 }, // scanned twice by mistake, corrected
    ]);
    expect(phone.json().lines.map((l: { countedQty: number }) => l.countedQty)).toEqual([21_000, 5000]);

    // Sold after the eggs were counted: they were on the shelf when counted, so not a surplus.
    expect(await f.writeOff(t.ids.s01, eggs, 1000)).toBe(114);
    // Found on the shelf although the books say none: a new line with snapshot 0.
    expect((await count(clerk, 'PDA-1', [{ productId: found, qty: 2000 }])).statusCode).toBe(201);

    const review = await t.call(manager, 'GET', `/api/v1/stocktakes/${stocktakeId}/variances`);
    expect(review.statusCode).toBe(200);
    const lines = review.json().lines.map((l: Record<string, unknown>) => [l.sku, l.snapshotQty, l.expectedQty, l.countedQty, l.varianceQty, l.varianceValue]);
    expect(lines).toEqual([
      // 6 eggs left worth 6.86 after the sale: 2 short = round(2 × 686 / 6) = 229
      ['STK-EGG', 7000, 7000, 5000, -2000, -229],
      // no stock: valued at the last unit cost, 2 × 2.50
      ['STK-FOUND', 0, 0, 2000, 2000, 500],
      // 20 − 2 sold = 18 expected, 21 counted; 18 left worth 19.80: 3 × 1.10 = 330
      ['STK-MILK', 20_000, 18_000, 21_000, 3000, 330],
    ]);
    expect(review.json().totals).toEqual({ lines: 3, countedLines: 3, surplusLines: 2, shortageLines: 1, surplusValue: 830, shortageValue: 229, netValue: 601 });
    const byClerk = (await t.call(clerk, 'GET', `/api/v1/stocktakes/${stocktakeId}`)).json();
    expect(byClerk.summary).toEqual({ lines: 3, countedLines: 3, devices: ['PDA-1', 'phone-2'] });
  });

  it('refuses scans that name nothing, fall outside the scope, or take a count below zero', async () => {
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ barcode: '0000000000000', qty: 1000 }, 404, 'not_found', 'entries.0.barcode'],
      [{ productId: 'nope', qty: 1000 }, 404, 'not_found', 'entries.0.productId'],
      [{ productId: t.ids.products['DRK-COLA-330'], qty: 1000 }, 422, 'out_of_scope', 'entries.0.productId'],
      [{ productId: eggs, locationId: 'nope', qty: 1000 }, 404, 'not_found', 'entries.0.locationId'],
      [{ productId: eggs, qty: -6000 }, 422, 'negative_count', 'entries.0.qty'],
      [{ productId: eggs, barcode: BOX_OF_MILK, qty: 1000 }, 400, 'validation_failed', 'entries.0.productId'],
    ];
    for (const [entry, status, code, field] of cases) {
      const res = await count(clerk, 'PDA-1', [entry]);
      expect({ status: res.statusCode, code: res.json().code, field: res.json().errors?.[0]?.field }).toEqual({ status, code, field });
    }
    const scans = await t.db.db.selectFrom('stocktake_counts').select('id').where('stocktake_id', '=', stocktakeId).execute();
    expect(scans).toHaveLength(6);
  });

  it('only approvers review and approve; other stores see nothing', async () => {
    expect((await t.call(clerk, 'GET', `/api/v1/stocktakes/${stocktakeId}/variances`)).statusCode).toBe(403);
    const byClerk = await t.call(clerk, 'POST', `/api/v1/stocktakes/${stocktakeId}/approve`, { id: uuidv7() });
    expect(byClerk.statusCode).toBe(403);
    expect(byClerk.json().code).toBe('forbidden');
    expect((await t.call(east, 'GET', `/api/v1/stocktakes/${stocktakeId}`)).statusCode).toBe(404);
    expect((await t.call(east, 'POST', `/api/v1/stocktakes/${stocktakeId}/approve`, { id: uuidv7() })).statusCode).toBe(404);
    expect((await t.call(east, 'GET', `/api/v1/stocktakes?storeId=${t.ids.s01}`)).statusCode).toBe(404);
    const cashier = await t.login('cashier');
    expect((await t.call(cashier, 'POST', '/api/v1/stocktakes', { storeId: t.ids.s01, scope: 'full' })).statusCode).toBe(403);
    expect((await t.call(manager, 'GET', '/api/v1/stocktakes?status=counting')).json().items.map((s: { id: string }) => s.id)).toEqual([stocktakeId]);
  });

  it('approves once: one adjustment document, surplus into the newest batch, shortage from the oldest', async () => {
    const id = uuidv7();
    const res = await t.call(manager, 'POST', `/api/v1/stocktakes/${stocktakeId}/approve`, { id });
    expect(res.statusCode).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({ type: 'stocktake_adjustment', storeId: t.ids.s01, total: 601, status: 'approved', surplusValue: 830, shortageValue: 229, adjustedLines: 3 });
    expect(doc.number).toMatch(/^ST-S01-\d{6}$/);

    const moves = await t.db.db.selectFrom('stock_moves').select(['product_id', 'batch_id', 'qty', 'cost_value']).where('document_id', '=', doc.id).execute();
    const byProduct = Object.fromEntries(moves.map((m) => [m.product_id, [m.batch_id, Number(m.qty), Number(m.cost_value)]]));
    expect(byProduct).toEqual({
      [milk]: [milkNew, 3000, 330],
      [eggs]: [eggsOld, -2000, -229],
      [found]: ['', 2000, 500],
    });
    expect(await batchQty(milk)).toEqual({ [milkOld]: [8000, 780], [milkNew]: [13_000, 1530] });
    // Value is averaged per product × store (batches carry quantities): 4 eggs left worth 8.00 − 1.14 − 2.29.
    const eggsLeft = await batchQty(eggs);
    expect([eggsLeft[eggsOld][0], eggsLeft[eggsNew][0], eggsLeft[eggsOld][1] + eggsLeft[eggsNew][1]]).toEqual([0, 4000, 457]);

    const journal = await t.db.db
      .selectFrom('journal_lines')
      .innerJoin('journal_entries', 'journal_entries.id', 'journal_lines.entry_id')
      .select(['journal_entries.memo', 'account_code', 'debit', 'credit'])
      .where('journal_entries.document_id', '=', doc.id)
      .orderBy('journal_entries.memo')
      .orderBy('journal_lines.line_no')
      .execute();
    expect(journal.map((j) => [j.memo, j.account_code, Number(j.debit), Number(j.credit)])).toEqual([
      ['Stocktake shortage', '1901', 229, 0],
      ['Stocktake shortage', '1405', 0, 229],
      ['Stocktake surplus', '1405', 830, 0],
      ['Stocktake surplus', '1901', 0, 830],
    ]);

    const replay = await t.call(manager, 'POST', `/api/v1/stocktakes/${stocktakeId}/approve`, { id });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(doc);
    const second = await t.call(manager, 'POST', `/api/v1/stocktakes/${stocktakeId}/approve`, { id: uuidv7() });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'stocktake_not_counting', status: 'approved' });
    expect((await count(clerk, 'PDA-1', [{ productId: milk, qty: 1000 }])).json().code).toBe('stocktake_not_counting');
    expect(await t.db.db.selectFrom('documents').select('id').where('type', '=', 'stocktake_adjustment').execute()).toHaveLength(1);

    const managerId = (await t.db.db.selectFrom('users').select('id').where('username', '=', 'manager').executeTakeFirstOrThrow()).id;
    expect((await t.call(manager, 'GET', `/api/v1/stocktakes/${stocktakeId}`)).json()).toMatchObject({ status: 'approved', approvedBy: managerId, documentId: doc.id });
  });

  it('keeps the approved review as it was posted, whatever sells afterwards', async () => {
    await f.writeOff(t.ids.s01, milk, 1000);
    const review = (await t.call(manager, 'GET', `/api/v1/stocktakes/${stocktakeId}/variances`)).json();
    expect(review.lines.find((l: { sku: string }) => l.sku === 'STK-MILK')).toMatchObject({ expectedQty: 18_000, countedQty: 21_000, varianceQty: 3000, varianceValue: 330 });
    expect(review.totals).toMatchObject({ surplusValue: 830, shortageValue: 229, netValue: 601 });
  });

  it('a full stocktake counts unscanned lines as 0; an overlapping stocktake is refused; cancelling ends it', async () => {
    const res = await t.call(east, 'POST', '/api/v1/stocktakes', { storeId: t.ids.s02, scope: 'full', blind: false });
    expect(res.statusCode).toBe(201);
    const full = res.json();
    expect(full.lines).toHaveLength(12);
    const cola = t.ids.products['DRK-COLA-330'];
    expect((await count(east, 'PDA-9', [{ productId: cola, qty: 120_000 }], full.id)).statusCode).toBe(201);
    const review = (await t.call(east, 'GET', `/api/v1/stocktakes/${full.id}/variances`)).json();
    const bySku = Object.fromEntries(review.lines.map((l: { sku: string }) => [l.sku, l]));
    expect(bySku['DRK-COLA-330']).toMatchObject({ expectedQty: 120_000, countedQty: 120_000, varianceQty: 0, varianceValue: 0 });
    // 240 bottles never scanned: short by all of them, at 0.95 each.
    expect(bySku['DRK-WATER-550']).toMatchObject({ expectedQty: 240_000, countedQty: 0, varianceQty: -240_000, varianceValue: -22_800 });
    expect(review.totals).toMatchObject({ lines: 12, countedLines: 12, shortageLines: 11 });

    const overlap = await t.call(east, 'POST', '/api/v1/stocktakes', { storeId: t.ids.s02, scope: 'category', categoryId: category });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json()).toMatchObject({ code: 'stocktake_overlap', stocktakeId: full.id, errors: [{ field: 'scope' }] });

    const cancelled = await t.call(east, 'POST', `/api/v1/stocktakes/${full.id}/cancel`, { reason: '改天再盘 another day' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await t.call(east, 'POST', `/api/v1/stocktakes/${full.id}/cancel`, { reason: 'again' })).statusCode).toBe(409);
    expect((await count(east, 'PDA-9', [{ productId: cola, qty: 1000 }], full.id)).statusCode).toBe(409);
    expect((await t.call(east, 'POST', `/api/v1/stocktakes/${full.id}/approve`, { id: uuidv7() })).json().code).toBe('stocktake_not_counting');
    const again = await t.call(east, 'POST', '/api/v1/stocktakes', { storeId: t.ids.s02, scope: 'category', categoryId: category });
    expect(again.statusCode).toBe(201);
    expect((await t.call(east, 'POST', `/api/v1/stocktakes/${again.json().id}/cancel`, { reason: 'test' })).statusCode).toBe(200);
  });

  it('a location stocktake covers its bins, refuses scans elsewhere, and leaves unscanned lines alone', async () => {
    const at = new Date().toISOString();
    const wh = (await t.call(owner, 'POST', '/api/v1/locations', { storeId: t.ids.s01, code: 'WH1', name: '后仓 Back room', kind: 'warehouse' })).json().id;
    const bin = uuidv7();
    await t.db.db.insertInto('locations').values({ id: bin, store_id: t.ids.s01, code: 'WH1-A1', name: 'A1', kind: 'bin', created_at: at, parent_id: wh }).execute();
    const tea = await f.product('LOC-TEA');
    const soap = await f.product('LOC-SOAP');
    await f.stockIn(t.ids.s01, tea, 5000, 500, { locationId: bin });
    await f.stockIn(t.ids.s01, soap, 3000, 300, { locationId: wh });
    await f.stockIn(t.ids.s01, tea, 1000, 100); // on the sales floor: out of scope

    const st = (await t.call(clerk, 'POST', '/api/v1/stocktakes', { storeId: t.ids.s01, scope: 'location', locationId: wh, blind: false })).json();
    expect(st.lines.map((l: { sku: string; locationCode: string; snapshotQty: number }) => [l.sku, l.locationCode, l.snapshotQty])).toEqual([
      ['LOC-SOAP', 'WH1', 3000],
      ['LOC-TEA', 'WH1-A1', 5000],
    ]);
    const elsewhere = await count(clerk, 'PDA-1', [{ productId: tea, locationId: await f.mainLocation(t.ids.s01), qty: 1000 }], st.id);
    expect(elsewhere.json()).toMatchObject({ code: 'out_of_scope', errors: [{ field: 'entries.0.locationId' }] });
    expect((await count(clerk, 'PDA-1', [{ productId: tea, locationId: bin, qty: 5000 }], st.id)).statusCode).toBe(201);

    const review = (await t.call(manager, 'GET', `/api/v1/stocktakes/${st.id}/variances`)).json();
    expect(review.lines.map((l: Record<string, unknown>) => [l.sku, l.countedQty, l.varianceQty])).toEqual([
      ['LOC-SOAP', null, 0],
      ['LOC-TEA', 5000, 0],
    ]);
    const approved = await t.call(manager, 'POST', `/api/v1/stocktakes/${st.id}/approve`, { id: uuidv7() });
    expect(approved.json()).toMatchObject({ total: 0, adjustedLines: 0, surplusValue: 0, shortageValue: 0 });
  });

  it('leaves every invariant intact', async () => {
    const report = await verifyAll(t.db.db);
    expect(report.firstViolation).toBeNull();
    expect(report.ok).toBe(true);
  });
});
