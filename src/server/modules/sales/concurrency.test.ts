// Checkout under concurrency: a till retrying one sale many times at once, registers racing for
// the last units, and receipt numbers that stay gapless per register through failures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { verifyAll } from '../../verify/verify';
import { CODES, makeSalesTestApp, onHand, type SalesTestApp } from './test-helpers';

describe.each(testDialects)('checkout under concurrency on %s', (dialect) => {
  let t: SalesTestApp;
  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
  });
  afterAll(() => t.close());

  it('posts 100 concurrent deliveries of one sale once, and charges the wallet once', async () => {
    const p = await t.product({ price: 1250 });
    await t.stock.stockIn(t.ids.s01, p, 10_000, 6000);
    const body = { id: uuidv7(), lines: [{ productId: p, qty: 2000 }], payments: [{ method: 'wechat', amount: 2500, authCode: CODES.wechat }], clientTotal: 2500 };
    const results = await Promise.all(Array.from({ length: 100 }, () => t.sell(body)));

    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(99);
    const first = results.find((r) => r.statusCode === 201)!.json();
    for (const r of results) expect(r.json()).toEqual(first);

    const docs = await t.db.db.selectFrom('documents').select('id').where('client_id', '=', body.id).execute();
    expect(docs).toHaveLength(1);
    // Every delivery that got as far as the wallet asked for the same payment id: one charge.
    expect(new Set(t.provider.charged.filter((c) => c.paymentId.startsWith(body.id)).map((c) => c.paymentId)).size).toBe(1);
    expect(t.provider.reversed.filter((id) => id.startsWith(body.id))).toEqual([]);
    expect(await onHand(t, t.ids.s01, p)).toBe(8000);
  });

  it('sells the last 3 units exactly 3 times when 10 sales on two registers race for them (oversell block)', async () => {
    const p = await t.product({ price: 990 });
    await t.stock.stockIn(t.ids.s01, p, 3000, 1800);
    await t.call(t.tokens.owner, 'PUT', `/api/v1/stores/${t.ids.s01}/settings`, { oversell: 'block' });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.sell({
          registerId: i % 2 ? t.ids.r02 : t.ids.r01,
          shiftId: i % 2 ? t.shifts.r02 : t.shifts.r01,
          lines: [{ productId: p, qty: 1000 }],
          payments: [{ method: 'cash', amount: 1000 }],
          clientTotal: 990,
        }),
      ),
    );
    await t.call(t.tokens.owner, 'PUT', `/api/v1/stores/${t.ids.s01}/settings`, { oversell: 'allow' });

    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    const refused = results.filter((r) => r.statusCode !== 201);
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(r.json()).toMatchObject({ status: 409, code: 'insufficient_stock', errors: [{ field: 'lines.0.qty' }] });
    expect(await onHand(t, t.ids.s01, p)).toBe(0);
    // The three sales cost exactly what was in stock: 6.00 + 6.00 + 6.00.
    const costs = await t.db.db.selectFrom('sales').innerJoin('documents', 'documents.id', 'sales.document_id').innerJoin('document_lines', 'document_lines.document_id', 'documents.id').select('sales.cost').where('document_lines.product_id', '=', p).execute();
    expect(costs.map((c) => Number(c.cost))).toEqual([600, 600, 600]);
  });

  it('numbers receipts per register without gaps, sales and cash movements alike, through refusals', async () => {
    const reg = await t.call(t.tokens.owner, 'POST', '/api/v1/registers', { storeId: t.ids.s01, code: 'R09', name: '9号收银台' });
    const registerId = reg.json().id as string;
    const shiftId = await t.openShift(registerId);
    const p = await t.product({ price: 100 });
    await t.stock.stockIn(t.ids.s01, p, 2000, 100);
    await t.call(t.tokens.owner, 'PUT', `/api/v1/stores/${t.ids.s01}/settings`, { oversell: 'block' });
    const sale = (qty: number) => t.sell({ registerId, shiftId, lines: [{ productId: p, qty }], payments: [{ method: 'cash', amount: qty / 10 }], clientTotal: qty / 10 });
    const paidIn = () => t.call(t.tokens.cashier, 'POST', '/api/v1/documents/cash-movements', { id: uuidv7(), registerId, direction: 'in', amount: 10_000, reason: '换零钱 change float' });

    const steps = [await sale(1000), await paidIn(), await sale(5000), await sale(1000), await paidIn()];
    await t.call(t.tokens.owner, 'PUT', `/api/v1/stores/${t.ids.s01}/settings`, { oversell: 'allow' });
    // The third step was refused inside the posting transaction (only 1 unit left): its number
    // went back, so the next documents carry on from 3.
    expect(steps.map((s) => s.statusCode)).toEqual([201, 201, 409, 201, 201]);
    expect(steps.filter((s) => s.statusCode === 201).map((s) => [s.json().type, s.json().number])).toEqual([
      ['sale', 'S01-R09-000001'],
      ['cash_in', 'S01-R09-000002'],
      ['sale', 'S01-R09-000003'],
      ['cash_in', 'S01-R09-000004'],
    ]);
    const chain = await t.call(t.tokens.owner, 'GET', `/api/v1/audit?chain=register:${registerId}&pageSize=50`);
    expect(chain.json().items.map((e: { action: string }) => e.action).sort()).toEqual(
      ['document.cash_in.posted', 'document.cash_in.posted', 'document.sale.posted', 'document.sale.posted', 'shift.opened'].sort(),
    );
  });

  it('leaves every invariant intact', async () => {
    const report = await verifyAll(t.db.db);
    expect(report.firstViolation).toBeNull();
    expect(report.ok).toBe(true);
  });
});
