import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../db/testing';
import { makeTestApp, type TestApp } from '../../testing';

describe.each(testDialects)('users API on %s', (dialect) => {
  let t: TestApp;
  let owner: string;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = await t.login('owner');
  });
  afterAll(() => t.close());

  it('refuses short, long and common passwords by field', async () => {
    for (const [password, code] of [
      ['short', 'password_too_short'],
      ['x'.repeat(129), 'password_too_long'],
      ['password123', 'password_too_common'],
    ]) {
      const res = await t.call(owner, 'POST', '/api/v1/users', { username: 'newbie', displayName: 'New', password, roles: [] });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code, errors: [{ field: 'password' }] });
    }
  });

  it('creates a user with store roles, who can then log in; usernames are unique', async () => {
    const res = await t.call(owner, 'POST', '/api/v1/users', {
      username: 'xiaowang',
      displayName: '小王',
      password: 'xiaowang-2026!',
      roles: [{ role: 'cashier', storeId: t.ids.s02 }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'xiaowang', disabled: false, hasPin: false, roles: [{ role: 'cashier', storeId: t.ids.s02 }] });
    const token = await t.login('xiaowang', 'xiaowang-2026!');
    const me = await t.call(token, 'GET', '/api/v1/me');
    expect(me.json().stores.map((s: { code: string }) => s.code)).toEqual(['S02']);
    const dup = await t.call(owner, 'POST', '/api/v1/users', { username: 'xiaowang', displayName: 'x', password: 'another-pass-1', roles: [] });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors).toEqual([{ field: 'username', message: expect.any(String) }]);
    const unknownStore = await t.call(owner, 'POST', '/api/v1/users', { username: 'ghost', displayName: 'x', password: 'another-pass-1', roles: [{ role: 'cashier', storeId: 'nope' }] });
    expect(unknownStore.statusCode).toBe(404);
    expect(unknownStore.json().errors[0].field).toBe('roles.0.storeId');
  });

  it('changes roles (audited, effective at once), resets the password (ending sessions) and disables', async () => {
    const { items } = (await t.call(owner, 'GET', '/api/v1/users?q=xiaowang')).json();
    const id = items[0].id;
    const token = await t.login('xiaowang', 'xiaowang-2026!');
    const roles = await t.call(owner, 'PUT', `/api/v1/users/${id}/roles`, { roles: [{ role: 'store_manager', storeId: t.ids.s02 }] });
    expect(roles.json().roles).toEqual([{ role: 'store_manager', storeId: t.ids.s02 }]);
    expect((await t.call(token, 'GET', '/api/v1/me')).json().permissions).toContain('registers.manage');
    const audit = await t.call(owner, 'GET', '/api/v1/audit?action=user.roles_changed');
    expect(audit.json().items[0]).toMatchObject({ subjectId: id, data: { after: [{ role: 'store_manager' }] } });

    expect((await t.call(owner, 'POST', `/api/v1/users/${id}/password`, { password: 'fresh-pass-2026' })).statusCode).toBe(204);
    expect((await t.call(token, 'GET', '/api/v1/me')).statusCode).toBe(401);
    const token2 = await t.login('xiaowang', 'fresh-pass-2026');

    expect((await t.call(owner, 'POST', `/api/v1/users/${id}/pin`, { pin: '12a4' })).json().errors[0].field).toBe('pin');
    expect((await t.call(owner, 'POST', `/api/v1/users/${id}/pin`, { pin: '2468' })).statusCode).toBe(204);

    const off = await t.call(owner, 'PATCH', `/api/v1/users/${id}`, { disabled: true });
    expect(off.json().disabled).toBe(true);
    expect((await t.call(token2, 'GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await t.call(null, 'POST', '/api/v1/auth/login', { username: 'xiaowang', password: 'fresh-pass-2026' })).statusCode).toBe(401);
    const self = (await t.call(owner, 'GET', '/api/v1/me')).json().id;
    expect((await t.call(owner, 'PATCH', `/api/v1/users/${self}`, { disabled: true })).json().code).toBe('cannot_disable_self');
  });

  it('lists the users who can work in one store: its staff and company-wide roles', async () => {
    const names = async (storeId: string) =>
      ((await t.call(owner, 'GET', `/api/v1/users?storeId=${storeId}&pageSize=500`)).json().items as { username: string }[]).map((u) => u.username);
    const s01 = await names(t.ids.s01);
    const s02 = await names(t.ids.s02);
    for (const companyWide of ['owner', 'finance', 'auditor']) {
      expect(s01).toContain(companyWide);
      expect(s02).toContain(companyWide);
    }
    expect(s01).toEqual(expect.arrayContaining(['manager', 'cashier', 'clerk']));
    expect(s01).not.toContain('xiaowang');
    expect(s02).toContain('xiaowang');
    expect(s02).not.toEqual(expect.arrayContaining(['manager']));
    const bad = await t.call(owner, 'GET', '/api/v1/users?storeId=nope');
    expect(bad.statusCode).toBe(404);
    expect(bad.json().errors[0].field).toBe('storeId');
  });

  it("answers 404 for another company's or an unknown user", async () => {
    expect((await t.call(owner, 'GET', '/api/v1/users/0190aaaa-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });
});
