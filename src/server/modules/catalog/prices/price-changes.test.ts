import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDialects } from '../../../../db/testing';
import { makeTestApp, type TestApp } from '../../../testing';
import { verifyAll } from '../../../verify/verify';
import { applyPriceChange } from './apply';

const COLA_CASE = '16923450000110';
const WATER_CASE = '16923450000288';
const HOUR = 3_600_000;

describe.each(testDialects)('catalog: price changes (调价单) on %s', (dialect) => {
  let t: TestApp;
  let owner: string;
  let manager: string;
  let cashier: string;
  let cola: string;
  let water: string;
  let tea: string;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = await t.login('owner');
    manager = await t.login('manager');
    cashier = await t.login('cashier');
    cola = t.ids.products['DRK-COLA-330'];
    water = t.ids.products['DRK-WATER-550'];
    tea = t.ids.products['DRK-TEA-500'];
  });
  afterAll(() => t.close());

  const lookup = async (code: string, storeId: string) => (await t.call(owner, 'GET', `/api/v1/catalog/lookup?code=${code}&storeId=${storeId}`)).json();
  const create = (token: string, body: Record<string, unknown>) => t.call(token, 'POST', '/api/v1/price-changes', { reason: '调价', ...body });
  const approve = (token: string, id: string) => t.call(token, 'POST', `/api/v1/price-changes/${id}/approve`);
  const docLines = async (id: string) => (await t.call(owner, 'GET', `/api/v1/documents/${id}`)).json();

  it('changes the company price for all stores on approval: one numbered document per store, history, new till price', async () => {
    const draft = await create(owner, { storeIds: 'all', lines: [{ productId: cola, price: 380, memberPrice: 360 }], reason: '夏季调价' });
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json()).toMatchObject({ status: 'draft', storeIds: 'all', lines: [{ productId: cola, sku: 'DRK-COLA-330', price: 380, memberPrice: 360 }], documents: [] });
    expect((await lookup(COLA_CASE, t.ids.s01)).price).toBe(350);

    // An owner may approve their own change (a one-person shop has nobody else to ask).
    const approved = await approve(owner, draft.json().id);
    expect(approved.statusCode, approved.body).toBe(200);
    const change = approved.json();
    expect(change).toMatchObject({ status: 'applied', approvedBy: expect.any(String) });
    expect(change.documents.map((d: { number: string }) => d.number)).toEqual(['PC-S01-000001', 'PC-S02-000001']);

    const doc = await docLines(change.documents[0].id);
    expect(doc).toMatchObject({ type: 'price_change', total: 0, memo: '夏季调价', moves: [], journal: [] });
    expect(doc.lines).toEqual([
      expect.objectContaining({ productId: cola, qty: 0, unitPrice: 380, amount: 0, data: { oldPrice: 350, newPrice: 380, oldMemberPrice: null, newMemberPrice: 360 } }),
    ]);
    // A case of 24 at 3.80 = 91.20; members 24 × 3.60 = 86.40.
    for (const store of [t.ids.s01, t.ids.s02]) {
      expect(await lookup(COLA_CASE, store)).toMatchObject({ price: 380, memberPrice: 360, priceSource: 'company', unitPrice: 9120, unitMemberPrice: 8640 });
    }
    const history = (await t.call(cashier, 'GET', `/api/v1/products/${cola}/prices?storeId=${t.ids.s01}`)).json();
    expect(history.items).toEqual([
      expect.objectContaining({ storeId: null, price: 380, memberPrice: 360, documentNumber: 'PC-S01-000001' }),
      expect.objectContaining({ storeId: null, price: 350, memberPrice: null, documentId: null }),
    ]);
    expect(history.current).toEqual({ price: 380, memberPrice: 360, source: 'company' });
    const posted = (await t.call(owner, 'GET', '/api/v1/audit?action=document.price_change.posted')).json();
    expect(posted.total).toBe(2);
    const approval = (await t.call(owner, 'GET', '/api/v1/audit?action=price_change.approved')).json().items[0];
    expect(approval.subjectId).toBe(change.id);
  });

  it('lets the S01 manager override S01 prices only, approved by someone else', async () => {
    const draft = await create(manager, { storeIds: [t.ids.s01], lines: [{ productId: water, price: 180 }], reason: '社区促销' });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json().id;

    const s02 = await create(manager, { storeIds: [t.ids.s02], lines: [{ productId: water, price: 180 }] });
    expect(s02.statusCode).toBe(404);
    expect(s02.json().errors).toEqual([expect.objectContaining({ field: 'storeIds.0' })]);
    expect((await create(manager, { storeIds: 'all', lines: [{ productId: water, price: 180 }] })).statusCode).toBe(403);
    expect((await create(cashier, { storeIds: [t.ids.s01], lines: [{ productId: water, price: 180 }] })).statusCode).toBe(403);

    const self = await approve(manager, id);
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('approval_self');
    const ok = await approve(owner, id);
    expect(ok.json()).toMatchObject({ status: 'applied', documents: [{ number: 'PC-S01-000002', storeId: t.ids.s01 }] });
    expect((await docLines(ok.json().documents[0].id)).lines[0].data).toEqual({ oldPrice: 200, newPrice: 180, oldMemberPrice: null, newMemberPrice: null });

    // S01 sells a case of water at 24 × 1.80 = 43.20; S02 still at 24 × 2.00 = 48.00.
    expect(await lookup(WATER_CASE, t.ids.s01)).toMatchObject({ price: 180, priceSource: 'store', unitPrice: 4320 });
    expect(await lookup(WATER_CASE, t.ids.s02)).toMatchObject({ price: 200, priceSource: 'company', unitPrice: 4800 });
    const s01History = (await t.call(owner, 'GET', `/api/v1/products/${water}/prices?storeId=${t.ids.s01}`)).json();
    expect(s01History.items.map((i: { storeId: string | null; price: number }) => [i.storeId, i.price])).toEqual([
      [t.ids.s01, 180],
      [null, 200],
    ]);
    expect(s01History.current).toEqual({ price: 180, memberPrice: null, source: 'store' });
    const s02History = (await t.call(owner, 'GET', `/api/v1/products/${water}/prices?storeId=${t.ids.s02}`)).json();
    expect(s02History.items.map((i: { price: number }) => i.price)).toEqual([200]);
    expect((await t.call(manager, 'GET', `/api/v1/products/${water}/prices?storeId=${t.ids.s02}`)).statusCode).toBe(404);
  });

  it('a later change to all stores wins over a store override, and records each store’s true old price', async () => {
    const draft = await create(owner, { storeIds: 'all', lines: [{ productId: water, price: 210 }] });
    const change = (await approve(owner, draft.json().id)).json();
    const [s01Doc, s02Doc] = change.documents;
    expect((await docLines(s01Doc.id)).lines[0].data).toMatchObject({ oldPrice: 180, newPrice: 210 });
    expect((await docLines(s02Doc.id)).lines[0].data).toMatchObject({ oldPrice: 200, newPrice: 210 });
    expect(await lookup(WATER_CASE, t.ids.s01)).toMatchObject({ price: 210, priceSource: 'company', unitPrice: 5040 });
  });

  it('a future-dated change waits for its time and is applied by applyDuePriceChanges', async () => {
    const now = Date.now();
    const effectiveAt = new Date(now + 2 * HOUR).toISOString();
    const draft = await create(manager, { storeIds: [t.ids.s01], lines: [{ productId: tea, price: 399 }], effectiveAt });
    const scheduled = await approve(owner, draft.json().id);
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', effectiveAt, documents: [] });
    expect((await lookup('DRK-TEA-500', t.ids.s01)).price).toBe(350);

    const early = await t.services.catalog.prices.applyDuePriceChanges(new Date(now + HOUR));
    expect(early.applied).toEqual([]);
    expect((await lookup('DRK-TEA-500', t.ids.s01)).price).toBe(350);

    const due = new Date(now + 2 * HOUR + 1000);
    expect(await t.services.catalog.prices.applyDuePriceChanges(due)).toEqual({ applied: [draft.json().id], failed: [] });
    expect((await lookup('DRK-TEA-500', t.ids.s01)).price).toBe(399);
    const after = (await t.call(owner, 'GET', `/api/v1/price-changes/${draft.json().id}`)).json();
    expect(after).toMatchObject({ status: 'applied', appliedAt: due.toISOString(), documents: [{ storeId: t.ids.s01 }] });
    const history = (await t.call(owner, 'GET', `/api/v1/products/${tea}/prices?storeId=${t.ids.s01}`)).json();
    expect(history.items[0]).toMatchObject({ storeId: t.ids.s01, price: 399, effectiveAt: due.toISOString() });
    // Nothing is due any more.
    expect((await t.services.catalog.prices.applyDuePriceChanges(new Date(now + 3 * HOUR))).applied).toEqual([]);
  });

  it('cancels a draft or a scheduled change, never an applied one', async () => {
    const future = new Date(Date.now() + HOUR).toISOString();
    const draft = (await create(owner, { storeIds: 'all', lines: [{ productId: tea, price: 1 }], effectiveAt: future })).json();
    await approve(owner, draft.id);
    const cancelled = await t.call(owner, 'POST', `/api/v1/price-changes/${draft.id}/cancel`);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await t.services.catalog.prices.applyDuePriceChanges(new Date(Date.now() + 2 * HOUR))).applied).not.toContain(draft.id);
    expect((await lookup('DRK-TEA-500', t.ids.s02)).price).toBe(350);
    expect((await approve(owner, draft.id)).json()).toMatchObject({ code: 'price_change_not_draft' });

    const applied = (await t.call(owner, 'GET', '/api/v1/price-changes?status=applied')).json().items[0];
    const refused = await t.call(owner, 'POST', `/api/v1/price-changes/${applied.id}/cancel`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('price_change_not_cancellable');
  });

  it('refuses bad price changes with the field named, writing nothing', async () => {
    const count = async () => Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM price_changes`.execute(t.db.db)).rows[0].n);
    const before = await count();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ storeIds: 'all', lines: [{ productId: cola, price: -5 }] }, 400, 'lines.0.price'],
      [{ storeIds: 'all', lines: [] }, 400, 'lines'],
      [{ storeIds: 'all', lines: [{ productId: '0190aaaa-0000-7000-8000-000000000000', price: 100 }] }, 404, 'lines.0.productId'],
      [{ storeIds: 'all', lines: [{ productId: cola, price: 100 }, { productId: cola, price: 200 }] }, 400, 'lines.1.productId'],
      [{ storeIds: [t.ids.s01, t.ids.s01], lines: [{ productId: cola, price: 100 }] }, 400, 'storeIds.1'],
      [{ storeIds: 'all', lines: [{ productId: cola, price: 100 }], effectiveAt: 'tomorrow' }, 400, 'effectiveAt'],
    ];
    for (const [body, status, field] of cases) {
      const res = await create(owner, body);
      expect(res.statusCode, `${JSON.stringify(body)} → ${res.body}`).toBe(status);
      expect(res.json().errors).toEqual([expect.objectContaining({ field })]);
    }
    expect(await count()).toBe(before);
  });

  it('shows a store manager the changes of their store and of all stores, not another store’s', async () => {
    const s02Only = (await create(owner, { storeIds: [t.ids.s02], lines: [{ productId: cola, price: 370 }] })).json();
    const listed = (await t.call(manager, 'GET', '/api/v1/price-changes?pageSize=100')).json();
    const stores = listed.items.map((c: { storeIds: unknown }) => c.storeIds);
    expect(stores).toContain('all');
    expect(stores.every((s: unknown) => s === 'all' || JSON.stringify(s) === JSON.stringify([t.ids.s01]))).toBe(true);
    expect((await t.call(manager, 'GET', `/api/v1/price-changes/${s02Only.id}`)).statusCode).toBe(404);
    expect((await approve(manager, s02Only.id)).statusCode).toBe(404);
  });

  it('posts each store’s document once when two appliers run the same change at the same time', async () => {
    const draft = (await create(owner, { storeIds: 'all', lines: [{ productId: cola, price: 390 }], effectiveAt: new Date(Date.now() + HOUR).toISOString() })).json();
    await approve(owner, draft.id);
    const deps = { db: t.db.db, engine: t.services.engine, dialect: t.db.info };
    const at = new Date(Date.now() + 2 * HOUR);
    await Promise.all([applyPriceChange(deps, draft.id, at), applyPriceChange(deps, draft.id, at)]);
    const change = (await t.call(owner, 'GET', `/api/v1/price-changes/${draft.id}`)).json();
    expect(change.status).toBe('applied');
    expect(change.documents).toHaveLength(2);
    const rows = await t.db.db.selectFrom('prices').select('price').where('product_id', '=', cola).where('price', '=', 390).execute();
    expect(rows).toHaveLength(1);
    expect((await lookup(COLA_CASE, t.ids.s02)).unitPrice).toBe(9360);
  });

  it('leaves every invariant intact', async () => {
    const report = await verifyAll(t.db.db);
    expect(report.firstViolation).toBeNull();
    expect(report.ok).toBe(true);
  });
});
