import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../db/testing';
import { makeTestApp, type TestApp } from '../../../testing';
import { verifyAll } from '../../../verify/verify';

describe.each(testDialects)('catalog: categories on %s', (dialect) => {
  let t: TestApp;
  let owner: string;
  let fresh: string;
  let fruit: string;
  let citrus: string;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = await t.login('owner');
  });
  afterAll(() => t.close());

  const post = (body: Record<string, unknown>) => t.call(owner, 'POST', '/api/v1/categories', body);
  const patch = (id: string, body: Record<string, unknown>) => t.call(owner, 'PATCH', `/api/v1/categories/${id}`, body);

  it('lists the demo categories as a tree', async () => {
    const tree = (await t.call(await t.login('cashier'), 'GET', '/api/v1/categories')).json();
    expect(tree.items.map((c: { code: string; name: string }) => `${c.code} ${c.name}`)).toEqual([
      'CARE 日化 Personal care',
      'DAIRY 乳品 Dairy',
      'DRINKS 饮料 Drinks',
      'FRESH 生鲜 Fresh',
      'GRAIN 粮油 Grain & oil',
      'SNACKS 零食 Snacks',
    ]);
    fresh = tree.items.find((c: { code: string }) => c.code === 'FRESH').id;
  });

  it('creates subcategories and shows them under their parent', async () => {
    const f = await post({ code: 'FRUIT', name: '水果 Fruit', parentId: fresh });
    expect(f.statusCode, f.body).toBe(201);
    fruit = f.json().id;
    citrus = (await post({ code: 'CITRUS', name: '柑橘 Citrus', parentId: fruit })).json().id;
    const tree = (await t.call(owner, 'GET', '/api/v1/categories')).json();
    const node = tree.items.find((c: { id: string }) => c.id === fresh);
    expect(node.children).toEqual([
      { id: fruit, code: 'FRUIT', name: '水果 Fruit', parentId: fresh, children: [{ id: citrus, code: 'CITRUS', name: '柑橘 Citrus', parentId: fruit, children: [] }] },
    ]);
    expect(tree.total).toBe(8);
  });

  it('refuses an unknown parent (404 parentId) and a taken code (409 code)', async () => {
    const unknown = await post({ code: 'X', name: 'x', parentId: '0190aaaa-0000-7000-8000-000000000000' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'parentId' })]);
    const taken = await post({ code: 'FRUIT', name: 'again' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'category_code_taken', errors: [{ field: 'code' }] });
    expect((await patch(citrus, { parentId: '0190aaaa-0000-7000-8000-000000000000' })).statusCode).toBe(404);
  });

  it('renames and moves a category, never under itself or its descendants', async () => {
    const self = await patch(fruit, { parentId: fruit });
    expect(self.statusCode).toBe(400);
    expect(self.json()).toMatchObject({ code: 'category_cycle', errors: [{ field: 'parentId' }] });
    const below = await patch(fresh, { parentId: citrus });
    expect(below.statusCode).toBe(400);
    expect(below.json().code).toBe('category_cycle');

    const moved = await patch(citrus, { name: '柑橘类 Citrus', parentId: fresh });
    expect(moved.json()).toMatchObject({ name: '柑橘类 Citrus', parentId: fresh });
    expect((await patch(citrus, { parentId: null })).json().parentId).toBeNull();
    const audit = (await t.call(owner, 'GET', '/api/v1/audit?action=category.updated&pageSize=1')).json().items[0];
    expect(audit).toMatchObject({ subjectId: citrus, data: { patch: { parentId: null } } });
  });

  it('filters products by a category and everything under it', async () => {
    await t.call(owner, 'PATCH', `/api/v1/products/${t.ids.products['FRT-APPLE-KG']}`, { categoryId: fruit });
    const skus = async (categoryId: string) =>
      (await t.call(owner, 'GET', `/api/v1/products?categoryId=${categoryId}`)).json().items.map((p: { sku: string }) => p.sku);
    expect(await skus(fruit)).toEqual(['FRT-APPLE-KG']);
    expect(await skus(fresh)).toEqual(['FRT-APPLE-KG', 'FRT-BANANA-KG', 'VEG-TOMATO-KG']);
    const unknown = await t.call(owner, 'GET', '/api/v1/products?categoryId=nope');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'categoryId' })]);
  });

  it('is edited by catalog managers only', async () => {
    expect((await t.call(await t.login('cashier'), 'POST', '/api/v1/categories', { code: 'Z', name: 'z' })).statusCode).toBe(403);
    expect((await t.call(await t.login('manager'), 'POST', '/api/v1/categories', { code: 'FROZEN', name: '冷冻 Frozen' })).statusCode).toBe(201);
  });

  it('leaves every invariant intact', async () => {
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
