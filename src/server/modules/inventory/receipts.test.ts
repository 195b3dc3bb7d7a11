import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { makeTestApp, type TestApp } from '../../testing';
import { verifyAll } from '../../verify/verify';
import { countRows, journalOf, newLocation, newProduct, newSupplier, position, receive } from './test-fixtures';

describe.each(testDialects)('goods receipts (入库) on %s', (dialect) => {
  let t: TestApp;
  let owner: string;
  let clerk: string;
  let supplierId: string;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = await t.login('owner');
    clerk = await t.login('clerk');
    supplierId = await newSupplier(t, 'SUP-01', '华润饮料批发');
  });
  afterAll(() => t.close());

  it('receives at a unit cost and books Dr 1405 / Cr 2202 with the supplier on the payable line', async () => {
    const cola = t.ids.products['DRK-COLA-330'];
    const water = t.ids.products['DRK-WATER-550'];
    const before = await position(t, t.ids.s01, cola);
    const res = await receive(t, clerk, {
      supplierId,
      reference: 'DN-2026-0301',
      lines: [
        { productId: cola, qty: 48_000, unitCost: 205 },
        { productId: water, qty: 1_500, unitCost: 99 }, // 1.5 × 0.99 = 1.485 → 149 fen (half up)
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({ type: 'receipt', number: 'GR-S01-000001', total: 9840 + 149, supplierId, reference: 'DN-2026-0301' });
    expect(doc.lines).toEqual([
      expect.objectContaining({ lineNo: 1, productId: cola, qty: 48_000, unitCost: 205, value: 9840, batchId: null }),
      expect.objectContaining({ lineNo: 2, productId: water, qty: 1_500, unitCost: 99, value: 149 }),
    ]);
    expect(await journalOf(t, doc.id)).toEqual([
      { account: '1405', debit: 9989, credit: 0, memo: 'DN-2026-0301' },
      { account: '2202', debit: 0, credit: 9989, memo: 'Supplier SUP-01 华润饮料批发' },
    ]);
    expect(await position(t, t.ids.s01, cola)).toEqual({ qty: before.qty + 48_000, value: before.value + 9840 });
  });

  it('takes a line cost as given and derives the unit cost from it', async () => {
    const p = await newProduct(t);
    const res = await receive(t, owner, { lines: [{ productId: p, qty: 3_000, lineCost: 1000 }] });
    expect(res.statusCode).toBe(201);
    expect(res.json().lines[0]).toMatchObject({ qty: 3_000, value: 1000, unitCost: 333 });
    expect(await position(t, t.ids.s01, p)).toEqual({ qty: 3_000, value: 1000 });
  });

  it('receives by the box through the product units, exactly or not at all', async () => {
    const p = await newProduct(t, { unit: '瓶' });
    const rice = await newProduct(t, { unit: 'kg' });
    await t.db.db.insertInto('product_units').values([
      { product_id: p, unit: '箱', factor: 24_000 },
      { product_id: rice, unit: '袋', factor: 2_500 },
    ]).execute();
    const ok = await receive(t, clerk, {
      lines: [
        { productId: p, packQty: 2_000, unit: '箱', unitCost: 150 }, // 2 箱 × 24 = 48 瓶
        { productId: p, packQty: 5_000, unit: '瓶', unitCost: 150 }, // the base unit converts 1:1
        { productId: rice, packQty: 3_000, unit: '袋', lineCost: 4_500 }, // 3 袋 × 2.5 kg = 7.5 kg
      ],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().lines.map((l: { qty: number; value: number }) => [l.qty, l.value])).toEqual([
      [48_000, 7200],
      [5_000, 750],
      [7_500, 4500],
    ]);
    expect(ok.json().lines[2].unitCost).toBe(600);

    // 0.001 袋 × 2.5 kg = 2.5 g is not a whole thousandth of a kg: refused, not rounded.
    const inexact = await receive(t, clerk, { lines: [{ productId: rice, packQty: 1, unit: '袋', unitCost: 600 }] });
    expect(inexact.statusCode).toBe(400);
    expect(inexact.json()).toMatchObject({ code: 'pack_qty_not_exact', errors: [{ field: 'lines.0.packQty' }] });
    const unknownUnit = await receive(t, clerk, { lines: [{ productId: rice, packQty: 1_000, unit: '吨', unitCost: 600 }] });
    expect(unknownUnit.statusCode).toBe(400);
    expect(unknownUnit.json()).toMatchObject({ code: 'unit_unknown', errors: [{ field: 'lines.0.unit' }] });
  });

  it('requires a lot for batch-tracked products and defaults expiry to production date + shelf life', async () => {
    const milk = await newProduct(t, { trackBatches: true, shelfLifeDays: 45 });
    const missing = await receive(t, clerk, { lines: [{ productId: t.ids.products['DRK-COLA-330'], qty: 1_000, unitCost: 1 }, { productId: milk, qty: 1_000, unitCost: 200 }] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'batch_required', errors: [{ field: 'lines.1.batch' }] });

    const first = await receive(t, clerk, { lines: [{ productId: milk, qty: 24_000, unitCost: 200, batch: { lot: 'L260301', productionDate: '2026-03-01' } }] });
    expect(first.statusCode, first.body).toBe(201);
    const line = first.json().lines[0];
    expect(line).toMatchObject({ lot: 'L260301', expiryDate: '2026-04-15' });

    // The same lot again (dates left out or repeated) lands in the same batch.
    const again = await receive(t, clerk, {
      lines: [
        { productId: milk, qty: 12_000, unitCost: 200, batch: { lot: 'L260301' } },
        { productId: milk, qty: 12_000, unitCost: 200, batch: { lot: 'L260301', productionDate: '2026-03-01', expiryDate: '2026-04-15' } },
      ],
    });
    expect(again.json().lines.map((l: { batchId: string }) => l.batchId)).toEqual([line.batchId, line.batchId]);
    const batches = await t.db.db.selectFrom('batches').selectAll().where('product_id', '=', milk).execute();
    expect(batches).toHaveLength(1);
    const balance = await t.db.db.selectFrom('stock_balances').select(['batch_id', 'qty']).where('product_id', '=', milk).execute();
    expect(balance.map((b) => [b.batch_id, Number(b.qty)])).toEqual([[line.batchId, 48_000]]);
  });

  it('refuses the same lot with other dates (409) and writes nothing, not even the batch', async () => {
    const milk = await newProduct(t, { trackBatches: true, shelfLifeDays: 10 });
    await receive(t, clerk, { lines: [{ productId: milk, qty: 1_000, unitCost: 200, batch: { lot: 'A1', productionDate: '2026-03-01' } }] });
    const docs = await countRows(t, 'documents');
    const res = await receive(t, clerk, {
      lines: [
        { productId: milk, qty: 1_000, unitCost: 200, batch: { lot: 'NEW-LOT', productionDate: '2026-03-02' } },
        { productId: milk, qty: 1_000, unitCost: 200, batch: { lot: 'A1', productionDate: '2026-02-28' } },
      ],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'batch_dates_differ', productionDate: '2026-03-01', errors: [{ field: 'lines.1.batch.productionDate' }] });
    const expiry = await receive(t, clerk, { lines: [{ productId: milk, qty: 1_000, unitCost: 200, batch: { lot: 'A1', expiryDate: '2026-12-31' } }] });
    expect(expiry.json()).toMatchObject({ code: 'batch_dates_differ', errors: [{ field: 'lines.0.batch.expiryDate' }] });
    expect(await countRows(t, 'documents')).toBe(docs);
    expect(await t.db.db.selectFrom('batches').select('lot').where('product_id', '=', milk).execute()).toEqual([{ lot: 'A1' }]);
  });

  it('names the field of every bad input with a 400', async () => {
    const p = t.ids.products['DRK-TEA-500'];
    const cases: [unknown, string][] = [
      [{ productId: p, qty: -1_000, unitCost: 100 }, 'lines.0.qty'],
      [{ productId: p, qty: 0, unitCost: 100 }, 'lines.0.qty'],
      [{ productId: p, qty: 1.5, unitCost: 100 }, 'lines.0.qty'],
      [{ productId: p, unitCost: 100 }, 'lines.0.qty'],
      [{ productId: p, qty: 1_000, packQty: 1_000, unit: '瓶', unitCost: 100 }, 'lines.0.qty'],
      [{ productId: p, packQty: 1_000, unitCost: 100 }, 'lines.0.unit'],
      [{ productId: p, qty: 1_000 }, 'lines.0.unitCost'],
      [{ productId: p, qty: 1_000, unitCost: 100, lineCost: 100 }, 'lines.0.unitCost'],
      [{ productId: p, qty: 1_000, unitCost: -5 }, 'lines.0.unitCost'],
      [{ productId: p, qty: 1_000, unitCost: 0.5 }, 'lines.0.unitCost'],
      [{ productId: p, qty: 1_000, unitCost: 100, batch: { lot: 'X', productionDate: '2026-03-05', expiryDate: '2026-03-01' } }, 'lines.0.batch.expiryDate'],
      [{ productId: p, qty: 1_000, unitCost: 100, batch: { lot: 'X', productionDate: '2026-02-30' } }, 'lines.0.batch.productionDate'],
    ];
    for (const [line, field] of cases) {
      const res = await receive(t, owner, { lines: [line] });
      expect(res.statusCode, JSON.stringify(line)).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field), JSON.stringify(line)).toContain(field);
    }
    const empty = await receive(t, owner, { lines: [] });
    expect(empty.json().errors[0].field).toBe('lines');
  });

  it('answers 404 naming the field for unknown products, locations, suppliers and another store’s location', async () => {
    const line = { productId: t.ids.products['DRK-TEA-500'], qty: 1_000, unitCost: 100 };
    const s02Location = await newLocation(t, t.ids.s02, 'WH-E');
    const cases: [Record<string, unknown>, string][] = [
      [{ lines: [line, { ...line, productId: 'no-such-product' }] }, 'lines.1.productId'],
      [{ locationId: 'no-such-location', lines: [line] }, 'locationId'],
      [{ locationId: s02Location, lines: [line] }, 'locationId'],
      [{ supplierId: 'no-such-supplier', lines: [line] }, 'supplierId'],
      [{ storeId: 'no-such-store', lines: [line] }, 'storeId'],
    ];
    const docs = await countRows(t, 'documents');
    for (const [body, field] of cases) {
      const res = await receive(t, owner, body);
      expect(res.statusCode, field).toBe(404);
      expect(res.json().errors).toEqual([{ field, message: expect.any(String) }]);
    }
    expect(await countRows(t, 'documents')).toBe(docs);
  });

  it('receives into a named warehouse of the store', async () => {
    const wh = await newLocation(t, t.ids.s01, 'WH-BACK');
    const p = await newProduct(t);
    const res = await receive(t, clerk, { locationId: wh, lines: [{ productId: p, qty: 2_000, unitCost: 100 }] });
    expect(res.json().locationId).toBe(wh);
    const rows = await t.db.db.selectFrom('stock_balances').select(['location_id', 'qty']).where('product_id', '=', p).execute();
    expect(rows.map((r) => [r.location_id, Number(r.qty)])).toEqual([[wh, 2_000]]);
  });

  it('moves free goods without a journal entry', async () => {
    const p = await newProduct(t);
    const res = await receive(t, clerk, { lines: [{ productId: p, qty: 5_000, unitCost: 0 }] });
    expect(res.statusCode).toBe(201);
    expect(res.json().total).toBe(0);
    expect(await journalOf(t, res.json().id)).toEqual([]);
    expect(await position(t, t.ids.s01, p)).toEqual({ qty: 5_000, value: 0 });
  });

  it('lets stock roles receive in their own store only', async () => {
    const body = { lines: [{ productId: t.ids.products['SNK-CHIPS-70'], qty: 1_000, unitCost: 450 }] };
    const cashier = await t.login('cashier');
    expect((await receive(t, cashier, body)).statusCode).toBe(403);
    expect((await receive(t, await t.login('auditor'), body)).statusCode).toBe(403);
    const other = await receive(t, clerk, { ...body, storeId: t.ids.s02 });
    expect(other.statusCode).toBe(404);
    expect(other.json().errors).toEqual([{ field: 'storeId', message: expect.any(String) }]);
    expect((await receive(t, await t.login('manager'), body)).statusCode).toBe(201);
  });

  it('replays the same id with the same body (200, identical) and refuses another body (409)', async () => {
    const id = uuidv7();
    const body = { id, storeId: t.ids.s01, supplierId, lines: [{ productId: t.ids.products['GRO-OIL-5L'], qty: 2_000, unitCost: 5150 }] };
    const first = await t.call(clerk, 'POST', '/api/v1/inventory/receipts', body);
    expect(first.statusCode).toBe(201);
    const moves = await countRows(t, 'stock_moves');
    const replay = await t.call(clerk, 'POST', '/api/v1/inventory/receipts', body);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(first.json());
    expect(await countRows(t, 'stock_moves')).toBe(moves);
    const changed = await t.call(clerk, 'POST', '/api/v1/inventory/receipts', { ...body, lines: [{ ...body.lines[0], qty: 3_000 }] });
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({ code: 'idempotency_conflict', errors: [{ field: 'id' }] });
  });

  it('leaves every invariant intact', async () => {
    const report = await verifyAll(t.db.db);
    expect(report.firstViolation).toBeNull();
  });
});
