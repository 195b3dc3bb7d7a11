// The till prices a basket like the server: scans resolve to the same lines (pack barcodes,
// scale labels, member prices) and the core's priceBasket gives the same total to the fen.
import { describe, expect, it } from 'vitest';
import { eanCheckDigit } from '../../../core/barcode/ean';
import type { TillProduct } from '../../../contracts/till';
import { approvalsNeeded, emptyCart, lineFromProduct, lineFromScan, priceCart, saleLines, type Cart } from './basket';
import { Catalog } from './catalog';
import { DEFAULT_SETTINGS } from './catalog-sync';
import { parseDiscount, parseQty, parseYuan } from './input';

const product = (p: Partial<TillProduct> & { id: string; sku: string; price: number }): TillProduct => ({
  name: p.sku,
  spec: '',
  unit: '个',
  taxRate: 1300,
  weighable: false,
  plu: null,
  status: 'active',
  memberPrice: null,
  pinyinInitials: '',
  pinyinFull: '',
  barcodes: [],
  ...p,
});

const cola = product({ id: 'p1', sku: 'DRK-COLA-330', name: '可口可乐 330ml', unit: '罐', price: 350, memberPrice: 320, pinyinInitials: 'kkkl330ml', pinyinFull: 'kekoukele330ml', barcodes: [{ code: '6923450000113', unit: '罐', factor: 1000 }, { code: '16923450000110', unit: '箱', factor: 24_000 }] });
const apple = product({ id: 'p2', sku: 'FRT-APPLE-KG', name: '红富士苹果', unit: 'kg', price: 1298, taxRate: 900, weighable: true, plu: '00001', pinyinInitials: 'hfspg' });
const catalog = new Catalog([cola, apple]);
const label = (body: string) => body + eanCheckDigit(body);

function cartOf(...lines: Cart['lines']): Cart {
  return { ...emptyCart(), lines };
}

describe('ringing up like the server', () => {
  it('prices a case barcode at the case price and an amount label at what it prints', () => {
    const cases = lineFromScan(catalog, DEFAULT_SETTINGS, '16923450000110', 2000);
    const apples = lineFromScan(catalog, DEFAULT_SETTINGS, label('200000100649'), 1000);
    if (!cases.ok || !apples.ok) throw new Error('scan failed');
    expect(cases.value).toMatchObject({ unit: '箱', factor: 24_000, price: 8400 });
    expect(apples.value.scale).toEqual({ kind: 'amount', amount: 649, weight: 500 });
    const priced = priceCart(cartOf(cases.value, apples.value), DEFAULT_SETTINGS);
    expect(priced.ok && priced.value.due).toBe(2 * 8400 + 649);
    // What goes to POST /sales: the codes, the pack count, the till's prices; a label has no qty.
    expect(saleLines(cartOf(cases.value, apples.value))).toEqual([
      { code: '16923450000110', qty: 2000, unitPrice: 8400 },
      { code: label('200000100649'), unitPrice: 1298 },
    ]);
  });

  it('prices a weight label and a weighed quick key per kg, rounding half up', () => {
    const weighed = lineFromScan(catalog, { ...DEFAULT_SETTINGS, scaleBarcode: { flags: ['20'], kind13: 'weight' } }, label('200000100538'), 1000);
    if (!weighed.ok) throw new Error('scan failed');
    const quick = lineFromProduct(apple, 333);
    const priced = priceCart(cartOf(weighed.value, quick), DEFAULT_SETTINGS);
    // 12.98 × 0.538 = 6.98324 → 6.98; 12.98 × 0.333 = 4.32234 → 4.32
    expect(priced.ok && priced.value.lines.map((l) => l.net)).toEqual([698, 432]);
  });

  it('refuses a misread scale label, an unknown code, and a quantity on a label', () => {
    const good = label('200000100649');
    const misread = good.slice(0, 12) + String((Number(good[12]) + 1) % 10);
    expect(lineFromScan(catalog, DEFAULT_SETTINGS, misread, 1000)).toMatchObject({ ok: false, code: 'scale_bad_check_digit' });
    expect(lineFromScan(catalog, DEFAULT_SETTINGS, '6900000000000', 1000)).toMatchObject({ ok: false, code: 'not_found' });
    expect(lineFromScan(catalog, DEFAULT_SETTINGS, label('200000100649'), 2000)).toMatchObject({ ok: false, code: 'scale_label_qty' });
  });

  it('applies member prices, rounds the amount due by the store mode, and knows when a manager must approve', () => {
    const scan = lineFromScan(catalog, DEFAULT_SETTINGS, '6923450000113', 3000);
    if (!scan.ok) throw new Error('scan failed');
    const cart: Cart = { ...cartOf(scan.value), memberCode: '13800138000', orderDiscount: { type: 'percent', bp: 1500 } };
    const settings = { ...DEFAULT_SETTINGS, roundingMode: 'drop_jiao' as const };
    const priced = priceCart(cart, settings);
    if (!priced.ok) throw new Error(priced.message);
    // 3 × 3.20 = 9.60, 15% off → 1.44 off = 8.16, 抹角 → 8.00
    expect([priced.value.subtotal, priced.value.due, priced.value.rounding]).toEqual([816, 800, -16]);
    expect(approvalsNeeded(cart, priced.value, settings)).toEqual(['sale.discount']);
    const override = { ...cart, orderDiscount: undefined, lines: [{ ...scan.value, priceOverride: 300 }] };
    const p2 = priceCart(override, settings);
    expect(p2.ok && approvalsNeeded(override, p2.value, settings)).toEqual(['sale.price_override']);
  });
});

describe('catalog search', () => {
  it('finds by pinyin initials, SKU prefix and name; exact codes first', () => {
    expect(catalog.search('kkkl').map((p) => p.id)).toEqual(['p1']);
    expect(catalog.search('frt').map((p) => p.id)).toEqual(['p2']);
    expect(catalog.search('苹果').map((p) => p.id)).toEqual(['p2']);
    expect(catalog.lookup('00001')?.product.id).toBe('p2');
    expect(catalog.search('zzz')).toEqual([]);
  });

  it('drops archived products on refresh', () => {
    const c = new Catalog([cola, apple]);
    c.apply([{ ...apple, status: 'archived' }]);
    expect(c.lookup('00001')).toBeNull();
    expect(c.size).toBe(1);
  });
});

describe('what the cashier types', () => {
  it('reads yuan, quantities and discounts exactly', () => {
    expect([parseYuan('12'), parseYuan('12.5'), parseYuan('0.07'), parseYuan('¥3.50'), parseYuan('1.234'), parseYuan('abc')]).toEqual([1200, 1250, 7, 350, null, null]);
    expect([parseQty('0.538'), parseQty('3'), parseQty('0'), parseQty('1.2345')]).toEqual([538, 3000, null, null]);
    expect([parseDiscount('10'), parseDiscount('¥2'), parseDiscount('2元'), parseDiscount('150')]).toEqual([
      { type: 'percent', bp: 1000 },
      { type: 'amount', fen: 200 },
      { type: 'amount', fen: 200 },
      null,
    ]);
  });
});
