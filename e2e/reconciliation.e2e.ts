// Payment reconciliation and report exports in the back office, against a real server: finance
// drops a WeChat Pay bill of two transactions the tills never saw, sees them listed, books the
// fees (0.14 + 0.03 = 0.17 yuan) once, then downloads the profit and loss as Excel from the
// reports page. Requires a built dist/web (npm run build:web).
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { openOffice } from './support/office';
import { useServerAndBrowser } from './support/suite';

const suite = useServerAndBrowser();

function wechatBill(day: string): string {
  const header = '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
  const row = (time: string, ref: string, amount: string, fee: string) =>
    [time, 'wx2421b1c4370ec43b', '1900000001', '0', '', ref, `O-${ref.slice(-4)}`, 'oUpF8u', 'MICROPAY', 'SUCCESS', 'CMB_DEBIT', 'CNY', amount, '0.00', '0', '0', '0.00', '0.00', '', '', '商品', '', fee, '0.60%', amount, '0.00', '']
      .map((c) => `\`${c}`)
      .join(',');
  return [header, row(`${day} 10:00:00`, '4200001234202611180000000001', '22.60', '0.13560'), row(`${day} 11:00:00`, '4200001234202611180000000002', '5.00', '0.03000'), ''].join('\r\n');
}

describe('reconciliation and report exports', () => {
  it('finance imports a WeChat bill, books its fees once, and exports the P&L', async () => {
    const { context, page } = await openOffice(suite.browser, suite.server, 'finance');
    try {
      await page.getByTestId('nav').getByRole('menuitem', { name: '支付对账' }).click();
      await page.waitForURL(/\/office\/reconciliation/);

      const day = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
      await page.locator('input[type=file]').setInputFiles({ name: 'wechat-bill.csv', mimeType: 'text/csv', buffer: Buffer.from(wechatBill(day)) });
      const result = page.getByTestId('reconciliation-result');
      await expect.poll(async () => (await result.textContent()) ?? '').toContain('对账单有、系统无 (2)');
      await result.getByRole('tab', { name: /对账单有、系统无/ }).click();
      await expect.poll(async () => (await result.textContent()) ?? '').toContain('4200001234202611180000000002');
      await screenshot(page, 'office-reconciliation');

      await page.getByTestId('post-fees').click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
      await expect.poll(async () => (await page.getByTestId('fees-posted').count())).toBe(1);

      const list = await (await context.request.get(`${suite.server.url}/api/v1/reconciliation/settlements`)).json();
      const view = await (await context.request.get(`${suite.server.url}/api/v1/reconciliation/settlements/${list.items[0].id}`)).json();
      expect(view.fee).toBe(17);
      expect(view.feeDocument).toMatchObject({ total: 17 });

      await page.getByTestId('nav').getByRole('menuitem', { name: '财务报表' }).click();
      await page.waitForURL(/\/office\/reports/);
      await page.getByTestId('report-exports').click();
      await page.locator('.ant-dropdown-menu-submenu-title').filter({ hasText: '利润表' }).hover();
      const link = page.getByTestId('export-profitAndLoss-xlsx');
      await link.waitFor();
      const href = await link.getAttribute('href');
      expect(href).toMatch(/^\/api\/v1\/reports\/profit-and-loss\?.*format=xlsx.*lang=zh-CN/);
      const file = await context.request.get(`${suite.server.url}${href}`);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      // The fees are in the period's expenses: the workbook is a zip (PK).
      expect((await file.body()).subarray(0, 2).toString()).toBe('PK');
    } finally {
      await context.close();
    }
  });
});
