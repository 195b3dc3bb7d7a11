import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDialects } from '../../../../db/testing';
import { makeTestApp, type TestApp } from '../../../testing';
import { verifyAll } from '../../../verify/verify';

describe.each(testDialects)('catalog: variant templates on %s', (dialect) => {
  let t: TestApp;
  let owner: string;
  let templateId: string;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = await t.login('owner');
  });
  afterAll(() => t.close());

  const countProducts = async () => Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM products`.execute(t.db.db)).rows[0].n);
  const generate = (body: Record<string, unknown>) =>
    t.call(owner, 'POST', `/api/v1/variant-templates/${templateId}/generate`, { baseSku: 'TSHIRT', baseName: 'T恤', unit: '件', price: 5900, taxRate: 1300, ...body });

  it('creates a template of attributes and values', async () => {
    const res = await t.call(owner, 'POST', '/api/v1/variant-templates', { name: 'T恤', attributes: { size: ['S', 'M', 'L'], color: ['红', '蓝'] } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: 'T恤', attributes: { size: ['S', 'M', 'L'], color: ['红', '蓝'] }, combinations: 6 });
    templateId = res.json().id;
  });

  it('refuses values that cannot be part of a SKU, repeated values and too many combinations', async () => {
    const bad = await t.call(owner, 'POST', '/api/v1/variant-templates', { name: 'x', attributes: { size: ['S', 'M*'] } });
    expect(bad.json()).toMatchObject({ code: 'variant_value_invalid', errors: [{ field: 'attributes.size.1' }] });
    const twice = await t.call(owner, 'POST', '/api/v1/variant-templates', { name: 'x', attributes: { color: ['Light Blue', 'Light_Blue'] } });
    expect(twice.json()).toMatchObject({ code: 'variant_value_duplicate', errors: [{ field: 'attributes.color.1' }] });
    const values = Array.from({ length: 30 }, (_, i) => `V${i}`);
    const many = await t.call(owner, 'POST', '/api/v1/variant-templates', { name: 'x', attributes: { a: values, b: values } });
    expect(many.json()).toMatchObject({ code: 'too_many_variants', errors: [{ field: 'attributes' }] });
  });

  it('generates one product per combination with readable SKUs, in one go', async () => {
    const drinks = ((await t.call(owner, 'GET', '/api/v1/categories')).json().items as { id: string; code: string }[]).find((c) => c.code === 'DRINKS')!.id;
    const res = await generate({ categoryId: drinks, brand: '仓收' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items.map((p: { sku: string; name: string }) => [p.sku, p.name])).toEqual([
      ['TSHIRT-S-红', 'T恤 S 红'],
      ['TSHIRT-S-蓝', 'T恤 S 蓝'],
      ['TSHIRT-M-红', 'T恤 M 红'],
      ['TSHIRT-M-蓝', 'T恤 M 蓝'],
      ['TSHIRT-L-红', 'T恤 L 红'],
      ['TSHIRT-L-蓝', 'T恤 L 蓝'],
    ]);
    const one = (await t.call(owner, 'GET', `/api/v1/products/${res.json().items[3].id}`)).json();
    expect(one).toMatchObject({ variantTemplateId: templateId, variant: { size: 'M', color: '蓝' }, price: 5900, brand: '仓收', categoryId: drinks });
    expect((await t.call(owner, 'GET', '/api/v1/products?q=tshirt-m')).json().total).toBe(2);
    const audit = (await t.call(owner, 'GET', '/api/v1/audit?action=variant_template.generated')).json().items[0];
    expect(audit.data.products).toHaveLength(6);
  });

  it('generates nothing when any SKU is taken or the category is unknown', async () => {
    const before = await countProducts();
    const again = await generate({});
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'sku_taken', errors: [{ field: 'baseSku' }] });
    expect(again.json().skus).toHaveLength(6);
    const category = await generate({ baseSku: 'POLO', categoryId: '0190aaaa-0000-7000-8000-000000000000' });
    expect(category.statusCode).toBe(404);
    expect(category.json().errors).toEqual([expect.objectContaining({ field: 'categoryId' })]);
    expect((await generate({ baseSku: 'POLO', price: -1 })).json().errors).toEqual([expect.objectContaining({ field: 'price' })]);
    expect(await countProducts()).toBe(before);
    expect((await t.call(owner, 'POST', '/api/v1/variant-templates/0190aaaa-0000-7000-8000-000000000000/generate', { baseSku: 'P', baseName: 'P', unit: '件', price: 1, taxRate: 0 })).statusCode).toBe(404);
  });

  it('edits a template without touching the products generated from it', async () => {
    const put = (id: string, body: unknown) => t.call(owner, 'PUT', `/api/v1/variant-templates/${id}`, body);
    const res = await put(templateId, { name: 'T恤 2027', attributes: { size: ['S', 'M', 'L', 'XL'], color: ['红'] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: templateId, name: 'T恤 2027', attributes: { size: ['S', 'M', 'L', 'XL'], color: ['红'] }, combinations: 4 });
    expect((await t.call(owner, 'GET', `/api/v1/variant-templates/${templateId}`)).json().name).toBe('T恤 2027');
    expect((await t.call(owner, 'GET', '/api/v1/products?q=tshirt-m')).json().total).toBe(2);
    const audit = (await t.call(owner, 'GET', '/api/v1/audit?action=variant_template.updated')).json().items[0];
    expect(audit.data.before).toMatchObject({ name: 'T恤', attributes: { size: ['S', 'M', 'L'], color: ['红', '蓝'] } });

    const bad = await put(templateId, { name: 'x', attributes: { size: ['S', 'S'] } });
    expect(bad.json()).toMatchObject({ code: 'variant_value_duplicate', errors: [{ field: 'attributes.size.1' }] });
    expect((await put(templateId, { name: '', attributes: { size: ['S'] } })).json().errors).toEqual([expect.objectContaining({ field: 'name' })]);
    expect((await t.call(owner, 'GET', `/api/v1/variant-templates/${templateId}`)).json().combinations).toBe(4);
    expect((await put('0190aaaa-0000-7000-8000-000000000000', { name: 'x', attributes: { size: ['S'] } })).statusCode).toBe(404);
    const cashier = await t.login('cashier');
    expect((await t.call(cashier, 'PUT', `/api/v1/variant-templates/${templateId}`, { name: 'x', attributes: { size: ['S'] } })).statusCode).toBe(403);
  });

  it('leaves every invariant intact', async () => {
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
