import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { makeTestApp, type TestApp } from '../../testing';

describe.each(testDialects)('auth API on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
  });
  afterAll(() => t.close());

  it('logs in with a password, sets an HttpOnly cookie, and answers /me with roles and permissions', async () => {
    const res = await t.call(null, 'POST', '/api/v1/auth/login', { username: 'manager', password: 'cangshou-demo' });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/cs_session=[\w-]+/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { cs_session: res.json().token } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'manager', roles: [{ role: 'store_manager', storeId: t.ids.s01 }] });
    expect(me.json().permissions).toContain('registers.manage');
    expect(me.json().permissions).not.toContain('users.manage');
    expect(me.json().stores.map((s: { code: string }) => s.code)).toEqual(['S01']);
  });

  it('stores only a hash of the session token', async () => {
    const token = await t.login('finance');
    const rows = await t.db.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
  });

  it('refuses a wrong password with 401 and audits the failure', async () => {
    const res = await t.call(null, 'POST', '/api/v1/auth/login', { username: 'auditor', password: 'wrong-password' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'invalid_credentials', status: 401 });
    const ev = await t.db.db.selectFrom('audit_events').select('action').where('action', '=', 'auth.login_failed').execute();
    expect(ev.length).toBeGreaterThan(0);
  });

  it('rate-limits repeated failures for one user with 429 and a retry time', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      codes.push((await t.call(null, 'POST', '/api/v1/auth/login', { username: 'clerk', password: `guess-${i}-xx` })).statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    const limited = await t.call(null, 'POST', '/api/v1/auth/login', { username: 'clerk', password: 'cangshou-demo' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().retryAfterSeconds).toBeGreaterThan(0);
  });

  it('ends the session on logout', async () => {
    const token = await t.login('owner');
    expect((await t.call(token, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await t.call(token, 'GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('logs a cashier in by PIN on a paired register, scoped to that store', async () => {
    const owner = await t.login('owner');
    const pair = await t.call(owner, 'POST', `/api/v1/registers/${t.ids.r02}/pair`);
    expect(pair.statusCode).toBe(200);
    const device = pair.json().deviceToken as string;
    const bad = await t.call(null, 'POST', '/api/v1/auth/pin', { username: 'cashier', pin: '9999' }, { 'x-device-token': device });
    expect(bad.statusCode).toBe(401);
    const unpaired = await t.call(null, 'POST', '/api/v1/auth/pin', { username: 'cashier', pin: '1234' }, { 'x-device-token': 'nope' });
    expect(unpaired.json().code).toBe('device_not_paired');
    const res = await t.call(null, 'POST', '/api/v1/auth/pin', { username: 'cashier', pin: '1234' }, { 'x-device-token': device });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ registerId: t.ids.r02, storeId: t.ids.s01, user: { username: 'cashier', session: { kind: 'till', registerId: t.ids.r02 } } });
    // A till session may only use its own register.
    const other = await t.call(res.json().token, 'POST', '/api/v1/documents/cash-movements', { id: uuidv7(), registerId: t.ids.r01, direction: 'in', amount: 100, reason: 'x' });
    expect(other.statusCode).toBe(404);
    const own = await t.call(res.json().token, 'POST', '/api/v1/documents/cash-movements', { id: uuidv7(), registerId: t.ids.r02, direction: 'in', amount: 100, reason: 'change' });
    expect(own.statusCode).toBe(201);
  });

  it("needs a manager's single-use PIN approval for a cashier's paid-out, and records who approved", async () => {
    const cashier = await t.login('cashier');
    const body = { id: uuidv7(), registerId: t.ids.r01, direction: 'out', amount: 2500, reason: '买垃圾袋 bin bags' };
    const refused = await t.call(cashier, 'POST', '/api/v1/documents/cash-movements', body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'approval_required', errors: [{ field: 'approvalToken' }] });

    const notManager = await t.call(cashier, 'POST', '/api/v1/approvals', { action: 'cash.paid_out', storeId: t.ids.s01, username: 'cashier', pin: '1234' });
    expect(notManager.statusCode).toBe(403);
    const wrongPin = await t.call(cashier, 'POST', '/api/v1/approvals', { action: 'cash.paid_out', storeId: t.ids.s01, username: 'manager', pin: '1111' });
    expect(wrongPin.statusCode).toBe(401);
    const ok = await t.call(cashier, 'POST', '/api/v1/approvals', { action: 'cash.paid_out', storeId: t.ids.s01, username: 'manager', pin: '8888' });
    expect(ok.statusCode).toBe(200);
    const approvalToken = ok.json().approvalToken as string;

    const posted = await t.call(cashier, 'POST', '/api/v1/documents/cash-movements', { ...body, approvalToken });
    expect(posted.statusCode).toBe(201);
    const manager = await t.db.db.selectFrom('users').select('id').where('username', '=', 'manager').executeTakeFirstOrThrow();
    expect(posted.json().approvedBy).toBe(manager.id);

    const reuse = await t.call(cashier, 'POST', '/api/v1/documents/cash-movements', { ...body, id: uuidv7(), approvalToken });
    expect(reuse.statusCode).toBe(403);
    expect(reuse.json().code).toBe('approval_invalid');
    const audit = await t.db.db.selectFrom('audit_events').select(['action', 'actor_id']).where('action', '=', 'approval.granted').execute();
    expect(audit).toContainEqual({ action: 'approval.granted', actor_id: manager.id });
  });
});
