import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../db/testing';
import { PERMISSIONS, ROLES, roleGrants, type Permission } from '../auth/permissions';
import { buildApp } from '../app';
import { makeTestApp, type TestApp } from '../testing';

const DEMO_USER_OF_ROLE: Record<string, string> = {
  owner: 'owner',
  store_manager: 'manager',
  cashier: 'cashier',
  stock_clerk: 'clerk',
  finance: 'finance',
  auditor: 'auditor',
};

describe.each(testDialects)('RBAC over every route on %s', (dialect) => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    for (const role of ROLES) tokens[role] = await t.login(DEMO_USER_OF_ROLE[role]);
  });
  afterAll(() => t.close());

  it('refuses to register an API route that declares no permission', async () => {
    const app = await buildApp(t.services, { version: 'test', logLevel: 'silent' });
    expect(() => app.get('/api/v1/naked', async () => 'x')).toThrow(/declares no access permission/);
    await app.close();
  });

  it('has a known permission on every API route', () => {
    expect(t.app.apiRoutes.length).toBeGreaterThan(20);
    for (const r of t.app.apiRoutes) {
      expect(['public', 'authenticated', ...Object.keys(PERMISSIONS)], `${r.method} ${r.url}`).toContain(r.access);
    }
  });

  it('answers 401 to anonymous callers of every non-public route', async () => {
    for (const r of t.app.apiRoutes.filter((r) => r.access !== 'public')) {
      const res = await t.call(null, r.method, concrete(r.url), r.method === 'GET' ? undefined : {});
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('lets each role through exactly the routes its permissions grant', async () => {
    for (const role of ROLES) {
      for (const r of t.app.apiRoutes.filter((r) => r.access !== 'public' && r.access !== 'authenticated' && r.method !== 'DELETE')) {
        const res = await t.call(tokens[role], r.method, concrete(r.url), r.method === 'GET' ? undefined : {});
        const granted = roleGrants(role, r.access as Permission);
        expect(res.statusCode, `${role} ${r.method} ${r.url} → ${res.body}`).toBeLessThan(500);
        if (granted) expect([401, 403], `${role} ${r.method} ${r.url} → ${res.statusCode} ${res.body}`).not.toContain(res.statusCode);
        else expect(res.statusCode, `${role} ${r.method} ${r.url}`).toBe(403);
      }
    }
  });
});

/** A route pattern with an id that exists nowhere (so a granted call is a 400/404, not a write). */
function concrete(url: string): string {
  return url.replace(/:(\w+)/g, '0190aaaa-0000-7000-8000-000000000000');
}
