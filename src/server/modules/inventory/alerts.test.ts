import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { planIssue } from '../../inventory/stock-moves';
import { makeTestApp, type TestApp } from '../../testing';
import { verifyAll } from '../../verify/verify';
import { SLOW_MOVER_DOCUMENT_TYPES, type Alert } from './alerts';
import { movableClock, newProduct, receive, writeOff } from './test-fixtures';

describe.each(testDialects)('stock alerts on %s', (dialect) => {
  let t: TestApp;
  let clerk: string;
  const time = movableClock();
  const alerts = async (query: string): Promise<Alert[]> => {
    const res = await t.call(clerk, 'GET', `/api/v1/alerts?storeId=${t.ids.s01}&pageSize=500${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  };
  const limit = (productId: string, min: number, max: number) =>
    t.db.db.insertInto('stock_limits').values({ store_id: t.ids.s01, product_id: productId, min_qty: min, max_qty: max }).execute();

  beforeAll(async () => {
    t = await makeTestApp(dialect, { clock: time.clock });
    clerk = await t.login('clerk');
  });
  afterAll(() => t.close());

  it('flags stock below the minimum (critical when out) and over the maximum', async () => {
    const empty = await newProduct(t);
    await limit(t.ids.products['DRK-COLA-330'], 300_000, 600_000); // 240 on hand
    await limit(t.ids.products['DRK-WATER-550'], 0, 100_000); // 480 on hand
    await limit(t.ids.products['DRK-TEA-500'], 0, 0); // no limits set: never an alert
    await limit(empty, 5_000, 0);
    const below = await alerts('&kind=below_min');
    expect(below).toEqual([
      { kind: 'below_min', severity: 'critical', storeId: t.ids.s01, productId: empty, sku: expect.any(String), name: expect.any(String), qty: 0, detail: { minQty: 5_000, shortBy: 5_000 } },
      expect.objectContaining({ kind: 'below_min', severity: 'warning', sku: 'DRK-COLA-330', qty: 240_000, detail: { minQty: 300_000, shortBy: 60_000 } }),
    ]);
    expect(await alerts('&kind=over_max')).toEqual([
      expect.objectContaining({ kind: 'over_max', severity: 'info', sku: 'DRK-WATER-550', qty: 480_000, detail: { maxQty: 100_000, overBy: 380_000 } }),
    ]);
  });

  it('grades near expiry by the 30/15/7-day thresholds (or the given ones) and flags expired stock', async () => {
    const p = await newProduct(t, { trackBatches: true });
    const lots: [string, string][] = [
      ['D-2', '2026-02-28'],
      ['D5', '2026-03-07'],
      ['D10', '2026-03-12'],
      ['D25', '2026-03-27'],
      ['D40', '2026-04-11'],
    ];
    const res = await receive(t, clerk, { lines: lots.map(([lot, expiryDate]) => ({ productId: p, qty: 1_000, unitCost: 100, batch: { lot, expiryDate } })) });
    const batchOf = Object.fromEntries(res.json().lines.map((l: { lot: string; batchId: string }) => [l.lot, l.batchId]));
    const mine = (list: Alert[]) => list.filter((a) => a.productId === p).map((a) => [a.detail.lot, a.severity, a.detail.daysToExpiry]);

    expect(mine(await alerts('&kind=near_expiry'))).toEqual([
      ['D5', 'critical', 5],
      ['D10', 'warning', 10],
      ['D25', 'info', 25],
    ]);
    expect(mine(await alerts('&kind=near_expiry&nearExpiryDays=20,60'))).toEqual([
      ['D5', 'critical', 5],
      ['D10', 'critical', 10],
      ['D25', 'warning', 25],
      ['D40', 'warning', 40],
    ]);
    const expired = await alerts('&kind=expired');
    expect(expired).toEqual([
      {
        kind: 'expired',
        severity: 'critical',
        storeId: t.ids.s01,
        productId: p,
        sku: expect.any(String),
        name: expect.any(String),
        locationId: expect.any(String),
        batchId: batchOf['D-2'],
        qty: 1_000,
        detail: { lot: 'D-2', expiryDate: '2026-02-28', daysToExpiry: -2 },
      },
    ]);
    // Written off, the expired lot is no longer on hand and no longer an alert.
    await writeOff(t, clerk, { reason: 'expired', lines: [{ productId: p, qty: 1_000, batchId: batchOf['D-2'] }] });
    expect(await alerts('&kind=expired')).toEqual([]);
  });

  it('flags negative stock (an oversold balance)', async () => {
    const p = await newProduct(t);
    await receive(t, clerk, { lines: [{ productId: p, qty: 1_000, unitCost: 100 }] });
    // Offline sales may sell below zero (ARCHITECTURE §3); post such an issue straight through the engine.
    const location = await t.db.db.selectFrom('locations').select('id').where('store_id', '=', t.ids.s01).where('code', '=', 'MAIN').executeTakeFirstOrThrow();
    const owner = await t.db.db.selectFrom('users').select('id').where('username', '=', 'owner').executeTakeFirstOrThrow();
    await t.services.engine.post({
      clientId: uuidv7(),
      companyId: t.ids.companyId,
      storeId: t.ids.s01,
      type: 'write_off',
      actorId: owner.id,
      payloadHash: 'oversold',
      build: async (trx) => {
        const moves = await planIssue(trx, { lineNo: 1, storeId: t.ids.s01, locationId: location.id, productId: p, qty: 3_000 });
        return {
          total: 300,
          lines: [{ productId: p, qty: 3_000, unitPrice: 100, amount: 300 }],
          moves,
          journal: [{ memo: 'oversold', lines: [{ account: '5711', debit: 300, credit: 0 }, { account: '1405', debit: 0, credit: 300 }] }],
        };
      },
    });
    expect(await alerts('&kind=negative_stock')).toEqual([expect.objectContaining({ kind: 'negative_stock', severity: 'critical', productId: p, locationId: location.id, qty: -2_000, detail: { lot: null, value: -200 } })]);
  });

  it('flags slow movers: stock and no sale for N days (a write-off is not a sale)', async () => {
    expect(SLOW_MOVER_DOCUMENT_TYPES).toEqual(['sale']);
    // 10.00 a piece, 10 pieces each, received on 2026-03-02.
    const sold = await newProduct(t);
    const writtenOff = await newProduct(t);
    await receive(t, clerk, { lines: [{ productId: sold, qty: 10_000, unitCost: 500 }, { productId: writtenOff, qty: 10_000, unitCost: 500 }] });
    time.setDay('2026-03-20');
    await writeOff(t, clerk, { reason: 'internal_use', lines: [{ productId: writtenOff, qty: 1_000 }] });
    const cashier = await t.login('cashier');
    const shift = await t.call(cashier, 'POST', '/api/v1/shifts', { id: uuidv7(), registerId: t.ids.r01, openingFloat: 0 });
    expect(shift.statusCode, shift.body).toBe(201);
    const sale = await t.call(cashier, 'POST', '/api/v1/sales', {
      id: uuidv7(),
      registerId: t.ids.r01,
      shiftId: shift.json().id,
      offline: false,
      clientTime: time.clock().toISOString(),
      lines: [{ productId: sold, qty: 1_000 }],
      payments: [{ method: 'cash', amount: 1_000 }],
      clientTotal: 1_000,
    });
    expect(sale.statusCode, sale.body).toBe(201);
    time.setDay('2026-04-10');
    try {
      const slow = await alerts('&kind=slow_mover');
      const bread = slow.find((a) => a.sku === 'BAK-BREAD-400');
      // Opened on 2026-03-02 and never sold: 39 days without a sale.
      expect(bread).toMatchObject({ severity: 'info', qty: 30_000, detail: { lastOutgoingDate: null, since: '2026-03-02', daysWithoutSale: 39, slowDays: 30 } });
      // Written off on 2026-03-20 but never sold: still slow since it arrived.
      expect(slow.find((a) => a.productId === writtenOff)).toMatchObject({ qty: 9_000, detail: { lastOutgoingDate: null, since: '2026-03-02', daysWithoutSale: 39 } });
      expect(slow.map((a) => a.productId)).not.toContain(sold); // sold 21 days ago
      const stricter = await alerts('&kind=slow_mover&slowDays=20');
      expect(stricter.find((a) => a.productId === sold)).toMatchObject({ detail: { lastOutgoingDate: '2026-03-20', daysWithoutSale: 21 } });
      expect(slow.every((a) => a.qty > 0)).toBe(true);
    } finally {
      time.setDay('2026-03-02');
    }
  });

  it('lists all kinds together, most severe first, paged', async () => {
    const res = await t.call(clerk, 'GET', `/api/v1/alerts?storeId=${t.ids.s01}&pageSize=2`);
    const body = res.json();
    expect(body.items).toHaveLength(2);
    expect(body.total).toBeGreaterThan(5);
    const everything = await alerts('');
    const rank = { critical: 0, warning: 1, info: 2 } as Record<string, number>;
    expect(everything.map((a) => rank[a.severity])).toEqual([...everything.map((a) => rank[a.severity])].sort());
    expect(new Set(everything.map((a) => a.kind))).toEqual(new Set(['below_min', 'over_max', 'near_expiry', 'negative_stock']));
  });

  it('checks its parameters and the caller’s store', async () => {
    const bad = await t.call(clerk, 'GET', `/api/v1/alerts?storeId=${t.ids.s01}&nearExpiryDays=soon`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('nearExpiryDays');
    expect((await t.call(clerk, 'GET', `/api/v1/alerts?storeId=${t.ids.s02}`)).statusCode).toBe(404);
    expect((await t.call(await t.login('cashier'), 'GET', `/api/v1/alerts?storeId=${t.ids.s01}`)).statusCode).toBe(403);
  });

  it('leaves every invariant intact', async () => {
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
