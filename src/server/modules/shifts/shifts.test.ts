import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { makeTestApp, type TestApp } from '../../testing';
import { verifyAll } from '../../verify/verify';

describe.each(testDialects)('shifts (班次) on %s', (dialect) => {
  let t: TestApp;
  let cashier: string;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    cashier = await t.login('cashier');
  });
  afterAll(() => t.close());

  const open = (body: Record<string, unknown>, token = cashier) => t.call(token, 'POST', '/api/v1/shifts', body);

  it('opens one shift per register with its float; a retry of the same id answers 200', async () => {
    const body = { id: uuidv7(), registerId: t.ids.r01, openingFloat: 50_000 };
    const first = await open(body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ id: body.id, registerId: t.ids.r01, storeId: t.ids.s01, status: 'open', openingFloat: 50_000, closedAt: null });
    const again = await open(body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());

    const changed = await open({ ...body, openingFloat: 40_000 });
    expect(changed.json()).toMatchObject({ status: 409, code: 'idempotency_conflict', errors: [{ field: 'id' }] });
    const second = await open({ id: uuidv7(), registerId: t.ids.r01, openingFloat: 0 });
    expect(second.json()).toMatchObject({ status: 409, code: 'shift_already_open', shiftId: body.id, errors: [{ field: 'registerId' }] });

    const current = await t.call(cashier, 'GET', `/api/v1/shifts/current?registerId=${t.ids.r01}`);
    expect(current.json()).toEqual(first.json());
    const audit = await t.call(await t.login('owner'), 'GET', `/api/v1/audit?chain=register:${t.ids.r01}&action=shift.opened`);
    expect(audit.json().items[0]).toMatchObject({ subjectId: body.id, data: { openingFloat: 50_000 } });
  });

  it('lets exactly one of two tills racing to open a shift on the same register win', async () => {
    const results = await Promise.all([0, 1, 2, 3].map(() => open({ id: uuidv7(), registerId: t.ids.r02, openingFloat: 10_000 })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
  });

  it('answers 404 no_open_shift for a register without one', async () => {
    const owner = await t.login('owner');
    const reg = await t.call(owner, 'POST', '/api/v1/registers', { storeId: t.ids.s01, code: 'R07', name: 'Till 7' });
    const res = await t.call(cashier, 'GET', `/api/v1/shifts/current?registerId=${reg.json().id}`);
    expect(res.json()).toMatchObject({ status: 404, code: 'no_open_shift', errors: [{ field: 'registerId' }] });
  });

  it('keeps shifts to the cashier’s own store and to those who sell', async () => {
    const other = await open({ id: uuidv7(), registerId: t.ids.s02r01, openingFloat: 0 });
    expect(other.statusCode).toBe(404);
    expect(other.json().errors).toEqual([{ field: 'registerId', message: 'Register not found' }]);
    expect((await open({ id: uuidv7(), registerId: t.ids.s01, openingFloat: 0 }, await t.login('auditor'))).statusCode).toBe(403);
    expect((await t.call(cashier, 'GET', `/api/v1/shifts/current?registerId=${t.ids.s02r01}`)).statusCode).toBe(404);
  });

  it('leaves every invariant intact', async () => {
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
