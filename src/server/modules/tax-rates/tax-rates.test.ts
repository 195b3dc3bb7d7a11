// The company's tax rates: seeded with the standard list, edited by owner/finance within rules
// that keep every product on a rate the catalog offers, and enforced on product create/update.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../db/testing';
import { makeTestApp, type TestApp } from '../../testing';
import { createCompany } from '../company/setup';
import { csvBytes, HEADER, importFile } from '../import/test-helpers';

describe.each(testDialects)('tax rates on %s', (dialect) => {
  let t: TestApp;
  let owner: string;
  let finance: string;
  let manager: string;
  let cashier: string;
  const audits = (action: string) => t.db.db.selectFrom('audit_events').select(['data_json', 'subject_id']).where('action', '=', action).execute();
  const put = (rate: number, body: Record<string, unknown>, token = finance) => t.call(token, 'PUT', `/api/v1/tax-rates/${rate}`, body);
  const list = async () => (await t.call(cashier, 'GET', '/api/v1/tax-rates')).json().items as { rate: number; active: boolean; isDefault: boolean; name: string }[];
  const problem = (res: { statusCode: number; json(): { code: string; errors?: { field: string }[] } }) => [res.statusCode, res.json().code, res.json().errors?.[0]?.field];

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    [owner, finance, manager, cashier] = await Promise.all(['owner', 'finance', 'manager', 'cashier'].map((u) => t.login(u)));
  });
  afterAll(() => t.close());

  it('lists the seeded rates to any signed-in user, 13 % the default', async () => {
    const res = await t.call(cashier, 'GET', '/api/v1/tax-rates');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toBe(7);
    expect(res.json().items.map((r: { rate: number }) => r.rate)).toEqual([1300, 900, 600, 500, 300, 100, 0]);
    expect(res.json().items[0]).toEqual({ rate: 1300, name: '一般货物', nameEn: 'General goods', active: true, isDefault: true, sortOrder: 10 });
    expect(res.json().items.filter((r: { isDefault: boolean }) => r.isDefault)).toHaveLength(1);
    expect((await t.call(null, 'GET', '/api/v1/tax-rates')).statusCode).toBe(401);
  });

  it('seeds the list for a new company too', async () => {
    const id = await createCompany(t.db.db, { name: '新公司', at: new Date().toISOString() });
    const rows = await t.db.db.selectFrom('tax_rates').select(['rate', 'is_default']).where('company_id', '=', id).execute();
    expect(rows.map((r) => Number(r.rate)).sort((a, b) => b - a)).toEqual([1300, 900, 600, 500, 300, 100, 0]);
    expect(rows.filter((r) => Number(r.is_default) === 1).map((r) => Number(r.rate))).toEqual([1300]);
  });

  it('adds a rate (owner/finance only), refusing a duplicate and a rate out of range', async () => {
    const added = await t.call(finance, 'POST', '/api/v1/tax-rates', { rate: 1100, name: '旧税率', nameEn: 'Old rate' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toEqual({ rate: 1100, name: '旧税率', nameEn: 'Old rate', active: true, isDefault: false, sortOrder: 80 });
    expect((await list()).map((r) => r.rate)).toContain(1100);
    expect(problem(await t.call(owner, 'POST', '/api/v1/tax-rates', { rate: 1300, name: '重复', nameEn: 'Dup' }))).toEqual([409, 'tax_rate_exists', 'rate']);
    const big = await t.call(owner, 'POST', '/api/v1/tax-rates', { rate: 10_001, name: 'x', nameEn: 'x' });
    expect([big.statusCode, big.json().errors[0].field]).toEqual([400, 'rate']);
    expect(problem(await t.call(owner, 'POST', '/api/v1/tax-rates', { rate: 1200, name: 'x', nameEn: 'x', active: false, isDefault: true }))).toEqual([422, 'default_inactive', 'isDefault']);
    expect((await t.call(manager, 'POST', '/api/v1/tax-rates', { rate: 1200, name: 'x', nameEn: 'x' })).statusCode).toBe(403);
    expect((await put(1100, { name: 'x' }, manager)).statusCode).toBe(403);
    expect(await audits('tax_rate.created')).toHaveLength(1);
  });

  it('renames and moves the default, never leaving none or an inactive one', async () => {
    const renamed = await put(600, { name: '现代服务', nameEn: 'Modern services' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ rate: 600, name: '现代服务', nameEn: 'Modern services', active: true, isDefault: false });
    expect(problem(await put(1300, { isDefault: false }))).toEqual([409, 'default_required', 'isDefault']);
    expect(problem(await put(1300, { active: false }))).toEqual([409, 'tax_rate_is_default', 'active']);
    expect((await put(900, { isDefault: true })).json()).toMatchObject({ rate: 900, isDefault: true });
    expect((await list()).filter((r) => r.isDefault).map((r) => r.rate)).toEqual([900]);
    expect((await put(1300, { isDefault: true })).statusCode).toBe(200);
    expect((await list()).filter((r) => r.isDefault).map((r) => r.rate)).toEqual([1300]);
    expect(problem(await put(1200, { name: 'x' }))).toEqual([404, 'not_found', 'rate']);
    const updates = await audits('tax_rate.updated');
    expect(updates).toHaveLength(3);
    expect(JSON.parse(updates[0].data_json as string)).toMatchObject({ before: { name: '服务' }, after: { name: '现代服务' } });
  });

  it('refuses to deactivate a rate active products carry, naming them', async () => {
    const res = await put(900, { active: false });
    expect(problem(res)).toEqual([409, 'tax_rate_in_use', 'active']);
    expect(res.json().skus.length).toBeGreaterThan(0);
    expect((await list()).find((r) => r.rate === 900)!.active).toBe(true);
  });

  it('gives products only an active company rate (422 taxRate), keeping a since-deactivated one', async () => {
    const product = { sku: 'TAX-TEST-1', name: '测试商品', unit: '件', taxRate: 100, price: 100 };
    const created = await t.call(owner, 'POST', '/api/v1/products', product);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    // The 1 % product blocks deactivating 1 %; once it moves to 3 %, 1 % can go.
    expect(problem(await put(100, { active: false }))).toEqual([409, 'tax_rate_in_use', 'active']);
    expect((await t.call(owner, 'PATCH', `/api/v1/products/${id}`, { taxRate: 300 })).statusCode).toBe(200);
    expect((await put(100, { active: false })).json()).toMatchObject({ rate: 100, active: false });
    expect(problem(await put(100, { active: false, isDefault: true }))).toEqual([422, 'default_inactive', 'isDefault']);

    expect(problem(await t.call(owner, 'POST', '/api/v1/products', { ...product, sku: 'TAX-TEST-2' }))).toEqual([422, 'tax_rate_inactive', 'taxRate']);
    expect(problem(await t.call(owner, 'POST', '/api/v1/products', { ...product, sku: 'TAX-TEST-2', taxRate: 700 }))).toEqual([422, 'unknown_tax_rate', 'taxRate']);
    expect(problem(await t.call(owner, 'PATCH', `/api/v1/products/${id}`, { taxRate: 100 }))).toEqual([422, 'tax_rate_inactive', 'taxRate']);
    expect(await t.db.db.selectFrom('products').select('sku').where('sku', '=', 'TAX-TEST-2').execute()).toEqual([]);

    // A product on a rate deactivated later (here directly, as if archived products were revived) still edits.
    await t.db.db.updateTable('products').set({ tax_rate: 100 }).where('id', '=', id).execute();
    const renamed = await t.call(owner, 'PATCH', `/api/v1/products/${id}`, { name: '测试商品二', taxRate: 100 });
    expect(renamed.statusCode, renamed.body).toBe(200);

    expect((await put(100, { active: true })).json()).toMatchObject({ active: true });
    expect((await t.call(owner, 'POST', '/api/v1/products', { ...product, sku: 'TAX-TEST-2' })).statusCode).toBe(201);
  });

  it('imports only active company rates, a row without one taking the default', async () => {
    expect((await put(500, { active: false })).statusCode).toBe(200);
    expect((await put(900, { isDefault: true })).statusCode).toBe(200);
    const blank = Array(13).fill('');
    const row = (sku: string, tax: string) => Object.assign([...blank], { 0: sku, 1: '导入商品', 7: '1', 9: tax });
    const res = await importFile(t, owner, 'rates.csv', csvBytes([HEADER, row('IMP-1', '5%'), row('IMP-2', '7%'), row('IMP-3', ''), row('IMP-4', '6%')]), { commit: true, skipBadRows: true });
    expect(res.statusCode, res.body).toBe(201);
    const reasons = res.json().errors.map((e: { row: number; errors: { code: string; field: string }[] }) => [e.row, e.errors.map((x) => `${x.code}:${x.field}`)]);
    expect(reasons).toEqual([
      [2, ['tax_rate_not_active:taxRate']],
      [3, ['tax_rate_not_active:taxRate']],
    ]);
    const rows = await t.db.db.selectFrom('products').select(['sku', 'tax_rate']).where('sku', 'in', ['IMP-3', 'IMP-4']).orderBy('sku').execute();
    expect(rows.map((r) => [r.sku, Number(r.tax_rate)])).toEqual([['IMP-3', 900], ['IMP-4', 600]]);
    await put(1300, { isDefault: true });
    await put(500, { active: true });
  });

  it('lists the company rates in the posting rules', async () => {
    const rules = (await t.call(finance, 'GET', '/api/v1/posting-rules')).json().items as { kind: string; key: string }[];
    expect(rules.filter((r) => r.kind === 'tax_rate').map((r) => Number(r.key))).toEqual([1300, 1100, 900, 600, 500, 300, 100, 0]);
  });
});
