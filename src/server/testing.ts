// Test harness: a real app (Fastify + services) on a fresh database of the dialect under test,
// with the demo company seeded, and helpers to log in as each demo user.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { DialectName } from '../db/dialect';
import type { Clock } from './clock';
import type { PaymentsConfig } from './modules/sales/wallet-charges';
import { makeTestDb, type TestDb } from '../db/testing';
import { buildApp } from './app';
import { DEMO_PASSWORD, seedDemo } from './seed/demo';
import { createServices, type Services } from './services';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  db: TestDb;
  ids: { companyId: string; s01: string; s02: string; r01: string; r02: string; s02r01: string; products: Record<string, string> };
  login(username: string, password?: string): Promise<string>;
  /** JSON request as a logged-in user (token) or anonymous (null). */
  call(token: string | null, method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** `clock` pins the server's time (business dates of posted documents, expiry ages); `payments` picks the wallet provider. */
export async function makeTestApp(dialect: DialectName, opts: { file?: boolean; clock?: Clock; payments?: PaymentsConfig } = {}): Promise<TestApp> {
  const db = await makeTestDb(dialect, opts);
  const services = createServices(db, { clock: opts.clock, payments: opts.payments });
  const { companyId } = await seedDemo(services);
  const app = await buildApp(services, { version: 'test', logLevel: 'silent' });
  await app.ready();

  const stores = await db.db.selectFrom('stores').select(['id', 'code']).execute();
  const s01 = stores.find((s) => s.code === 'S01')!.id;
  const s02 = stores.find((s) => s.code === 'S02')!.id;
  const regs = await db.db.selectFrom('registers').select(['id', 'code', 'store_id']).execute();
  const products = Object.fromEntries((await db.db.selectFrom('products').select(['id', 'sku']).execute()).map((p) => [p.sku, p.id]));

  const call: TestApp['call'] = (token, method, url, body, headers = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(body !== undefined ? { payload: body as object } : {}),
    });

  return {
    app,
    services,
    db,
    ids: {
      companyId,
      s01,
      s02,
      r01: regs.find((r) => r.store_id === s01 && r.code === 'R01')!.id,
      r02: regs.find((r) => r.store_id === s01 && r.code === 'R02')!.id,
      s02r01: regs.find((r) => r.store_id === s02 && r.code === 'R01')!.id,
      products,
    },
    async login(username, password = DEMO_PASSWORD) {
      const res = await call(null, 'POST', '/api/v1/auth/login', { username, password });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      return res.json().token as string;
    },
    call,
    async close() {
      await app.close();
      await db.dispose();
    },
  };
}
