import { describe, expect, it } from 'vitest';
import { EXPORT_HEADERS, IMPORT_FIELDS, fieldOfHeader, missingRequired, resolveMapping } from './columns';

describe('guessing which column holds what', () => {
  it('understands Chinese and English headers', () => {
    const cases: [string, string][] = [
      ['商品编码', 'sku'],
      ['货号', 'sku'],
      ['SKU', 'sku'],
      ['品名', 'name'],
      ['商品名称', 'name'],
      ['Product Name', 'name'],
      ['条形码', 'barcode'],
      ['条码', 'barcode'],
      ['规格', 'spec'],
      ['品牌', 'brand'],
      ['产地', 'origin'],
      ['单位', 'unit'],
      ['零售价', 'price'],
      ['售价', 'price'],
      ['零售价(元)', 'price'],
      ['Retail price', 'price'],
      ['会员价', 'memberPrice'],
      ['税率', 'taxRate'],
      ['分类', 'category'],
      ['期初库存', 'stock'],
      ['库存', 'stock'],
      ['进价', 'cost'],
      ['成本', 'cost'],
      ['*商品名称', 'name'],
      ['ＳＫＵ', 'sku'],
    ];
    for (const [header, field] of cases) expect(fieldOfHeader(header), header).toBe(field);
    expect(fieldOfHeader('备注')).toBeUndefined();
    expect(fieldOfHeader('错误 (Error)')).toBeUndefined();
  });

  it('maps every header of our own export back to its field', () => {
    for (const f of IMPORT_FIELDS) expect(fieldOfHeader(EXPORT_HEADERS[f])).toBe(f);
  });

  it('takes the first column when two look alike, and lets the client override or ignore', () => {
    const headers = ['货号', '品名', '售价', '零售价', '备注'];
    expect(resolveMapping(headers)).toEqual({ ok: true, mapping: { sku: 0, name: 1, price: 2 } });
    expect(resolveMapping(headers, { price: '零售价' })).toEqual({ ok: true, mapping: { sku: 0, name: 1, price: 3 } });
    expect(resolveMapping(headers, { spec: '备注', price: null })).toEqual({ ok: true, mapping: { sku: 0, name: 1, spec: 4 } });
    expect(resolveMapping(headers, { brand: '牌子' })).toEqual({ ok: false, code: 'unknown_column', field: 'brand', header: '牌子' });
  });

  it('names the required fields that have no column', () => {
    const r = resolveMapping(['品名', '规格']);
    expect(r.ok && missingRequired(r.mapping)).toEqual(['sku', 'price']);
  });
});
