import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { ESCPOS } from '../../../core/receipts/encode-receipt-escpos';
import { isImmutableViolation } from '../../../db/dialect';
import { testDialects } from '../../../db/testing';
import { verifyAll } from '../../verify/verify';
import { makeSalesTestApp, type SalesTestApp } from '../sales/test-helpers';

function indexOf(haystack: Uint8Array, needle: readonly number[], from = 0): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe.each(testDialects)('receipts (小票: HTML, ESC/POS, reprints) on %s', (dialect) => {
  let t: SalesTestApp;
  let sale: { id: string; number: string; links: { html: string; escpos: string } };
  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    await t.call(t.tokens.owner, 'PUT', `/api/v1/stores/${t.ids.s01}/settings`, { roundingMode: 'drop_fen', receiptHeader: '人民路 1 号\n电话 0571-88886666', receiptFooter: '凭小票七日内退换 <b>' });
    // 3 colas at 3.50 = 10.50, 9折 → 9.45, 抹分 → 9.40; WeChat 5.00 + cash 10.00, change 5.60.
    const res = await t.sell({
      lines: [{ productId: t.ids.products['DRK-COLA-330'], qty: 3000, lineDiscount: { type: 'percent', bp: 1000 } }],
      memberCode: '13800138000',
      payments: [
        { method: 'wechat', amount: 500, authCode: '134567890123456789' },
        { method: 'cash', amount: 1000 },
      ],
      clientTotal: 940,
    });
    expect(res.statusCode, res.body).toBe(201);
    sale = res.json();
  });
  afterAll(() => t.close());

  const get = (url: string, token = t.tokens.cashier) => t.call(token, 'GET', url);

  it('links the sale response to its receipts', () => {
    expect(sale.links).toEqual({ html: `/api/v1/sales/${sale.id}/receipt.html`, escpos: `/api/v1/sales/${sale.id}/receipt.escpos` });
  });

  it('prints the HTML receipt with the store header, figures to the fen, member masked and a barcode', async () => {
    const res = await get(`${sale.links.html}?width=58`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body;
    for (const text of ['@page { size: 58mm auto; margin: 0; }', '购物小票', sale.number, '人民路 1 号', '电话 0571-88886666', '凭小票七日内退换 &lt;b&gt;', '张收银 Zhang (cashier)', '138****8000', '<svg']) {
      expect(html).toContain(text);
    }
    expect(html).toMatch(/3罐 × 3\.50<\/span><span>10\.50/);
    expect(html).toMatch(/折扣<\/span><span>-1\.05/);
    expect(html).toMatch(/抹零<\/span><span>-0\.05/);
    expect(html).toMatch(/应收<\/span><span>9\.40/);
    expect(html).toMatch(/微信支付 …\d{4}<\/span><span>5\.00/);
    expect(html).toMatch(/找零<\/span><span>5\.60/);
    // tax is split before 抹零: 9.45 at 13% → 8.36 + 1.09
    expect(html).toMatch(/13%<\/span><span>8\.36<\/span><span>1\.09/);
    expect(html).not.toContain('COPY');
    expect((await get(`${sale.links.html}?width=80`)).body).toContain('@page { size: 80mm auto; margin: 0; }');
    expect((await get(`${sale.links.html}?width=76`)).json()).toMatchObject({ status: 400, errors: [{ field: 'width' }] });
  });

  it('encodes ESC/POS in GBK: init, Chinese mode, drawer kick on request, CODE128 number, cut', async () => {
    const res = await get(`${sale.links.escpos}?width=58&drawer=1`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    const bytes = new Uint8Array(res.rawPayload);
    expect([...bytes.slice(0, 4)]).toEqual([...ESCPOS.init, ...ESCPOS.chineseMode]);
    expect(indexOf(bytes, ESCPOS.drawerKick)).toBe(4);
    expect([...bytes.slice(-ESCPOS.feedAndCut.length)]).toEqual([...ESCPOS.feedAndCut]);
    const text = iconv.decode(Buffer.from(bytes), 'gbk');
    expect(text).toContain('购物小票');
    expect(text).toContain('138****8000');
    const due = text.split('\n').find((l) => l.includes('应收'))!;
    expect(due.replace('\x1bE\x01', '')).toBe(`应收${' '.repeat(32 - 4 - 4)}9.40`);
    // The receipt number as GS k 73: "{B" + prefix, "{C" + the six digits as three bytes.
    const digits = sale.number.slice(-6);
    const payload = [0x7b, 0x42, ...Buffer.from(sale.number.slice(0, -6)), 0x7b, 0x43, +digits.slice(0, 2), +digits.slice(2, 4), +digits.slice(4, 6)];
    expect(indexOf(bytes, [0x1d, 0x6b, 73, payload.length, ...payload])).toBeGreaterThan(0);

    const noDrawer = new Uint8Array((await get(`${sale.links.escpos}?width=80`)).rawPayload);
    expect(indexOf(noDrawer, ESCPOS.drawerKick)).toBe(-1);
  });

  it('marks copies COPY, numbers and audits them, and never kicks the drawer for one', async () => {
    const copy = await get(`${sale.links.escpos}?copy=1&drawer=1`);
    expect(copy.headers['receipt-copy']).toBe('1');
    const bytes = new Uint8Array(copy.rawPayload);
    expect(iconv.decode(Buffer.from(bytes), 'gbk')).toContain('*** 重印 COPY ***');
    expect(indexOf(bytes, ESCPOS.drawerKick)).toBe(-1);

    const reprint = await t.call(t.tokens.cashier, 'POST', `/api/v1/sales/${sale.id}/reprint`, { format: 'html', width: 58 });
    expect(reprint.statusCode, reprint.body).toBe(200);
    expect(reprint.headers['receipt-copy']).toBe('2');
    expect(reprint.body).toContain('*** 重印 COPY ***');

    const audit = await t.call(t.tokens.owner, 'GET', `/api/v1/audit?chain=register:${t.ids.r01}&action=receipt.reprinted`);
    expect(audit.json().items.map((e: { data: unknown }) => e.data)).toEqual([
      { number: sale.number, printNo: 2, format: 'html' },
      { number: sale.number, printNo: 1, format: 'escpos' },
    ]);
    const cashierId = (await t.db.db.selectFrom('users').select('id').where('username', '=', 'cashier').executeTakeFirstOrThrow()).id;
    expect(audit.json().items[0]).toMatchObject({ actorId: cashierId, subjectId: sale.id });
  });

  it('finds a receipt by the sale’s client id too, and keeps other stores’ receipts hidden', async () => {
    const other = await t.call(t.tokens.owner, 'POST', '/api/v1/sales', {
      id: uuidv7(),
      registerId: t.ids.s02r01,
      shiftId: t.shifts.s02r01,
      offline: false,
      clientTime: new Date().toISOString(),
      lines: [{ productId: t.ids.products['DRK-COLA-330'], qty: 1000 }],
      payments: [{ method: 'cash', amount: 350 }],
      clientTotal: 350,
    });
    expect(other.statusCode, other.body).toBe(201);
    expect((await get(other.json().links.html)).statusCode).toBe(404);
    expect((await get(other.json().links.html, t.tokens.owner)).statusCode).toBe(200);
    expect((await get(`/api/v1/sales/${uuidv7()}/receipt.html`)).statusCode).toBe(404);
    expect((await get(`/api/v1/sales/${other.json().clientId}/receipt.html`, t.tokens.owner)).body).toContain(other.json().number);
    // Auditors read receipts but do not reprint at a till.
    expect((await get(sale.links.html, t.tokens.auditor)).statusCode).toBe(200);
    expect((await t.call(t.tokens.auditor, 'POST', `/api/v1/sales/${sale.id}/reprint`, { format: 'html' })).statusCode).toBe(403);
  });

  it('prints a return as 退货单 naming the original receipt, refunds negative', async () => {
    const ret = await t.call(t.tokens.cashier, 'POST', '/api/v1/returns', {
      id: uuidv7(),
      registerId: t.ids.r01,
      shiftId: t.shifts.r01,
      clientTime: new Date().toISOString(),
      saleNumber: sale.number,
    });
    expect(ret.statusCode, ret.body).toBe(201);
    const html = (await get(`/api/v1/sales/${ret.json().id}/receipt.html`)).body;
    expect(html).toContain('退货单');
    expect(html).toMatch(new RegExp(`原单号</span><span>${sale.number}`));
    // The refund per can after the 9折 (9.45 ÷ 3), and the 抹零 given back with the whole receipt.
    expect(html).toMatch(/-3罐 × 3\.15<\/span><span>-9\.45/);
    expect(html).toMatch(/抹零<\/span><span>0\.05/);
    expect(html).toMatch(/应退<\/span><span>-9\.40/);
    // 9.45 back at 13%: 8.36 + 1.09, negative.
    expect(html).toMatch(/13%<\/span><span>-8\.36<\/span><span>-1\.09/);
    expect(html).toMatch(/现金<\/span><span>-[\d.]+/);
  });

  it('keeps the reprint record append-only', async () => {
    await expect(sql.raw("UPDATE receipt_prints SET format = 'html'").execute(t.db.db)).rejects.toSatisfy(isImmutableViolation);
    await expect(sql.raw('DELETE FROM receipt_prints').execute(t.db.db)).rejects.toSatisfy(isImmutableViolation);
  });

  it('leaves every invariant intact', async () => {
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
