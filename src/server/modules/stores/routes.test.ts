import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../db/testing';
import { makeTestApp, type TestApp } from '../../testing';

describe.each(testDialects)('stores, warehouses and registers API on %s', (dialect) => {
  let t: TestApp;
  let owner: string;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = await t.login('owner');
  });
  afterAll(() => t.close());

  it('creates a store with its default stock location and audits the settings change', async () => {
    const res = await t.call(owner, 'POST', '/api/v1/stores', { code: 'S03', name: '西门店 West', timezone: 'Asia/Urumqi', receiptHeader: '西门店' });
    expect(res.statusCode).toBe(201);
    const store = res.json();
    expect(store).toMatchObject({ code: 'S03', timezone: 'Asia/Urumqi', currency: 'CNY' });
    const locs = await t.call(owner, 'GET', `/api/v1/locations?storeId=${store.id}`);
    expect(locs.json().items).toEqual([expect.objectContaining({ code: 'MAIN', kind: 'store' })]);

    const bad = await t.call(owner, 'PATCH', `/api/v1/stores/${store.id}`, { timezone: 'Mars/Olympus' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'timezone_invalid', errors: [{ field: 'timezone' }] });
    const ok = await t.call(owner, 'PATCH', `/api/v1/stores/${store.id}`, { receiptHeader: '西门店\n谢谢惠顾' });
    expect(ok.json().receiptHeader).toBe('西门店\n谢谢惠顾');
    const audit = await t.call(owner, 'GET', '/api/v1/audit?action=store.settings_changed');
    expect(audit.json().items[0]).toMatchObject({ subjectId: store.id, data: { patch: { receiptHeader: '西门店\n谢谢惠顾' } } });
  });

  it('adds a warehouse to a store; codes are unique per store', async () => {
    const res = await t.call(owner, 'POST', '/api/v1/locations', { storeId: t.ids.s01, code: 'WH1', name: '后仓 Back room', kind: 'warehouse' });
    expect(res.statusCode).toBe(201);
    const dup = await t.call(owner, 'POST', '/api/v1/locations', { storeId: t.ids.s01, code: 'WH1', name: 'again', kind: 'warehouse' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors).toEqual([{ field: 'code', message: expect.any(String) }]);
  });

  it('scopes a store manager to their store: lists, registers and pairing', async () => {
    const manager = await t.login('manager');
    const stores = await t.call(manager, 'GET', '/api/v1/stores');
    expect(stores.json().items.map((s: { code: string }) => s.code)).toEqual(['S01']);
    const regs = await t.call(manager, 'GET', '/api/v1/registers?page=1&pageSize=10');
    expect(regs.json().items.every((r: { storeId: string }) => r.storeId === t.ids.s01)).toBe(true);
    expect((await t.call(manager, 'POST', '/api/v1/registers', { storeId: t.ids.s02, code: 'R09', name: 'x' })).statusCode).toBe(404);
    expect((await t.call(manager, 'POST', `/api/v1/registers/${t.ids.s02r01}/pair`)).statusCode).toBe(404);
    const created = await t.call(manager, 'POST', '/api/v1/registers', { storeId: t.ids.s01, code: 'R03', name: '3号收银台' });
    expect(created.statusCode).toBe(201);
    const pair = await t.call(manager, 'POST', `/api/v1/registers/${created.json().id}/pair`);
    expect(pair.json().deviceToken).toMatch(/^[\w-]{40,}$/);
    const listed = await t.call(manager, 'GET', `/api/v1/registers?storeId=${t.ids.s01}`);
    expect(listed.json().items.find((r: { code: string }) => r.code === 'R03').paired).toBe(true);
  });

  it('unpairs a register: its device token and till sessions stop working', async () => {
    const manager = await t.login('manager');
    const device = (await t.call(manager, 'POST', `/api/v1/registers/${t.ids.r02}/pair`)).json().deviceToken as string;
    const till = await t.call(null, 'POST', '/api/v1/auth/pin', { username: 'cashier', pin: '1234' }, { 'x-device-token': device });
    expect(till.statusCode, till.body).toBe(200);
    expect((await t.call(manager, 'POST', `/api/v1/registers/${t.ids.s02r01}/unpair`)).statusCode).toBe(404);
    const res = await t.call(manager, 'POST', `/api/v1/registers/${t.ids.r02}/unpair`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ registerId: t.ids.r02, paired: false });
    expect((await t.call(till.json().token, 'GET', '/api/v1/me')).statusCode).toBe(401);
    const again = await t.call(null, 'POST', '/api/v1/auth/pin', { username: 'cashier', pin: '1234' }, { 'x-device-token': device });
    expect(again.json().code).toBe('device_not_paired');
    const listed = await t.call(manager, 'GET', `/api/v1/registers?storeId=${t.ids.s01}`);
    expect(listed.json().items.find((r: { id: string }) => r.id === t.ids.r02).paired).toBe(false);
    const audit = await t.call(await t.login('owner'), 'GET', '/api/v1/audit?action=register.unpaired');
    expect(audit.json().items[0]).toMatchObject({ subjectId: t.ids.r02 });
    expect((await t.call(await t.login('cashier'), 'POST', `/api/v1/registers/${t.ids.r02}/unpair`)).statusCode).toBe(403);
  });
});
