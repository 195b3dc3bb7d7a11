// Reconciliation against real posted wallet sales: three WeChat sales through the simulator
// (¥22.60, ¥11.30, ¥33.90), and a WeChat bill that has the first right, the second for ¥11.20,
// one transaction we never recorded, a revoked charge, and not the third. Fees 0.13560 + 0.06780
// + 0.03000 yuan round half up per row to 14 + 7 + 3 = 24 fen.
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../../core/time/business-date';
import { testDialects } from '../../../db/testing';
import { parseCsv } from '../../import/csv';
import { CODES, journalOf, makeSalesTestApp, type SalesTestApp } from '../sales/test-helpers';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

const WECHAT_HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';

function wechatRow(time: string, ref: string, order: string, state: string, amount: string, fee: string): string {
  const cells = [time, 'wx2421b1c4370ec43b', '1900000001', '0', '', ref, order, 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', 'MICROPAY', state, 'CMB_DEBIT', 'CNY', amount, '0.00', '0', '0', '0.00', '0.00', '', '', '仓收示范超市', '', fee, '0.60%', amount, '0.00', ''];
  return cells.map((c) => `\`${c}`).join(',');
}

describe.each(testDialects)('payment reconciliation on %s', (dialect) => {
  let t: SalesTestApp;
  let finance: string;
  const today = businessDate(new Date(), 'Asia/Shanghai');
  const refs: string[] = [];
  const saleIds: string[] = [];
  let bill: string;

  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    finance = await t.login('finance');
    const product = await t.product({ price: 1130, taxRate: 1300 });
    await t.stock.stockIn(t.ids.s01, product, 100_000, 50_000);
    for (const qty of [2000, 1000, 3000]) {
      const amount = (1130 * qty) / 1000;
      const res = await t.sell({ lines: [{ productId: product, qty }], payments: [{ method: 'wechat', amount, authCode: CODES.wechat }], clientTotal: amount });
      expect(res.statusCode, res.body).toBe(201);
      saleIds.push(res.json().id);
    }
    for (const id of saleIds) {
      const p = await t.db.db.selectFrom('sale_payments').select('provider_ref').where('document_id', '=', id).executeTakeFirstOrThrow();
      refs.push(p.provider_ref!);
    }
    bill = [
      WECHAT_HEADER,
      wechatRow(`${today} 10:01:02`, refs[0], 'ORDER-A', 'SUCCESS', '22.60', '0.13560'),
      wechatRow(`${today} 10:05:00`, refs[1], 'ORDER-B', 'SUCCESS', '11.20', '0.06780'),
      wechatRow(`${today} 11:00:00`, '4200001234202611180000009999', 'ORDER-X', 'SUCCESS', '5.00', '0.03000'),
      wechatRow(`${today} 11:30:00`, '4200001234202611180000008888', 'ORDER-Y', 'REVOKED', '9.90', '0.00000'),
      '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
      '`3,`38.80,`0.00,`0.00,`0.24000,`38.80,`0.00',
      '',
    ].join('\r\n');
  });
  afterAll(() => t.close());

  it('matches the bill against our payments: matched, amount mismatch, theirs only, ours only, fees', async () => {
    const res = await t.call(finance, 'POST', '/api/v1/reconciliation/settlements', { fileName: 'wechat-bill.csv', contentBase64: b64(bill) });
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json();
    expect(v).toMatchObject({ provider: 'wechat', from: today, to: today, rowCount: 3, amount: 3880, fee: 24 });
    expect(v.summary).toEqual({ matched: 1, mismatched: 1, theirsOnly: 1, oursOnly: 1, theirAmount: 3880, ourAmount: 6780, fee: 24, matchedAmount: 2260 });
    expect(v.matched).toEqual([expect.objectContaining({ providerRef: refs[0], documentId: saleIds[0], theirAmount: 2260, ourAmount: 2260, fee: 14 })]);
    expect(v.mismatched).toEqual([expect.objectContaining({ providerRef: refs[1], documentId: saleIds[1], theirAmount: 1120, ourAmount: 1130, difference: -10, fee: 7 })]);
    expect(v.theirsOnly).toEqual([expect.objectContaining({ rowNo: 4, merchantOrderNo: 'ORDER-X', amount: 500, fee: 3 })]);
    expect(v.oursOnly).toEqual([expect.objectContaining({ documentId: saleIds[2], amount: 3390, providerRef: refs[2] })]);
    expect(v.feeDocument).toBeNull();

    // The same file again is the same import.
    const again = await t.call(finance, 'POST', '/api/v1/reconciliation/settlements', { fileName: 'copy.csv', contentBase64: b64(bill) });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(v.id);
    const list = (await t.call(finance, 'GET', '/api/v1/reconciliation/settlements')).json();
    expect(list.total).toBe(1);
  });

  it('posts the fees once: 财务费用 against the wallet account, exact to the fen, trial balance zero', async () => {
    const id = (await t.call(finance, 'GET', '/api/v1/reconciliation/settlements')).json().items[0].id;
    const noStore = await t.call(finance, 'POST', `/api/v1/reconciliation/settlements/${id}/post-fees`, {});
    expect(noStore.statusCode).toBe(400);
    expect(noStore.json().errors[0].field).toBe('storeId');

    const res = await t.call(finance, 'POST', `/api/v1/reconciliation/settlements/${id}/post-fees`, { storeId: t.ids.s01 });
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({ type: 'settlement', total: 24, businessDate: today, storeId: t.ids.s01 });
    expect(await journalOf(t, doc.id)).toEqual([
      [
        { account: '5603', debit: 24, credit: 0 },
        { account: '1012', debit: 0, credit: 24 },
      ],
    ]);
    const replay = await t.call(finance, 'POST', `/api/v1/reconciliation/settlements/${id}/post-fees`, { storeId: t.ids.s01 });
    expect(replay.statusCode).toBe(200);
    expect(replay.json().id).toBe(doc.id);
    const elsewhere = await t.call(finance, 'POST', `/api/v1/reconciliation/settlements/${id}/post-fees`, { storeId: t.ids.s02 });
    expect(elsewhere.statusCode).toBe(409);

    const view = (await t.call(finance, 'GET', `/api/v1/reconciliation/settlements/${id}`)).json();
    expect(view.feeDocument).toMatchObject({ id: doc.id, total: 24 });
    const tb = (await t.call(finance, 'GET', `/api/v1/reports/trial-balance?from=${today}&to=${today}`)).json();
    expect(tb.totals.debit).toBe(tb.totals.credit);
    expect(tb.totals.closing).toBe(0);
    expect(tb.items.find((i: { code: string }) => i.code === '5603')).toMatchObject({ debit: 24, credit: 0 });
    // 1012 holds the three wallet sales less the fees.
    expect(tb.items.find((i: { code: string }) => i.code === '1012')).toMatchObject({ debit: 6780, credit: 24 });
  });

  it('exports the reconciliation with each row\'s status, differences first', async () => {
    const id = (await t.call(finance, 'GET', '/api/v1/reconciliation/settlements')).json().items[0].id;
    const res = await t.call(finance, 'GET', `/api/v1/reconciliation/settlements/${id}?format=csv`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = parseCsv(res.body.slice(1)).map((r) => r.cells);
    expect(rows.map((r) => r[0])).toEqual(['状态', '金额不符', '对账单有、系统无', '系统有、对账单无', '已匹配', '合计']);
    expect(rows[1].slice(1)).toEqual([`${today} 10:05:00`, '收款', refs[1], 'ORDER-B', expect.stringMatching(/^S01-/), '11.20', '11.30', '-0.10', '0.07']);
    expect(rows[3].slice(6)).toEqual(['', '33.90', '-33.90', '']);
    expect(rows[5].slice(6)).toEqual(['38.80', '67.80', '-29.00', '0.24']);
    const pdf = await t.call(finance, 'GET', `/api/v1/reconciliation/settlements/${id}?format=pdf&lang=en`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('reads an Alipay 业务明细 in GBK with its comment lines, tabs and a refund', async () => {
    const rows = [
      '#支付宝业务明细查询',
      '#账号：[20881234567890120156]',
      `#起始日期：[${today} 00:00:00]   终止日期：[${today} 23:59:59]`,
      '#-----------------------------------------业务明细列表----------------------------------------',
      '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注',
      `2026111822001400001234567890\t,A-1\t,交易\t,商品\t,${today} 09:00:00\t,${today} 09:00:01\t,S01\t,总店\t,\t,\t,a***@163.com\t,10.00\t,10.00\t,0.00\t,0.00\t,0.00\t,0.00\t,0.00\t,\t,0.00\t,0.00\t,\t,-0.06\t,0.00\t,`,
      `2026111822001400001234567890\t,A-1\t,退款\t,商品\t,${today} 09:30:00\t,${today} 09:30:01\t,S01\t,总店\t,\t,\t,a***@163.com\t,-4.00\t,-4.00\t,0.00\t,0.00\t,0.00\t,0.00\t,0.00\t,\t,0.00\t,0.00\t,R-1\t,0.02\t,0.00\t,`,
      '#-----------------------------------------业务明细列表结束------------------------------------',
      '#交易合计：1笔，商户订单总金额（元）：10.00，商家实收（元）：10.00',
      '#退款合计：1笔，商户订单退款总金额（元）：4.00',
    ].join('\r\n');
    const res = await t.call(finance, 'POST', '/api/v1/reconciliation/settlements', { fileName: 'alipay.csv', contentBase64: b64(iconv.encode(rows, 'gbk')), storeId: t.ids.s01 });
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json();
    expect(v).toMatchObject({ provider: 'alipay', storeId: t.ids.s01, rowCount: 2, amount: 600, fee: 4 });
    expect(v.theirsOnly.map((r: { kind: string; amount: number; fee: number; refundRef: string }) => [r.kind, r.amount, r.fee, r.refundRef])).toEqual([
      ['payment', 1000, 6, ''],
      ['refund', -400, -2, 'R-1'],
    ]);
  });

  it('refuses a file it cannot read, naming the field, and hides settlements from other roles', async () => {
    const notABill = await t.call(finance, 'POST', '/api/v1/reconciliation/settlements', { fileName: 'x.csv', contentBase64: b64('a,b,c\n1,2,3\n') });
    expect(notABill.statusCode).toBe(422);
    expect(notABill.json()).toMatchObject({ code: 'settlement_header_missing', errors: [{ field: 'contentBase64' }] });
    const badFee = await t.call(finance, 'POST', '/api/v1/reconciliation/settlements', { fileName: 'x.csv', contentBase64: b64([WECHAT_HEADER, wechatRow(`${today} 10:00:00`, 'R1', 'O1', 'SUCCESS', '1.00', 'abc')].join('\n')) });
    expect(badFee.statusCode).toBe(422);
    expect(badFee.json().errors).toEqual([{ field: 'rows.2.手续费', message: 'Not a fee in yuan: abc' }]);
    const cashier = await t.call(t.tokens.cashier, 'GET', '/api/v1/reconciliation/settlements');
    expect(cashier.statusCode).toBe(403);
    const nobody = await t.call(finance, 'GET', '/api/v1/reconciliation/settlements/nope');
    expect(nobody.statusCode).toBe(404);
  });
});
