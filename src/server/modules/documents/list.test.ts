// GET /documents: the filters and sort orders the back office's document lists use
// (receipts, write-offs: one type in one store, newest first, a business-date range).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { makeTestApp, type TestApp } from '../../testing';
import { movableClock, receive } from '../inventory/test-fixtures';

describe.each(testDialects)('document list on %s', (dialect) => {
  let t: TestApp;
  let manager: string;
  const time = movableClock();
  const list = async (query: string) => {
    const res = await t.call(manager, 'GET', `/api/v1/documents?storeId=${t.ids.s01}&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: { number: string; businessDate: string; type: string }[]; total: number };
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect, { clock: time.clock });
    manager = await t.login('manager');
    // Receipts on three days (the test clock dates the posting too).
    for (const day of ['2026-03-05', '2026-03-03', '2026-03-04']) {
      time.setDay(day);
      const res = await receive(t, manager, {
        id: uuidv7(),
        storeId: t.ids.s01,
        lines: [{ productId: t.ids.products['DAI-MILK-250'], qty: 1000, unitCost: 230 }],
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('lists one type, newest posting first by default', async () => {
    const page = await list('type=receipt');
    expect(page.total).toBe(3);
    expect(page.items.map((d) => d.businessDate)).toEqual(['2026-03-05', '2026-03-04', '2026-03-03']);
  });

  it('sorts by business date either way', async () => {
    expect((await list('type=receipt&sort=businessDate')).items.map((d) => d.businessDate)).toEqual(['2026-03-03', '2026-03-04', '2026-03-05']);
    expect((await list('type=receipt&sort=-businessDate')).items.map((d) => d.businessDate)).toEqual(['2026-03-05', '2026-03-04', '2026-03-03']);
    expect((await list('type=receipt&sort=postedAt')).items.map((d) => d.businessDate)).toEqual(['2026-03-03', '2026-03-04', '2026-03-05']);
  });

  it('filters by an inclusive business-date range, with the total of the range', async () => {
    const page = await list('from=2026-03-04&to=2026-03-05&sort=businessDate&pageSize=1');
    expect(page.total).toBe(2);
    expect(page.items.map((d) => d.businessDate)).toEqual(['2026-03-04']);
    // The demo seed's documents (2026-03-02) are outside that range and alone in their own day.
    expect((await list('from=2026-03-02&to=2026-03-02')).items.map((d) => d.type).sort()).toEqual(['cash_in', 'opening_balance']);
  });

  it('refuses an unknown sort and a malformed date naming the field', async () => {
    for (const [query, field] of [
      ['sort=amount', 'sort'],
      ['from=2026-3-1', 'from'],
    ]) {
      const res = await t.call(manager, 'GET', `/api/v1/documents?${query}`);
      expect(res.statusCode).toBe(400);
      expect(JSON.stringify(res.json().errors)).toContain(field);
    }
  });
});
