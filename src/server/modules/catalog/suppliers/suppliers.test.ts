import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../db/testing';
import { makeTestApp, type TestApp } from '../../../testing';
import { verifyAll } from '../../../verify/verify';

describe.each(testDialects)('catalog: suppliers on %s', (dialect) => {
  let t: TestApp;
  let owner: string;
  let manager: string;
  let clerk: string;
  let cashier: string;
  let supplierId: string;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = await t.login('owner');
    manager = await t.login('manager');
    clerk = await t.login('clerk');
    cashier = await t.login('cashier');
  });
  afterAll(() => t.close());

  it('lists the demo suppliers with what they supply', async () => {
    const list = (await t.call(clerk, 'GET', '/api/v1/suppliers')).json();
    expect(list.items.map((s: { code: string }) => s.code)).toEqual(['SUP-DRINKS', 'SUP-FRESH']);
    const drinks = list.items[0];
    const supplies = (await t.call(clerk, 'GET', `/api/v1/suppliers/${drinks.id}/products`)).json();
    expect(supplies.items[0]).toMatchObject({ sku: 'DRK-COLA-330', purchasePrice: 5040, packUnit: '箱', packSize: 24_000, supplierSku: 'KO-330-24' });
    const ofApples = (await t.call(clerk, 'GET', `/api/v1/products/${t.ids.products['FRT-APPLE-KG']}/suppliers`)).json();
    expect(ofApples.items).toEqual([expect.objectContaining({ supplierCode: 'SUP-FRESH', packUnit: '筐', packSize: 10_000, purchasePrice: 7600 })]);
  });

  it('creates and edits a supplier, audited; codes are unique', async () => {
    const res = await t.call(manager, 'POST', '/api/v1/suppliers', { code: 'SUP-SNACK', name: '上海休闲食品批发', contact: '钱小姐', phone: '021-6255 0101', taxId: '91310101MA1FP0XX2Q', paymentTermsDays: 45 });
    expect(res.statusCode, res.body).toBe(201);
    supplierId = res.json().id;
    expect(res.json()).toMatchObject({ code: 'SUP-SNACK', paymentTermsDays: 45, status: 'active' });
    const dup = await t.call(manager, 'POST', '/api/v1/suppliers', { code: 'SUP-SNACK', name: 'again' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'supplier_code_taken', errors: [{ field: 'code' }] });
    expect((await t.call(manager, 'POST', '/api/v1/suppliers', { code: 'X', name: 'x', paymentTermsDays: -1 })).json().errors).toEqual([
      expect.objectContaining({ field: 'paymentTermsDays' }),
    ]);
    const patched = await t.call(manager, 'PATCH', `/api/v1/suppliers/${supplierId}`, { paymentTermsDays: 60, phone: '021-6255 0102' });
    expect(patched.json()).toMatchObject({ paymentTermsDays: 60, phone: '021-6255 0102' });
    const audit = (await t.call(owner, 'GET', '/api/v1/audit?action=supplier.updated&pageSize=1')).json().items[0];
    expect(audit).toMatchObject({ subjectId: supplierId, data: { before: { paymentTermsDays: 45 }, patch: { paymentTermsDays: 60 } } });
    expect((await t.call(clerk, 'GET', '/api/v1/suppliers?q=休闲')).json().items.map((s: { code: string }) => s.code)).toEqual(['SUP-SNACK']);
  });

  it('links products with a purchase price per pack; a shop unit must hold what it holds', async () => {
    const chips = t.ids.products['SNK-CHIPS-70'];
    const cola = t.ids.products['DRK-COLA-330'];
    const url = (p: string) => `/api/v1/suppliers/${supplierId}/products/${p}`;
    const link = await t.call(manager, 'PUT', url(chips), { purchasePrice: 5400, packUnit: '箱', packSize: 12_000, supplierSku: 'LAYS-70-12' });
    expect(link.statusCode, link.body).toBe(200);
    expect(link.json()).toMatchObject({ productId: chips, supplierCode: 'SUP-SNACK', purchasePrice: 5400, packSize: 12_000 });
    // Cola's 箱 holds 24 cans in the shop, so a supplier's 箱 of 12 is refused.
    const mismatch = await t.call(manager, 'PUT', url(cola), { purchasePrice: 2520, packUnit: '箱', packSize: 12_000 });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toMatchObject({ code: 'pack_size_mismatch', errors: [{ field: 'packSize' }] });
    expect((await t.call(manager, 'PUT', url(cola), { purchasePrice: 210, packUnit: '罐', packSize: 2_000 })).json().code).toBe('pack_size_mismatch');
    expect((await t.call(manager, 'PUT', url(cola), { purchasePrice: -1, packUnit: '罐', packSize: 1_000 })).json().errors).toEqual([expect.objectContaining({ field: 'purchasePrice' })]);
    expect((await t.call(manager, 'PUT', url('0190aaaa-0000-7000-8000-000000000000'), { purchasePrice: 1, packUnit: '罐', packSize: 1_000 })).statusCode).toBe(404);

    const relinked = await t.call(manager, 'PUT', url(chips), { purchasePrice: 5280, packUnit: '箱', packSize: 12_000 });
    expect(relinked.json().purchasePrice).toBe(5280);
    expect((await t.call(clerk, 'GET', `/api/v1/products/${chips}/suppliers`)).json().total).toBe(1);
    expect((await t.call(manager, 'DELETE', url(chips))).statusCode).toBe(204);
    expect((await t.call(manager, 'DELETE', url(chips))).statusCode).toBe(404);
  });

  it('deactivates a supplier: it leaves the default list but stays readable', async () => {
    await t.call(owner, 'PATCH', `/api/v1/suppliers/${supplierId}`, { status: 'inactive' });
    expect((await t.call(clerk, 'GET', '/api/v1/suppliers')).json().items.map((s: { code: string }) => s.code)).not.toContain('SUP-SNACK');
    expect((await t.call(clerk, 'GET', '/api/v1/suppliers?status=inactive')).json().total).toBe(1);
    expect((await t.call(clerk, 'GET', `/api/v1/suppliers/${supplierId}`)).json().status).toBe('inactive');
  });

  it('keeps purchase prices from cashiers and supplier edits from clerks', async () => {
    expect((await t.call(cashier, 'GET', '/api/v1/suppliers')).statusCode).toBe(403);
    expect((await t.call(clerk, 'POST', '/api/v1/suppliers', { code: 'Y', name: 'y' })).statusCode).toBe(403);
  });

  it('leaves every invariant intact', async () => {
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
