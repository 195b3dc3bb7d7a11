import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { uuidv7 } from '../../core/id/uuidv7';
import { addDays } from '../../core/time/calendar-date';
import { businessDate } from '../../core/time/business-date';
import { testDialects } from '../../db/testing';
import { MANUAL_ENTRIES } from '../modules/journal/test-helpers';
import { makeTestApp, type TestApp } from '../testing';

describe.each(testDialects)('bad input gets a precise 4xx and writes nothing, on %s', (dialect) => {
  let t: TestApp;
  let owner: string;
  let finance: string;
  let docsBefore: number;
  let entriesBefore: number;
  const today = businessDate(new Date(), 'Asia/Shanghai');
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = await t.login('owner');
    finance = await t.login('finance');
    docsBefore = await countRows('documents');
    entriesBefore = await countRows('manual_entries');
  });
  afterAll(() => t.close());

  async function countRows(table: 'documents' | 'manual_entries') {
    return Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(t.db.db)).rows[0].n);
  }
  // A manual journal entry (手工凭证): the one way to post one by hand (draft, then approval by another user).
  const je = (over: Record<string, unknown> = {}) => ({
    id: uuidv7(),
    storeId: t.ids.s01,
    date: today,
    memo: 'Rent',
    lines: [
      { account: '5602', debit: 300_000, credit: 0 },
      { account: '1002', debit: 0, credit: 300_000 },
    ],
    ...over,
  });

  it('malformed JSON → 400 malformed_json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: MANUAL_ENTRIES,
      headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
      payload: '{"id": "x", ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('malformed_json');
  });

  it('wrong types name the field', async () => {
    const res = await t.call(owner, 'POST', MANUAL_ENTRIES, je({ memo: 42 }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'memo' }] });
  });

  it('unknown fields are refused by name', async () => {
    const res = await t.call(owner, 'POST', MANUAL_ENTRIES, je({ extra: 1 }));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual({ field: 'extra', message: 'Unknown field' });
  });

  it('negative and fractional money are refused with the line and side named', async () => {
    const neg = await t.call(owner, 'POST', MANUAL_ENTRIES, je({ lines: [{ account: '5602', debit: -5, credit: 0 }, { account: '1002', debit: 0, credit: -5 }] }));
    expect(neg.statusCode).toBe(400);
    expect(neg.json().errors.map((e: { field: string }) => e.field)).toContain('lines.0.debit');
    const frac = await t.call(owner, 'POST', '/api/v1/documents/cash-movements', { id: uuidv7(), registerId: t.ids.r01, direction: 'in', amount: 10.5, reason: 'x' });
    expect(frac.statusCode).toBe(400);
    expect(frac.json().errors[0].field).toBe('amount');
  });

  it('an unbalanced entry → 422 with both totals', async () => {
    const res = await t.call(owner, 'POST', MANUAL_ENTRIES, je({ lines: [{ account: '5602', debit: 100, credit: 0 }, { account: '1002', debit: 0, credit: 99 }] }));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'unbalanced', debit: 100, credit: 99, errors: [{ field: 'lines' }] });
  });

  it('an unknown account → 422 naming the line', async () => {
    const res = await t.call(owner, 'POST', MANUAL_ENTRIES, je({ lines: [{ account: '5602', debit: 100, credit: 0 }, { account: '9999', debit: 0, credit: 100 }] }));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'unknown_account', errors: [{ field: 'lines.1.account' }] });
  });

  it('a client id that is not a UUIDv7 is refused', async () => {
    const res = await t.call(owner, 'POST', MANUAL_ENTRIES, je({ id: 'abc' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('id');
  });

  it('a missing field is refused by name', async () => {
    const { date: _date, ...noDate } = je();
    const res = await t.call(owner, 'POST', MANUAL_ENTRIES, noDate);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'date' }] });
    const notADay = await t.call(owner, 'POST', MANUAL_ENTRIES, je({ date: '2026-02-30' }));
    expect([notADay.statusCode, notADay.json().errors[0].field]).toEqual([400, 'date']);
  });

  it('a date in a closed period → 409 period_locked naming the date, with the lock date', async () => {
    const lockDate = addDays(today, -3);
    expect((await t.call(owner, 'PUT', '/api/v1/books/lock-date', { lockDate })).statusCode).toBe(200);
    try {
      const res = await t.call(owner, 'POST', MANUAL_ENTRIES, je({ date: addDays(today, -5) }));
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'period_locked', lockDate, errors: [{ field: 'date' }] });
    } finally {
      await t.call(owner, 'PUT', '/api/v1/books/lock-date', { lockDate: null });
    }
  });

  it('unknown ids → 404 naming the field', async () => {
    const res = await t.call(owner, 'POST', '/api/v1/documents/opening-balances', {
      id: uuidv7(),
      storeId: t.ids.s01,
      stock: [{ productId: 'no-such-product', qty: 1000, unitCost: 100 }],
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'not_found', errors: [{ field: 'stock.0.productId' }] });
    expect((await t.call(owner, 'GET', `/api/v1/documents/${uuidv7()}`)).statusCode).toBe(404);
  });

  it("another store's objects answer 404, not 403", async () => {
    const manager = await t.login('manager');
    const s02 = await t.call(manager, 'GET', `/api/v1/stores/${t.ids.s02}`);
    expect(s02.statusCode).toBe(404);
    const cash = await t.call(manager, 'POST', '/api/v1/documents/cash-movements', { id: uuidv7(), registerId: t.ids.s02r01, direction: 'in', amount: 100, reason: 'x' });
    expect(cash.statusCode).toBe(404);
    const s02doc = await t.db.db.selectFrom('documents').select('id').where('store_id', '=', t.ids.s02).executeTakeFirstOrThrow();
    expect((await t.call(manager, 'GET', `/api/v1/documents/${s02doc.id}`)).statusCode).toBe(404);
    const list = await t.call(manager, 'GET', `/api/v1/documents?storeId=${t.ids.s02}`);
    expect(list.statusCode).toBe(404);
  });

  it('a huge body → 413', async () => {
    const res = await t.call(owner, 'POST', MANUAL_ENTRIES, je({ memo: 'x'.repeat(1_100_000) }));
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('body_too_large');
  });

  it('a non-JSON content type → 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: MANUAL_ENTRIES,
      headers: { authorization: `Bearer ${owner}`, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(res.statusCode).toBe(415);
  });

  it('an unknown route → 404 problem', async () => {
    const res = await t.call(owner, 'GET', '/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('route_not_found');
  });

  it('wrote no document and no draft for any of the refused requests', async () => {
    expect(await countRows('documents')).toBe(docsBefore);
    expect(await countRows('manual_entries')).toBe(entriesBefore);
  });

  it('an approval the books closed under meanwhile → 409 period_locked naming the date, nothing posted', async () => {
    const body = je({ date: addDays(today, -2) });
    expect((await t.call(owner, 'POST', MANUAL_ENTRIES, body)).statusCode).toBe(201);
    const lockDate = addDays(today, -1);
    expect((await t.call(owner, 'PUT', '/api/v1/books/lock-date', { lockDate })).statusCode).toBe(200);
    try {
      const res = await t.call(finance, 'POST', `${MANUAL_ENTRIES}/${body.id}/approve`, {});
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'period_locked', lockDate, errors: [{ field: 'date' }] });
      expect(await countRows('documents')).toBe(docsBefore);
      expect((await t.call(owner, 'GET', `${MANUAL_ENTRIES}/${body.id}`)).json().status).toBe('draft');
    } finally {
      await t.call(owner, 'PUT', '/api/v1/books/lock-date', { lockDate: null });
    }
  });

  it('replays a draft and an approval with 200 and the same body; a changed payload is a 409', async () => {
    const body = je();
    const first = await t.call(owner, 'POST', MANUAL_ENTRIES, body);
    expect(first.statusCode).toBe(201);
    const again = await t.call(owner, 'POST', MANUAL_ENTRIES, body);
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    const changed = await t.call(owner, 'POST', MANUAL_ENTRIES, { ...body, memo: 'Rent (edited)' });
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({ code: 'idempotency_conflict', errors: [{ field: 'id' }] });

    const self = await t.call(owner, 'POST', `${MANUAL_ENTRIES}/${body.id}/approve`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json()).toMatchObject({ code: 'approval_self', errors: [{ field: 'approvedBy' }] });
    const posted = await t.call(finance, 'POST', `${MANUAL_ENTRIES}/${body.id}/approve`, {});
    expect(posted.statusCode, posted.body).toBe(201);
    expect(posted.json()).toMatchObject({ type: 'manual_entry', total: 300_000, manualEntryId: body.id });
    const replayed = await t.call(finance, 'POST', `${MANUAL_ENTRIES}/${body.id}/approve`, {});
    expect(replayed.statusCode).toBe(200);
    expect(replayed.body).toBe(posted.body);
    expect(await countRows('documents')).toBe(docsBefore + 1);
  });

  it('honours Idempotency-Key on other POSTs', async () => {
    const body = { code: 'S09', name: '新店 New' };
    const h = { 'idempotency-key': 'create-s09' };
    const first = await t.call(owner, 'POST', '/api/v1/stores', body, h);
    expect(first.statusCode).toBe(201);
    const again = await t.call(owner, 'POST', '/api/v1/stores', body, h);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const other = await t.call(owner, 'POST', '/api/v1/stores', { ...body, name: 'Other' }, h);
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('idempotency_key_reused');
    const dup = await t.call(owner, 'POST', '/api/v1/stores', body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'store_code_taken', errors: [{ field: 'code' }] });
  });
});
