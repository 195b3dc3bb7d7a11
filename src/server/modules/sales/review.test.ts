// The review step of the sales review list: flags marked as looked at, with a note, all or none,
// once each; the list, the dashboard and the audit chain follow.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../db/testing';
import { verifyAll } from '../../verify/verify';
import { makeSalesTestApp, type SalesTestApp } from './test-helpers';

describe.each(testDialects)('reviewing flagged sales on %s', (dialect) => {
  let t: SalesTestApp;
  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
  });
  afterAll(() => t.close());

  /** An offline sale at a stale price with nothing in stock: two flags (price, stock). */
  async function flaggedSale(registerId?: string) {
    const p = await t.product({ price: 1000 });
    const res = await t.sell({
      offline: true,
      lines: [{ productId: p, qty: 1000, unitPrice: 900 }],
      payments: [{ method: 'cash', amount: 900 }],
      clientTotal: 900,
      ...(registerId ? { registerId, shiftId: t.shifts.s02r01 } : {}),
    }, registerId ? t.tokens.owner : undefined);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; number: string };
  }
  const list = (status: string, token = t.tokens.manager, storeId = t.ids.s01) =>
    t.call(token, 'GET', `/api/v1/sales/review?storeId=${storeId}&status=${status}&pageSize=500`);
  const mark = (body: Record<string, unknown>, token = t.tokens.manager) => t.call(token, 'POST', '/api/v1/sales/review', { storeId: t.ids.s01, ...body });
  const offlineReviewCount = async () => (await t.call(t.tokens.manager, 'GET', `/api/v1/dashboard?storeId=${t.ids.s01}`)).json().alerts.offlineReview as number;

  it('marks a sale’s flags reviewed with a note: they leave the open list and the dashboard count, and the store’s chain records it', async () => {
    const sale = await flaggedSale();
    const open = (await list('open')).json().items.filter((i: { documentId: string }) => i.documentId === sale.id);
    expect(open.map((i: { flagNo: number; kind: string; review: unknown }) => [i.flagNo, i.kind, i.review])).toEqual([
      [1, 'price_differs', null],
      [2, 'negative_stock', null],
    ]);
    const before = await offlineReviewCount();

    const res = await mark({ flags: [{ documentId: sale.id, flagNo: 1 }, { documentId: sale.id, flagNo: 2 }], note: '  price list late on the till; stock received next morning ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ reviewed: 2 });

    expect((await list('open')).json().items.some((i: { documentId: string }) => i.documentId === sale.id)).toBe(false);
    const reviewed = (await list('reviewed')).json().items.filter((i: { documentId: string }) => i.documentId === sale.id);
    expect(reviewed).toEqual([
      expect.objectContaining({ flagNo: 1, kind: 'price_differs', number: sale.number, review: { reviewedAt: res.json().reviewedAt, reviewedBy: expect.any(String), reviewer: '李店长 Li (store manager)', note: 'price list late on the till; stock received next morning' } }),
      expect.objectContaining({ flagNo: 2, kind: 'negative_stock', review: expect.objectContaining({ reviewer: '李店长 Li (store manager)' }) }),
    ]);
    const all = (await list('all')).json();
    expect(all.total).toBe((await list('open')).json().total + (await list('reviewed')).json().total);
    expect(await offlineReviewCount()).toBe(before - 1);

    const events = await t.db.db.selectFrom('audit_events').select(['action', 'subject_id', 'data_json']).where('chain_id', '=', `store:${t.ids.s01}`).where('action', '=', 'sale.flags_reviewed').execute();
    expect(events.map((e) => [e.subject_id, JSON.parse(e.data_json)])).toEqual([[sale.id, { number: sale.number, flagNos: [1, 2], note: 'price list late on the till; stock received next morning' }]]);
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });

  it('is all or none, once per flag: a reviewed, unknown, repeated or other store’s flag refuses the whole request and names it', async () => {
    const a = await flaggedSale();
    const other = await flaggedSale(t.ids.s02r01);
    expect((await mark({ flags: [{ documentId: a.id, flagNo: 1 }] })).statusCode).toBe(200);

    const again = await mark({ flags: [{ documentId: a.id, flagNo: 2 }, { documentId: a.id, flagNo: 1 }] });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'already_reviewed', errors: [{ field: 'flags.1' }] });
    const unknown = await mark({ flags: [{ documentId: a.id, flagNo: 2 }, { documentId: a.id, flagNo: 9 }] });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ errors: [{ field: 'flags.1' }] });
    const elsewhere = await mark({ flags: [{ documentId: a.id, flagNo: 2 }, { documentId: other.id, flagNo: 1 }] });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json()).toMatchObject({ errors: [{ field: 'flags.1' }] });
    const twice = await mark({ flags: [{ documentId: a.id, flagNo: 2 }, { documentId: a.id, flagNo: 2 }] });
    expect(twice.json()).toMatchObject({ status: 400, code: 'flag_listed_twice', errors: [{ field: 'flags.1' }] });
    // Flag 2 of `a` was in every refused request and is still open.
    expect((await list('open')).json().items.filter((i: { documentId: string }) => i.documentId === a.id).map((i: { flagNo: number }) => i.flagNo)).toEqual([2]);

    const empty = await mark({ flags: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('flags');
    const long = await mark({ flags: [{ documentId: a.id, flagNo: 2 }], note: 'x'.repeat(501) });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors[0].field).toBe('note');
    expect((await list('bogus')).json()).toMatchObject({ status: 400, errors: [{ field: 'status' }] });
  });

  it('lets owner, store manager and finance mark flags; the auditor and the cashier only look, and another store is not found', async () => {
    const sale = await flaggedSale();
    const finance = await t.login('finance');
    expect((await mark({ flags: [{ documentId: sale.id, flagNo: 1 }] }, t.tokens.cashier)).statusCode).toBe(403);
    expect((await mark({ flags: [{ documentId: sale.id, flagNo: 1 }] }, t.tokens.auditor)).statusCode).toBe(403);
    const s02 = await t.call(t.tokens.manager, 'POST', '/api/v1/sales/review', { storeId: t.ids.s02, flags: [{ documentId: sale.id, flagNo: 1 }] });
    expect(s02.statusCode).toBe(404);
    expect(s02.json().errors[0].field).toBe('storeId');
    expect((await mark({ flags: [{ documentId: sale.id, flagNo: 1 }] }, t.tokens.owner)).statusCode).toBe(200);
    expect((await mark({ flags: [{ documentId: sale.id, flagNo: 2 }] }, finance)).statusCode).toBe(200);
  });

  it('records a flag reviewed once when two reviewers send it at the same time', async () => {
    const sale = await flaggedSale();
    const flags = [{ documentId: sale.id, flagNo: 1 }, { documentId: sale.id, flagNo: 2 }];
    const results = await Promise.all([mark({ flags, note: 'first' }), mark({ flags, note: 'second' }, t.tokens.owner)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const rows = await t.db.db.selectFrom('sale_flag_reviews').select(['flag_no', 'note']).where('document_id', '=', sale.id).execute();
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.note)).size).toBe(1);
  });

  it('keeps reviews as immutable as the flags', async () => {
    const sale = await flaggedSale();
    expect((await mark({ flags: [{ documentId: sale.id, flagNo: 1 }], note: 'checked' })).statusCode).toBe(200);
    await expect(sql`UPDATE sale_flag_reviews SET note = 'changed' WHERE document_id = ${sale.id}`.execute(t.db.db)).rejects.toThrow();
    await expect(sql`DELETE FROM sale_flag_reviews WHERE document_id = ${sale.id}`.execute(t.db.db)).rejects.toThrow();
  });
});
