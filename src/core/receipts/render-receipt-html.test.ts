import { describe, expect, it } from 'vitest';
import { code128Svg } from '../barcode/code128';
import { receiptS09 } from './receipt-fixture';
import { renderReceiptHtml } from './render-receipt-html';

/** The receipt's visible text, one block per line, for reading the figures back. */
function visibleText(html: string): string[] {
  const body = html.slice(html.indexOf('<body'), html.indexOf('</body>'));
  return body
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .split(/\n/)
    .map((l) => l.replace(/<\/span><span>/g, ' | ').replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' ').trim())
    .filter(Boolean);
}

describe('renderReceiptHtml', () => {
  it('prints the S09 sale to the fen: lines, discount, 抹零, due, tender, change, tax by rate', () => {
    const text = visibleText(renderReceiptHtml(receiptS09(), { width: 58 }));
    expect(text).toEqual([
      '仓收便利店 人民路店',
      '欢迎光临',
      '电话 0571-88886666',
      '购物小票',
      '单号 | S01-R01-000042',
      '时间 | 2026-03-02 10:15:00',
      '收银台 R01 | 收银员 王小明',
      '纯牛奶 250ml×24',
      '1箱 × 69.90 | 69.90',
      '鸡蛋(散装)',
      '1.732kg × 11.90 | 20.61',
      '抽纸 3包',
      '1件 × 16.90 | 16.90',
      '折扣 | -1.00',
      '商品合计 (3项) | 107.41',
      '单品折扣 | -1.00',
      '抹零 | -0.01',
      '应收 | 106.40',
      '微信支付 …7890 | 50.00',
      '现金 | 60.00',
      '实收 | 110.00',
      '找零 | 3.60',
      '税率 | 不含税金额 | 税额',
      '13% | 14.07 | 1.83',
      '9% | 83.04 | 7.47',
      '会员 | 138****8000',
      'S01-R01-000042',
      '凭小票七日内退换',
    ]);
  });

  it('sizes the page for 58 mm and 80 mm paper', () => {
    const narrow = renderReceiptHtml(receiptS09(), { width: 58 });
    const wide = renderReceiptHtml(receiptS09(), { width: 80 });
    expect(narrow).toContain('@page { size: 58mm auto; margin: 0; }');
    expect(narrow).toContain('width: 48mm');
    expect(wide).toContain('@page { size: 80mm auto; margin: 0; }');
    expect(wide).toContain('width: 72mm');
    expect(() => renderReceiptHtml(receiptS09(), { width: 76 as 58 })).toThrow(RangeError);
  });

  it('carries the receipt number as a Code 128 barcode for returns', () => {
    expect(renderReceiptHtml(receiptS09(), { width: 80 })).toContain(code128Svg('S01-R01-000042', { moduleWidth: 1, height: 40 }));
  });

  it('marks a reprint COPY at the top and the bottom, and only a reprint', () => {
    const copy = visibleText(renderReceiptHtml(receiptS09(), { width: 58, copy: true }));
    expect(copy[0]).toBe('*** 重印 COPY ***');
    expect(copy.at(-1)).toBe('*** 重印 COPY ***');
    expect(renderReceiptHtml(receiptS09(), { width: 58 })).not.toContain('COPY');
  });

  it('titles a return 退货单 with its original receipt and prints refunds negative', () => {
    const text = visibleText(
      renderReceiptHtml(
        receiptS09({
          kind: 'return',
          number: 'S01-R01-000043',
          originalNumber: 'S01-R01-000042',
          lines: [{ name: '抽纸 3包', unit: '件', qty: -1000, unitPrice: 1690, gross: -1690, lineDiscount: -100, orderDiscountShare: 0, net: -1590, taxRate: 1300 }],
          subtotal: -1590,
          rounding: 0,
          due: -1590,
          taxByRate: [{ rate: 1300, gross: -1590, taxable: -1407, tax: -183 }],
          payments: [{ method: 'cash', amount: -1590 }],
          paid: -1590,
          change: 0,
          memberCode: null,
        }),
        { width: 58 },
      ),
    );
    expect(text).toContain('退货单');
    expect(text).toContain('原单号 | S01-R01-000042');
    expect(text).toContain('-1件 × 16.90 | -16.90');
    expect(text).toContain('折扣 | 1.00');
    expect(text).toContain('应退 | -15.90');
    expect(text).toContain('现金 | -15.90');
    expect(text).not.toContain('找零 | 0.00');
  });

  it('escapes what the store typed into its header', () => {
    const html = renderReceiptHtml(receiptS09({ header: '<script>alert(1)</script> & co' }), { width: 58 });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
  });

  it('marks training receipts and offline sales', () => {
    const text = visibleText(renderReceiptHtml(receiptS09({ training: true, offline: true }), { width: 58 }));
    expect(text[0]).toBe('*** 培训模式 非正式小票 ***');
    expect(text).toContain('离线交易 (offline)');
  });
});
