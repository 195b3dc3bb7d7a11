import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { stockFixtures, type StockFixtures } from '../../inventory/test-stock';
import { makeTestApp, type TestApp } from '../../testing';
import { verifyAll } from '../../verify/verify';

const PASSWORD = 'Transfer-tests-2026';

describe.each(testDialects)('transfers between stores on %s', (dialect) => {
  let t: TestApp;
  let f: StockFixtures;
  let owner: string;
  let manager: string; // S01
  let clerk: string; // S01
  let east: string; // store manager of S02
  let west: string; // store manager of S03, a store that takes no part
  let s03: string;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    f = await stockFixtures(t);
    owner = await t.login('owner');
    manager = await t.login('manager');
    clerk = await t.login('clerk');
    s03 = (await t.call(owner, 'POST', '/api/v1/stores', { code: 'S03', name: '西门店 West', timezone: 'Asia/Shanghai', receiptHeader: '西门店' })).json().id;
    for (const [username, storeId] of [['east', t.ids.s02], ['west', s03]] as const) {
      const res = await t.call(owner, 'POST', '/api/v1/users', { username, displayName: username, password: PASSWORD, roles: [{ role: 'store_manager', storeId }] });
      expect(res.statusCode).toBe(201);
    }
    east = await t.login('east', PASSWORD);
    west = await t.login('west', PASSWORD);
  });
  afterAll(() => t.close());

  async function position(storeId: string, productId: string) {
    const rows = await t.db.db.selectFrom('stock_balances').select(['batch_id', 'qty', 'cost_value']).where('store_id', '=', storeId).where('product_id', '=', productId).execute();
    return { qty: rows.reduce((s, r) => s + Number(r.qty), 0), value: rows.reduce((s, r) => s + Number(r.cost_value), 0), byBatch: rows };
  }

  async function journalOf(documentId: string) {
    return t.db.db
      .selectFrom('journal_lines')
      .innerJoin('journal_entries', 'journal_entries.id', 'journal_lines.entry_id')
      .select(['account_code', 'journal_lines.store_id', 'debit', 'credit'])
      .where('journal_entries.document_id', '=', documentId)
      .orderBy('journal_lines.line_no')
      .execute();
  }

  const ship = (token: string, body: Record<string, unknown>) => t.call(token, 'POST', '/api/v1/transfers', { id: uuidv7(), ...body });
  const receive = (token: string, transferId: string, lines: { lineNo: number; qty: number }[], id = uuidv7()) =>
    t.call(token, 'POST', `/api/v1/transfers/${transferId}/receipts`, { id, lines });

  it('ships at once, then receives in parts with the cost split exactly: 3 units for 1000 fen arrive as 333 + 667', async () => {
    const glue = await f.product('TRF-GLUE');
    await f.stockIn(t.ids.s01, glue, 3000, 1000);

    const shipped = await ship(manager, { fromStoreId: t.ids.s01, toStoreId: t.ids.s02, memo: '补货 East Gate', lines: [{ productId: glue, qty: 3000 }] });
    expect(shipped.statusCode).toBe(201);
    const doc = shipped.json();
    expect(doc).toMatchObject({ type: 'transfer_out', storeId: t.ids.s01, total: 1000, status: 'shipped', lines: [{ lineNo: 1, productId: glue, batchId: '', qtyShipped: 3000, costValue: 1000 }] });
    expect(doc.number).toMatch(/^TO-S01-\d{6}$/);
    expect(doc.transferId).toBe(doc.clientId);
    expect(await journalOf(doc.id)).toEqual([
      { account_code: '1402', store_id: t.ids.s01, debit: 1000, credit: 0 },
      { account_code: '1405', store_id: t.ids.s01, debit: 0, credit: 1000 },
    ]);
    expect(await position(t.ids.s01, glue)).toMatchObject({ qty: 0, value: 0 });

    const first = await receive(east, doc.transferId, [{ lineNo: 1, qty: 1000 }]);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ type: 'transfer_in', storeId: t.ids.s02, total: 333, status: 'partially_received', lines: [{ lineNo: 1, qty: 1000, costValue: 333 }] });
    expect(await journalOf(first.json().id)).toEqual([
      { account_code: '1405', store_id: t.ids.s02, debit: 333, credit: 0 },
      { account_code: '1402', store_id: t.ids.s02, debit: 0, credit: 333 },
    ]);
    const rest = await receive(east, doc.transferId, [{ lineNo: 1, qty: 2000 }]);
    expect(rest.json()).toMatchObject({ total: 667, status: 'received' });
    expect(await position(t.ids.s02, glue)).toMatchObject({ qty: 3000, value: 1000 });

    const view = (await t.call(east, 'GET', `/api/v1/transfers/${doc.transferId}`)).json();
    expect(view).toMatchObject({
      status: 'received',
      fromStoreCode: 'S01',
      toStoreCode: 'S02',
      memo: '补货 East Gate',
      totals: { costValue: 1000, costReceived: 1000, inTransitValue: 0, notReceivedValue: 0 },
      lines: [{ lineNo: 1, sku: 'TRF-GLUE', qtyShipped: 3000, qtyReceived: 3000, costValue: 1000, costReceived: 1000 }],
    });
    expect(view.documents.map((d: { kind: string; total: number }) => [d.kind, d.total])).toEqual([
      ['ship', 1000],
      ['receipt', 333],
      ['receipt', 667],
    ]);
  });

  it('replays a receipt with the same client id and refuses another payload under it', async () => {
    const p = await f.product('TRF-REPLAY');
    await f.stockIn(t.ids.s01, p, 2000, 500);
    const tr = (await ship(manager, { fromStoreId: t.ids.s01, toStoreId: t.ids.s02, lines: [{ productId: p, qty: 2000 }] })).json();
    const id = uuidv7();
    const once = await receive(east, tr.transferId, [{ lineNo: 1, qty: 2000 }], id);
    const again = await receive(east, tr.transferId, [{ lineNo: 1, qty: 2000 }], id);
    expect([once.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json()).toEqual(once.json());
    const other = await receive(east, tr.transferId, [{ lineNo: 1, qty: 1000 }], id);
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('idempotency_conflict');
  });

  it('refuses to receive more than is left on a line (422 naming lines.N.qty) and writes nothing', async () => {
    const p = await f.product('TRF-OVER');
    await f.stockIn(t.ids.s01, p, 2000, 400);
    const tr = (await ship(manager, { fromStoreId: t.ids.s01, toStoreId: t.ids.s02, lines: [{ productId: p, qty: 2000 }] })).json();
    expect((await receive(east, tr.transferId, [{ lineNo: 1, qty: 500 }])).statusCode).toBe(201);
    const before = await t.db.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('type', '=', 'transfer_in').executeTakeFirstOrThrow();

    const over = await receive(east, tr.transferId, [{ lineNo: 1, qty: 1000 }, { lineNo: 1, qty: 1000 }]);
    expect(over.statusCode).toBe(400);
    expect(over.json()).toMatchObject({ code: 'duplicate_line', errors: [{ field: 'lines.1.lineNo' }] });
    const tooMuch = await receive(east, tr.transferId, [{ lineNo: 1, qty: 1501 }]);
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json()).toMatchObject({ code: 'over_receipt', remaining: 1500, errors: [{ field: 'lines.0.qty' }] });
    const unknown = await receive(east, tr.transferId, [{ lineNo: 2, qty: 1 }]);
    expect(unknown.json()).toMatchObject({ code: 'unknown_line', errors: [{ field: 'lines.0.lineNo' }] });

    const after = await t.db.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('type', '=', 'transfer_in').executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const line = await t.db.db.selectFrom('transfer_lines').selectAll().where('transfer_id', '=', tr.transferId).executeTakeFirstOrThrow();
    expect({ qty: Number(line.qty_received), cost: Number(line.cost_received) }).toEqual({ qty: 500, cost: 100 });
  });

  it('lets exactly one of two concurrent receipts of the same units through', async () => {
    const p = await f.product('TRF-RACE');
    await f.stockIn(t.ids.s01, p, 5000, 1000);
    const tr = (await ship(manager, { fromStoreId: t.ids.s01, toStoreId: t.ids.s02, lines: [{ productId: p, qty: 5000 }] })).json();
    const results = await Promise.all([receive(east, tr.transferId, [{ lineNo: 1, qty: 3000 }]), receive(east, tr.transferId, [{ lineNo: 1, qty: 3000 }])]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    expect(results.find((r) => r.statusCode === 422)?.json()).toMatchObject({ code: 'over_receipt', remaining: 2000 });
    const line = await t.db.db.selectFrom('transfer_lines').selectAll().where('transfer_id', '=', tr.transferId).executeTakeFirstOrThrow();
    expect({ qty: Number(line.qty_received), cost: Number(line.cost_received) }).toEqual({ qty: 3000, cost: 600 });
    expect(await position(t.ids.s02, p)).toMatchObject({ qty: 3000, value: 600 });
  });

  it('closes the rest with a discrepancy: what never arrived leaves 1402 for 1901, with a manager approval for a clerk', async () => {
    const p = await f.product('TRF-LOST');
    await f.stockIn(t.ids.s02, p, 5000, 1050);
    const tr = (await ship(east, { fromStoreId: t.ids.s02, toStoreId: t.ids.s01, lines: [{ productId: p, qty: 5000 }] })).json();
    expect((await receive(clerk, tr.transferId, [{ lineNo: 1, qty: 3000 }])).json().total).toBe(630);

    const close = (token: string, extra: Record<string, unknown> = {}) =>
      t.call(token, 'POST', `/api/v1/transfers/${tr.transferId}/close`, { id: uuidv7(), reason: '物流丢失 lost by the carrier', ...extra });
    const refused = await close(clerk);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'approval_required', errors: [{ field: 'approvalToken' }] });
    const approval = await t.call(clerk, 'POST', '/api/v1/approvals', { action: 'transfer.close', storeId: t.ids.s01, username: 'manager', pin: '8888' });
    expect(approval.statusCode).toBe(200);
    const moves = await t.db.db.selectFrom('stock_moves').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

    const closed = await close(clerk, { approvalToken: approval.json().approvalToken });
    expect(closed.statusCode).toBe(201);
    const managerId = (await t.db.db.selectFrom('users').select('id').where('username', '=', 'manager').executeTakeFirstOrThrow()).id;
    expect(closed.json()).toMatchObject({ type: 'transfer_in', storeId: t.ids.s01, total: 420, approvedBy: managerId, status: 'closed', notReceived: [{ lineNo: 1, qty: 2000, costValue: 420 }] });
    expect(await journalOf(closed.json().id)).toEqual([
      { account_code: '1901', store_id: t.ids.s01, debit: 420, credit: 0 },
      { account_code: '1402', store_id: t.ids.s01, debit: 0, credit: 420 },
    ]);
    const movesAfter = await t.db.db.selectFrom('stock_moves').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(movesAfter.n)).toBe(Number(moves.n));
    expect(await position(t.ids.s01, p)).toMatchObject({ qty: 3000, value: 630 });

    const view = (await t.call(east, 'GET', `/api/v1/transfers/${tr.transferId}`)).json();
    expect(view).toMatchObject({ status: 'closed', totals: { costValue: 1050, costReceived: 630, inTransitValue: 0, notReceivedValue: 420 } });
    const late = await receive(clerk, tr.transferId, [{ lineNo: 1, qty: 1000 }]);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('transfer_not_open');
    expect((await close(manager)).json().code).toBe('transfer_not_open');
  });

  it('ships a product across batches FEFO, one transfer line per batch, and receives each into the same batch', async () => {
    const p = await f.product('TRF-BATCH');
    const early = await f.batch(p, 'L-EARLY', '2026-12-31', '2026-01-10T00:00:00.000Z');
    const late = await f.batch(p, 'L-LATE', '2027-06-30', '2026-01-05T00:00:00.000Z');
    await f.stockIn(t.ids.s01, p, 2000, 200, { batchId: late });
    await f.stockIn(t.ids.s01, p, 2000, 240, { batchId: early });

    const tr = (await ship(manager, { fromStoreId: t.ids.s01, toStoreId: t.ids.s02, lines: [{ productId: p, qty: 3000 }] })).json();
    // 3 of 4 units at the average 110/unit = 330, split 2 : 1 over the batches picked.
    expect(tr.total).toBe(330);
    expect(tr.lines).toEqual([
      { lineNo: 1, productId: p, batchId: early, qtyShipped: 2000, costValue: 220 },
      { lineNo: 2, productId: p, batchId: late, qtyShipped: 1000, costValue: 110 },
    ]);
    await receive(east, tr.transferId, [
      { lineNo: 1, qty: 2000 },
      { lineNo: 2, qty: 1000 },
    ]);
    const at02 = await position(t.ids.s02, p);
    expect(at02.byBatch.map((b) => [b.batch_id, Number(b.qty), Number(b.cost_value)]).sort()).toEqual(
      [
        [early, 2000, 220],
        [late, 1000, 110],
      ].sort(),
    );
  });

  it('refuses bad shipments with the field that caused them, and writes nothing', async () => {
    const p = await f.product('TRF-BAD');
    await f.stockIn(t.ids.s01, p, 1000, 100);
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ fromStoreId: t.ids.s01, toStoreId: t.ids.s01, lines: [{ productId: p, qty: 1000 }] }, 400, 'same_store', 'toStoreId'],
      [{ fromStoreId: t.ids.s01, toStoreId: 'nope', lines: [{ productId: p, qty: 1000 }] }, 404, 'not_found', 'toStoreId'],
      [{ fromStoreId: t.ids.s02, toStoreId: t.ids.s01, lines: [{ productId: p, qty: 1000 }] }, 404, 'not_found', 'fromStoreId'],
      [{ fromStoreId: t.ids.s01, toStoreId: t.ids.s02, lines: [{ productId: 'nope', qty: 1000 }] }, 404, 'not_found', 'lines.0.productId'],
      [{ fromStoreId: t.ids.s01, toStoreId: t.ids.s02, lines: [{ productId: p, qty: 1001 }] }, 422, 'insufficient_stock', 'lines.0.qty'],
      [{ fromStoreId: t.ids.s01, toStoreId: t.ids.s02, lines: [{ productId: p, qty: 0 }] }, 400, 'validation_failed', 'lines.0.qty'],
      [{ fromStoreId: t.ids.s01, toStoreId: t.ids.s02, lines: [{ productId: p, qty: 500 }, { productId: p, qty: 500 }] }, 400, 'duplicate_product', 'lines.1.productId'],
      [{ fromStoreId: t.ids.s01, toStoreId: t.ids.s02, lines: [{ productId: p, qty: 500, batchId: 'nope' }] }, 404, 'not_found', 'lines.0.batchId'],
      [{ fromStoreId: t.ids.s01, toStoreId: t.ids.s02, fromLocationId: 'nope', lines: [{ productId: p, qty: 500 }] }, 404, 'not_found', 'fromLocationId'],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await ship(manager, body);
      expect({ status: res.statusCode, code: res.json().code, field: res.json().errors?.[0]?.field }).toEqual({ status, code, field });
    }
    expect(await position(t.ids.s01, p)).toMatchObject({ qty: 1000, value: 100 });
    expect(await t.db.db.selectFrom('transfer_lines').select('transfer_id').where('product_id', '=', p).execute()).toEqual([]);
  });

  it('shows a transfer to both stores and to nobody else; only the destination receives', async () => {
    const p = await f.product('TRF-SEEN');
    await f.stockIn(t.ids.s01, p, 1000, 100);
    const tr = (await ship(clerk, { fromStoreId: t.ids.s01, toStoreId: t.ids.s02, lines: [{ productId: p, qty: 1000 }] })).json();
    const ids = async (token: string, query: string) => (await t.call(token, 'GET', `/api/v1/transfers?${query}`)).json().items.map((i: { id: string }) => i.id);

    expect(await ids(manager, `storeId=${t.ids.s01}&status=shipped`)).toContain(tr.transferId);
    expect(await ids(east, `storeId=${t.ids.s02}`)).toContain(tr.transferId);
    expect(await ids(east, '')).toContain(tr.transferId);
    expect(await ids(east, `storeId=${t.ids.s02}&status=received`)).not.toContain(tr.transferId);
    expect(await ids(west, '')).toEqual([]);
    expect((await t.call(west, 'GET', `/api/v1/transfers?storeId=${t.ids.s01}`)).statusCode).toBe(404);
    expect((await t.call(west, 'GET', `/api/v1/transfers/${tr.transferId}`)).statusCode).toBe(404);
    expect((await receive(west, tr.transferId, [{ lineNo: 1, qty: 1000 }])).statusCode).toBe(404);
    expect((await t.call(manager, 'GET', `/api/v1/transfers/${tr.transferId}`)).json().status).toBe('shipped');

    // The source sees the transfer but cannot receive it for the destination.
    const bySource = await receive(manager, tr.transferId, [{ lineNo: 1, qty: 1000 }]);
    expect(bySource.statusCode).toBe(403);
    const cashier = await t.login('cashier');
    expect((await t.call(cashier, 'GET', '/api/v1/transfers')).statusCode).toBe(403);
    expect((await receive(east, tr.transferId, [{ lineNo: 1, qty: 1000 }])).json().status).toBe('received');
  });

  it('leaves every invariant intact', async () => {
    const report = await verifyAll(t.db.db);
    expect(report.firstViolation).toBeNull();
    expect(report.ok).toBe(true);
  });
});
