import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { makeTestApp, type TestApp } from '../../testing';
import { verifyAll } from '../../verify/verify';
import { countRows, journalOf, newLocation, newProduct, position, receive, writeOff } from './test-fixtures';

describe.each(testDialects)('write-offs (报损) on %s', (dialect) => {
  let t: TestApp;
  let clerk: string;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    clerk = await t.login('clerk');
  });
  afterAll(() => t.close());

  /** A batch-tracked product with three lots received in an order unlike their expiry order. */
  async function yoghurt() {
    const p = await newProduct(t, { trackBatches: true, shelfLifeDays: 21 });
    const res = await receive(t, clerk, {
      lines: [
        { productId: p, qty: 10_000, unitCost: 300, batch: { lot: 'LATE', expiryDate: '2026-04-20' } },
        { productId: p, qty: 4_000, unitCost: 300, batch: { lot: 'EARLY', expiryDate: '2026-03-10' } },
        { productId: p, qty: 6_000, unitCost: 300, batch: { lot: 'MID', expiryDate: '2026-03-25' } },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const [late, early, mid] = res.json().lines.map((l: { batchId: string }) => l.batchId);
    return { p, late, early, mid };
  }

  it('picks FEFO (earliest expiry first) and posts expired goods to 5711 营业外支出', async () => {
    const { p, early, mid } = await yoghurt();
    const res = await writeOff(t, clerk, { reason: 'expired', memo: '过期下架', lines: [{ productId: p, qty: 7_000 }] });
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({ type: 'write_off', number: 'WO-S01-000001', total: 2100, expenseAccount: '5711', reason: 'expired' });
    expect(doc.lines[0].batches).toEqual([
      { batchId: early, qty: 4_000, cost: 1200 },
      { batchId: mid, qty: 3_000, cost: 900 },
    ]);
    expect(await journalOf(t, doc.id)).toEqual([
      { account: '5711', debit: 2100, credit: 0, memo: '' },
      { account: '1405', debit: 0, credit: 2100, memo: '' },
    ]);
    expect(await position(t, t.ids.s01, p)).toEqual({ qty: 13_000, value: 3900 });
  });

  it('takes a named batch only from that batch', async () => {
    const { p, late } = await yoghurt();
    const res = await writeOff(t, clerk, { lines: [{ productId: p, qty: 2_000, batchId: late }] });
    expect(res.json().lines[0].batches).toEqual([{ batchId: late, qty: 2_000, cost: 600 }]);
  });

  it('expenses each reason to its account', async () => {
    const expected = { damaged: '5711', lost: '5711', expired: '5711', internal_use: '5601', other: '1901' };
    for (const [reason, account] of Object.entries(expected)) {
      const res = await writeOff(t, clerk, { reason, lines: [{ productId: t.ids.products['DRK-WATER-550'], qty: 2_000 }] });
      expect(res.statusCode, res.body).toBe(201);
      // 2 bottles at the opening cost of 95 fen.
      expect(await journalOf(t, res.json().id), reason).toEqual([
        { account, debit: 190, credit: 0, memo: '' },
        { account: '1405', debit: 0, credit: 190, memo: '' },
      ]);
    }
  });

  it('refuses more than is on hand in the location (or the batch) with 422 and the quantity on hand', async () => {
    const cola = t.ids.products['DRK-COLA-330'];
    const docs = await countRows(t, 'documents');
    const over = await writeOff(t, clerk, { lines: [{ productId: t.ids.products['DRK-TEA-500'], qty: 1_000 }, { productId: cola, qty: 240_001 }] });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: 'insufficient_stock', onHand: 240_000, requested: 240_001, errors: [{ field: 'lines.1.qty' }] });

    const wh = await newLocation(t, t.ids.s01, 'WH-EMPTY');
    const elsewhere = await writeOff(t, clerk, { locationId: wh, lines: [{ productId: cola, qty: 1_000 }] });
    expect(elsewhere.json()).toMatchObject({ code: 'insufficient_stock', onHand: 0, errors: [{ field: 'lines.0.qty' }] });

    const { p, early } = await yoghurt();
    const batch = await writeOff(t, clerk, { lines: [{ productId: p, qty: 4_001, batchId: early }] });
    expect(batch.json()).toMatchObject({ code: 'insufficient_stock', onHand: 4_000, batchId: early });

    expect(await countRows(t, 'documents')).toBe(docs + 1); // only the yoghurt receipt
    // The refused documents gave their numbers back: the next write-off continues the sequence.
    const posted = await t.db.db.selectFrom('documents').select('id').where('type', '=', 'write_off').execute();
    const next = await writeOff(t, clerk, { lines: [{ productId: cola, qty: 1_000 }] });
    expect(next.json().number).toBe(`WO-S01-${String(posted.length + 1).padStart(6, '0')}`);
  });

  it('writes off several named batches of one product at one average, to the last fen', async () => {
    // Three lots at 1000 fen for 3 units in total: 333.33 per unit; all three go in one document.
    const p = await newProduct(t, { trackBatches: true });
    const r = await receive(t, clerk, {
      lines: [
        { productId: p, qty: 1_000, lineCost: 300, batch: { lot: 'B1' } },
        { productId: p, qty: 1_000, lineCost: 300, batch: { lot: 'B2' } },
        { productId: p, qty: 1_000, lineCost: 400, batch: { lot: 'B3' } },
      ],
    });
    const ids = r.json().lines.map((l: { batchId: string }) => l.batchId);
    const res = await writeOff(t, clerk, { lines: ids.map((batchId: string) => ({ productId: p, qty: 1_000, batchId })) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().lines.map((l: { cost: number }) => l.cost)).toEqual([334, 333, 333]);
    expect(res.json().total).toBe(1000);
    expect(await position(t, t.ids.s01, p)).toEqual({ qty: 0, value: 0 });
  });

  it('refuses overlapping lines of one product and batches of another product', async () => {
    const { p, early } = await yoghurt();
    const other = await yoghurt();
    const twice = await writeOff(t, clerk, { lines: [{ productId: p, qty: 1_000 }, { productId: p, qty: 1_000 }] });
    expect(twice.json()).toMatchObject({ code: 'duplicate_line', errors: [{ field: 'lines.1.productId' }] });
    const sameBatch = await writeOff(t, clerk, { lines: [{ productId: p, qty: 1_000, batchId: early }, { productId: p, qty: 1_000, batchId: early }] });
    expect(sameBatch.json()).toMatchObject({ code: 'duplicate_line', errors: [{ field: 'lines.1.batchId' }] });
    const foreign = await writeOff(t, clerk, { lines: [{ productId: p, qty: 1_000, batchId: other.early }] });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().errors).toEqual([{ field: 'lines.0.batchId', message: expect.any(String) }]);
  });

  it('checks reason, quantity and product', async () => {
    const cola = t.ids.products['DRK-COLA-330'];
    expect((await writeOff(t, clerk, { reason: 'stolen', lines: [{ productId: cola, qty: 1_000 }] })).json().errors[0].field).toBe('reason');
    expect((await writeOff(t, clerk, { lines: [{ productId: cola, qty: -1_000 }] })).json().errors[0].field).toBe('lines.0.qty');
    expect((await writeOff(t, clerk, { lines: [{ productId: cola, qty: 0.5 }] })).json().errors[0].field).toBe('lines.0.qty');
    const unknown = await writeOff(t, clerk, { lines: [{ productId: 'nope', qty: 1_000 }] });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().errors[0].field).toBe('lines.0.productId');
  });

  it('lets exactly as many concurrent write-offs through as there are units', async () => {
    const p = await newProduct(t);
    await receive(t, clerk, { lines: [{ productId: p, qty: 3_000, unitCost: 100 }] });
    const results = await Promise.all(Array.from({ length: 6 }, () => writeOff(t, clerk, { lines: [{ productId: p, qty: 1_000 }] })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 422, 422, 422]);
    expect(await position(t, t.ids.s01, p)).toEqual({ qty: 0, value: 0 });
  });

  it('is for stock roles of the store only', async () => {
    const body = { lines: [{ productId: t.ids.products['DRK-COLA-330'], qty: 1_000 }] };
    expect((await writeOff(t, await t.login('cashier'), body)).statusCode).toBe(403);
    expect((await writeOff(t, clerk, { ...body, storeId: t.ids.s02 })).statusCode).toBe(404);
  });

  it('replays a write-off by its id', async () => {
    const body = { id: uuidv7(), storeId: t.ids.s01, reason: 'lost', lines: [{ productId: t.ids.products['SNK-CHIPS-70'], qty: 1_000 }] };
    const first = await t.call(clerk, 'POST', '/api/v1/inventory/write-offs', body);
    const again = await t.call(clerk, 'POST', '/api/v1/inventory/write-offs', body);
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json()).toEqual(first.json());
  });

  it('leaves every invariant intact', async () => {
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
