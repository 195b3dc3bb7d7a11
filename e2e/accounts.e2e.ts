// The chart of accounts in the back office (科目表), against a real server: finance adds a VAT
// sub-account under 2221, renames it, is refused deactivating an account the automatic postings use
// and one a posting rule points at, deactivates it once the rule is reset, and closes and reopens
// the books (关账). Requires a built dist/web (npm run build:web).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { apiCall, apiLogin, openOffice } from './support/office';
import { useServerAndBrowser } from './support/suite';

const suite = useServerAndBrowser();

const row = (page: Page, code: string) => page.getByTestId('accounts-table').locator(`tr[data-row-key="${code}"]`);
const text = async (page: Page, code: string) => (await row(page, code).textContent()) ?? '';
const confirm = async (page: Page) => {
  await page.locator('.ant-popconfirm:visible .ant-btn-primary').last().click();
  // The next confirm must not find this one while it fades out (slow on a loaded machine).
  await page.locator('.ant-popconfirm:visible').waitFor({ state: 'hidden' });
};
const toast = async (page: Page) => (await page.locator('.ant-message').textContent()) ?? '';

describe('chart of accounts', () => {
  it('finance adds, renames and deactivates a sub-account within the rules, and closes the books', async () => {
    const { context, page } = await openOffice(suite.browser, suite.server, 'finance');
    const { token } = await apiLogin(suite.server, 'finance');
    try {
      await page.getByTestId('nav').getByRole('menuitem', { name: '科目表' }).click();
      await page.waitForURL(/\/office\/accounts/);
      // The seeded standard chart, every account with its English name.
      await expect.poll(() => text(page, '1012')).toContain('其他货币资金');
      expect(await text(page, '1012')).toContain('Other monetary funds');
      expect(await text(page, '5711')).toContain('营业外支出');

      // A sub-account under 2221: the code starts from the parent's, the type is the parent's.
      await row(page, '2221').getByTestId('account-add-child-2221').click();
      const modal = page.getByTestId('account-modal');
      expect(await page.locator('#code').inputValue()).toBe('2221');
      await page.locator('#code').fill('222101');
      await page.locator('#name').fill('应交增值税-销项税额');
      await page.locator('#nameEn').fill('Output VAT');
      expect((await modal.textContent()) ?? '').toContain('负债');
      await page.getByTestId('account-save').click();
      await expect.poll(() => text(page, '222101')).toContain('应交增值税-销项税额');
      expect(await text(page, '222101')).toContain('负债');

      // A code outside its parent is refused next to the code field.
      await row(page, '2221').getByTestId('account-add-child-2221').click();
      await page.locator('#code').fill('100201');
      await page.locator('#name').fill('错误');
      await page.locator('#nameEn').fill('Wrong');
      await page.getByTestId('account-save').click();
      await expect.poll(async () => (await modal.textContent()) ?? '').toContain('明细科目代码必须以上级代码开头');
      await page.getByTestId('account-cancel').click();

      // Rename in both languages.
      await row(page, '222101').getByTestId('account-edit-222101').click();
      await page.locator('#nameEn').fill('Output VAT payable');
      await page.getByTestId('account-save').click();
      await expect.poll(() => text(page, '222101')).toContain('Output VAT payable');

      // 1001 carries the automatic cash postings: refused, still active.
      await row(page, '1001').getByTestId('account-deactivate-1001').click();
      await confirm(page);
      await expect.poll(() => toast(page)).toContain('正在使用');
      expect(await text(page, '1001')).toContain('启用');

      // A posting rule points 13 % VAT at 222101: refused, naming the rule; reset → deactivated.
      await apiCall(suite.server, token, 'PUT', '/posting-rules/tax_rate/1300', { account: '222101' });
      await row(page, '222101').getByTestId('account-deactivate-222101').click();
      await confirm(page);
      await expect.poll(() => toast(page)).toContain('tax_rate/1300');
      await apiCall(suite.server, token, 'DELETE', '/posting-rules/tax_rate/1300');
      await row(page, '222101').getByTestId('account-deactivate-222101').click();
      await confirm(page);
      await expect.poll(async () => row(page, '222101').count()).toBe(0);
      await page.getByTestId('account-show-inactive').click();
      await expect.poll(() => text(page, '222101')).toContain('停用');
      const chart = await apiCall<{ items: { code: string; active: boolean; nameEn: string }[] }>(suite.server, token, 'GET', '/accounts');
      expect(chart.items.find((a) => a.code === '222101')).toMatchObject({ active: false, nameEn: 'Output VAT payable' });
      expect(chart.items.every((a) => a.nameEn.trim().length > 0)).toBe(true);
      await screenshot(page, 'office-chart-of-accounts');

      // 关账 to a past date, then reopen.
      const card = page.getByTestId('lock-date-card');
      await card.locator('input').fill('2025-12-31');
      await card.locator('input').press('Enter');
      await page.getByTestId('lock-date-save').click();
      await expect.poll(async () => (await page.getByTestId('lock-date-status').textContent()) ?? '').toContain('2025-12-31');
      expect(await apiCall(suite.server, token, 'GET', '/books/lock-date')).toEqual({ lockDate: '2025-12-31' });
      await page.getByTestId('lock-date-reopen').click();
      await confirm(page);
      await expect.poll(async () => (await page.getByTestId('lock-date-status').textContent()) ?? '').toContain('未关账');
    } finally {
      await context.close();
    }
  });

  it('is read-only for the auditor', async () => {
    const { context, page } = await openOffice(suite.browser, suite.server, 'auditor');
    try {
      await page.goto(`${suite.server.url}/office/accounts`);
      await expect.poll(() => text(page, '1405')).toContain('库存商品');
      expect(await page.getByTestId('account-add').count()).toBe(0);
      expect(await page.getByTestId('lock-date-save').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
