import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDialects } from '../../../../db/testing';
import { makeTestApp, type TestApp } from '../../../testing';
import { derivedColumns, insertProducts } from './insert';
import { searchProducts } from './search';

// The substring tier through its index (search-index.ts): trigrams for 3+ characters, 1–2
// character pieces for short queries; both re-checked by the LIKE the search always used.
describe.each(testDialects)('catalog: substring search index on %s', (dialect) => {
  let t: TestApp;
  let companyId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    companyId = (await t.db.db.selectFrom('companies').select('id').executeTakeFirstOrThrow()).id;
    const products = [
      { sku: 'IX-1', name: '农夫山泉天然水 550ml', brand: '农夫山泉', spec: '550ml' },
      { sku: 'IX-2', name: '蒙牛纯牛奶 250ml', brand: '蒙牛', spec: '250ml' },
      { sku: 'IX-3', name: '光明牛奶巧克力味', brand: '光明', spec: '' },
      { sku: 'IX-4', name: '伊利安慕希酸奶', brand: '伊利', spec: '205g' },
    ];
    const created = await insertProducts(t.db.db, companyId, products.map((p) => ({ ...p, unit: '件', taxRate: 1300, price: 500 })), new Date().toISOString());
    products.forEach((p, i) => (ids[p.sku] = created[i]));
  });
  afterAll(() => t.close());

  const skus = async (q: string) =>
    (await searchProducts(t.db.db, companyId, { q, status: 'active', page: 1, pageSize: 50 })).rows.map((r) => r.sku).filter((s) => s.startsWith('IX-'));

  it('finds a substring in the middle of a name', async () => {
    expect(await skus('山泉天然')).toEqual(['IX-1']);
    expect(await skus('慕希酸')).toEqual(['IX-4']);
  });

  it('finds a substring of the full pinyin', async () => {
    // 农夫山泉天然水 → nongfushanquantianranshui550ml, 伊利安慕希酸奶 → yilianmuxisuannai
    expect(await skus('shanquan')).toEqual(['IX-1']);
    expect(await skus('muxisuan')).toEqual(['IX-4']);
  });

  it('finds 2- and 1-character Chinese terms through the short pieces', async () => {
    expect(await skus('牛奶')).toEqual(['IX-2', 'IX-3']);
    expect(await skus('奶')).toEqual(['IX-2', 'IX-3', 'IX-4']);
    expect(await skus('光明')).toEqual(['IX-3']);
  });

  it('matches nothing for an absent term of any length, and treats wildcards literally', async () => {
    expect(await skus('不存在的商品')).toEqual([]);
    expect(await skus('鑫鑫')).toEqual([]);
    expect(await skus('鑫')).toEqual([]);
    expect(await skus('5_0ml')).toEqual([]);
    expect(await skus('%')).toEqual([]);
    expect(await skus('"')).toEqual([]);
  });

  it('follows an edited name and leaves archived products out', async () => {
    const next = { sku: 'IX-3', name: '光明优倍鲜牛乳', brand: '光明', spec: '' };
    await t.db.db.updateTable('products').set({ name: next.name, ...derivedColumns(next) }).where('id', '=', ids['IX-3']).execute();
    expect(await skus('牛奶')).toEqual(['IX-2']);
    expect(await skus('优倍鲜')).toEqual(['IX-3']);
    expect(await skus('牛乳')).toEqual(['IX-3']);
    await t.db.db.updateTable('products').set({ status: 'archived' }).where('id', '=', ids['IX-2']).execute();
    expect(await skus('纯牛奶')).toEqual([]);
    expect(await skus('奶')).toEqual(['IX-4']);
  });

  it('reads the index, not every product', async () => {
    if (dialect === 'sqlite') {
      const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT p.id FROM products_fts f JOIN products p ON p.rowid = f.rowid WHERE f.products_fts MATCH '"不存在"'`.execute(t.db.db);
      expect(plan.rows.map((r) => r.detail).join(' | ')).toMatch(/VIRTUAL TABLE INDEX/);
    } else {
      const idx = await sql<{ indexname: string }>`SELECT indexname FROM pg_indexes WHERE tablename = 'products' AND schemaname = current_schema() ORDER BY indexname`.execute(t.db.db);
      expect(idx.rows.map((r) => r.indexname)).toEqual(expect.arrayContaining(['products_search_grams_ix', 'products_search_trgm_ix']));
    }
  });
});
