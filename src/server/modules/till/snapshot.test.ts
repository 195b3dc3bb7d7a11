// The till's offline catalog: a full copy in pages, then only what changed since the cursor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../db/testing';
import { makeTestApp, type TestApp } from '../../testing';
import { movableClock } from '../inventory/test-fixtures';

describe.each(testDialects)('till snapshot on %s', (dialect) => {
  let t: TestApp;
  let owner: string;
  let cashier: string;
  const time = movableClock();
  const snapshot = (token: string, query: string) => t.call(token, 'GET', `/api/v1/till/snapshot?${query}`);

  beforeAll(async () => {
    t = await makeTestApp(dialect, { clock: time.clock });
    owner = await t.login('owner');
    cashier = await t.login('cashier');
  });
  afterAll(() => t.close());

  it('hands out every active product in pages, with barcodes, pack factors and settings', async () => {
    const seen: Record<string, unknown>[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res = await snapshot(cashier, `storeId=${t.ids.s01}&limit=5${after ? `&after=${after}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      seen.push(...body.products);
      after = body.nextAfter;
      pages += 1;
      expect(body.settings).toMatchObject({ roundingMode: 'none', maxDiscountBp: 1000 });
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(12);
    const cola = seen.find((p) => p.sku === 'DRK-COLA-330');
    expect(cola).toMatchObject({ name: '可口可乐 330ml', unit: '罐', price: 350, taxRate: 1300, weighable: false, pinyinInitials: 'kkkl330ml', status: 'active' });
    expect(cola!.barcodes).toEqual([
      { code: '16923450000110', unit: '箱', factor: 24_000 },
      { code: '6923450000113', unit: '罐', factor: 1000 },
    ]);
    expect(seen.find((p) => p.sku === 'FRT-APPLE-KG')).toMatchObject({ weighable: true, plu: '00001', price: 1298, barcodes: [] });
  });

  it('sends only what changed since the cursor: a store price, an archived product', async () => {
    time.tick(3_600_000);
    const first = (await snapshot(cashier, `storeId=${t.ids.s01}`)).json();
    time.tick(3_600_000);
    const cola = t.ids.products['DRK-COLA-330'];
    const milk = t.ids.products['DAI-MILK-250'];
    const change = await t.call(owner, 'POST', '/api/v1/price-changes', { storeIds: [t.ids.s01], lines: [{ productId: cola, price: 380 }], reason: '调价' });
    expect(change.statusCode, change.body).toBe(201);
    expect((await t.call(owner, 'POST', `/api/v1/price-changes/${change.json().id}/approve`)).statusCode).toBe(200);
    expect((await t.call(owner, 'POST', `/api/v1/products/${milk}/archive`)).statusCode).toBe(200);

    const changed = (await snapshot(cashier, `storeId=${t.ids.s01}&since=${encodeURIComponent(first.cursor)}`)).json();
    expect(changed.products.map((p: { sku: string }) => p.sku).sort()).toEqual(['DAI-MILK-250', 'DRK-COLA-330']);
    expect(changed.products.find((p: { id: string }) => p.id === cola)).toMatchObject({ price: 380 });
    expect(changed.products.find((p: { id: string }) => p.id === milk)).toMatchObject({ status: 'archived' });
    // The other store kept its price; nothing changed there but the archived milk.
    const s02 = (await snapshot(owner, `storeId=${t.ids.s02}&since=${encodeURIComponent(first.cursor)}`)).json();
    expect(s02.products.map((p: { sku: string; price: number }) => [p.sku, p.price])).toEqual([['DAI-MILK-250', 350]]);
    // A full copy leaves archived products out.
    const full = (await snapshot(cashier, `storeId=${t.ids.s01}`)).json();
    expect(full.products).toHaveLength(11);
  });

  it("answers 404 for another store's snapshot and 400 for a bad cursor", async () => {
    const other = await snapshot(cashier, `storeId=${t.ids.s02}`);
    expect(other.statusCode).toBe(404);
    expect((await snapshot(cashier, `storeId=${t.ids.s01}&since=yesterday`)).statusCode).toBe(400);
  });
});
