import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eanCheckDigit } from '../../../core/barcode/ean';
import { testDialects } from '../../../db/testing';
import { Problem } from '../../http/problem';
import { makeTestApp, type TestApp } from '../../testing';
import { csvBytes, importFile } from '../import/test-helpers';
import { renderLabels } from './render-pdf';

const ean = (twelve: string) => `${twelve}${eanCheckDigit(twelve)}`;

/** Page objects of a PDF (not the /Pages tree node). */
function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}

function hasPdftoppm(): boolean {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.each(testDialects)('shelf labels (价签) as PDF on %s', (dialect) => {
  let t: TestApp;
  let owner: string;
  const ids: string[] = [];
  const lemonEan = ean('690777777777');

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = await t.login('owner');
    const rows = [
      ['LBL-01', '农夫山泉 柠檬味饮料 550ml', lemonEan, '550ml', '中国浙江', '瓶', '4.50', '3.99'],
      ...Array.from({ length: 17 }, (_, i) => [`LBL-${String(i + 2).padStart(2, '0')}`, `测试商品 ${i + 2} 号 超长名称用于检查两行换行和省略号是否正常显示`, '', '500g', '山东', '袋', `${i + 1}.90`, '']),
    ];
    const res = await importFile(t, owner, 'labels.csv', csvBytes([['商品编码', '商品名称', '条码', '规格', '产地', '单位', '零售价', '会员价'], ...rows]), { commit: true });
    if (res.statusCode !== 201) throw new Error(res.body);
    const products = await t.db.db.selectFrom('products').select(['id', 'sku']).orderBy('sku').execute();
    ids.push(...products.map((p) => p.id));
    // S01 sells the lemon drink cheaper, and without a member price.
    const lemon = products.find((p) => p.sku === 'LBL-01')!.id;
    await t.db.db.insertInto('store_prices').values({ store_id: t.ids.s01, product_id: lemon, price: 420, member_price: null, updated_at: new Date().toISOString() }).execute();
  });
  afterAll(() => t.close());

  const labels = (q: string, token = owner) => t.call(token, 'GET', `/api/v1/labels?${q}`);

  it('prints the store price (override, else company) and member price, with an EAN-13 or the SKU in Code 128', async () => {
    const idOf = async (sku: string) => (await t.db.db.selectFrom('products').select('id').where('sku', '=', sku).executeTakeFirstOrThrow()).id;
    const [lemon, other] = [await idOf('LBL-01'), await idOf('LBL-02')];
    const [s01, s02, plain] = [
      ...(await t.services.labels.labels(t.ids.companyId, t.ids.s01, [lemon])),
      ...(await t.services.labels.labels(t.ids.companyId, t.ids.s02, [lemon, other])),
    ];
    expect(s01).toEqual({ name: '农夫山泉 柠檬味饮料 550ml', spec: '550ml', unit: '瓶', origin: '中国浙江', sku: 'LBL-01', price: 420, memberPrice: null, barcode: { type: 'ean13', code: lemonEan } });
    expect(s02).toMatchObject({ price: 450, memberPrice: 399 });
    expect(plain).toMatchObject({ price: 190, memberPrice: null, barcode: { type: 'code128', code: 'LBL-02' } });
  });

  it('fits 24 labels on an A4 sheet: 30 products make 2 pages', async () => {
    const res = await labels(`storeId=${t.ids.s01}&productIds=${ids.slice(0, 30).join(',')}&layout=a4-3x8`);
    expect(ids.length).toBeGreaterThanOrEqual(30);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(res.rawPayload)).toBe(2);
    expect(res.rawPayload.toString('latin1')).toContain('/MediaBox [0 0 595.27');

    if (!hasPdftoppm()) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'labels-'));
    fs.writeFileSync(path.join(dir, 'labels.pdf'), res.rawPayload);
    execFileSync('pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '1', path.join(dir, 'labels.pdf'), path.join(dir, 'page')]);
    const png = fs.readdirSync(dir).find((f) => f.endsWith('.png'))!;
    const bytes = fs.readFileSync(path.join(dir, png));
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(20_000);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints one 60 × 40 mm label per page, repeating an id for copies', async () => {
    const res = await labels(`storeId=${t.ids.s01}&productIds=${ids[0]},${ids[0]},${ids[1]}&layout=single-60x40`);
    expect(res.statusCode).toBe(200);
    expect(pageCount(res.rawPayload)).toBe(3);
    expect(res.rawPayload.toString('latin1')).toContain('/MediaBox [0 0 170.07');
  });

  it('answers 404 for unknown products and for another store', async () => {
    const unknown = await labels(`storeId=${t.ids.s01}&productIds=${ids[0]},nope`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ errors: [{ field: 'productIds.1' }] });
    expect((await labels(`storeId=${t.ids.s02}&productIds=${ids[0]}`, await t.login('manager'))).statusCode).toBe(404);
    expect((await labels(`storeId=${t.ids.s01}&productIds=${ids[0]}`, await t.login('cashier'))).statusCode).toBe(200);
    expect((await labels(`storeId=${t.ids.s01}&productIds=`)).statusCode).toBe(400);
  });

  it('says which font is missing instead of failing obscurely', async () => {
    const err = await renderLabels([], 'a4-3x8', 'x', '/nonexistent/NotoSansCJK-Regular.ttc').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Problem);
    expect(err).toMatchObject({ status: 503, code: 'label_font_missing' });
  });
});
