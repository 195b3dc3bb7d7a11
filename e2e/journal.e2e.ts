// Manual journal entries in the back office (凭证), against a real server: finance drafts a rent
// entry with two lines (the totals tag shows when it balances), cannot approve it herself; the
// owner approves it (posted JV number), then reverses it; the year-end close dialog closes last year.
// Requires a built dist/web (npm run build:web).
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot } from './support/browser';
import { openOffice } from './support/office';
import { useServerAndBrowser } from './support/suite';

const suite = useServerAndBrowser();

async function newPage(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await openOffice(suite.browser, suite.server, username);
  await opened.page.getByTestId('nav').getByRole('menuitem', { name: '凭证' }).click();
  await opened.page.waitForURL(/\/office\/journal/);
  return opened;
}

async function pickAccount(page: Page, line: number, code: string) {
  await page.locator(`#lines_${line}_account`).click();
  await page.locator(`#lines_${line}_account`).fill(code);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: code }).first().click();
}

describe('manual journal entries', () => {
  it('finance drafts a balanced entry and cannot approve it herself', async () => {
    const { context, page } = await newPage('finance');
    try {
      await page.getByTestId('new-entry').click();
      const drawer = page.getByTestId('entry-drawer');
      await drawer.locator('#memo').fill('十一月房租 November rent');
      await pickAccount(page, 0, '5602');
      await page.locator('#lines_0_debit').fill('1200.50');
      await pickAccount(page, 1, '1002');
      await page.locator('#lines_1_credit').fill('1200');
      await expect.poll(async () => (await drawer.textContent()) ?? '').toContain('借贷差额');
      await page.locator('#lines_1_credit').fill('1200.50');
      await expect.poll(async () => (await drawer.textContent()) ?? '').toContain('借贷平衡');
      await screenshot(page, 'office-journal-draft');
      await page.getByTestId('save-entry').click();
      const detail = page.getByTestId('entry-detail');
      await expect.poll(async () => (await detail.textContent()) ?? '').toContain('1,200.50');
      expect(await page.getByTestId('approve-entry').isDisabled()).toBe(true);
      expect((await detail.textContent()) ?? '').toContain('制单人不能审核自己的凭证');
    } finally {
      await context.close();
    }
  });

  it('the owner approves it, then reverses it', async () => {
    const { context, page } = await newPage('owner');
    try {
      const rows = page.getByTestId('manual-entries').locator('tbody tr.ant-table-row');
      await expect.poll(() => rows.count()).toBe(1);
      expect((await rows.first().textContent()) ?? '').toContain('待审核');
      await rows.first().click();
      await page.getByTestId('approve-entry').click();
      await page.locator('.ant-modal-confirm .ant-btn-primary').click();
      await expect.poll(async () => (await rows.first().textContent()) ?? '').toMatch(/JV-S01-\d{6}/);
      expect((await rows.first().textContent()) ?? '').toContain('已过账');

      await page.getByTestId('reverse-entry').click();
      await page.getByTestId('reverse-memo').fill('冲销 entered twice');
      await page.locator('.ant-modal:visible .ant-btn-dangerous').click();
      await expect.poll(async () => (await rows.first().textContent()) ?? '').toContain('已冲销');
      await screenshot(page, 'office-journal-reversed');

      // The posted entry links back to its document, whose journal is the entry's lines.
      await page.getByTestId('entry-document').click();
      const documentDrawer = page.getByTestId('document-drawer');
      await expect.poll(async () => (await documentDrawer.locator('.ant-drawer-title').textContent()) ?? '').toMatch(/单据 JV-S01-\d{6}/);
      await documentDrawer.getByRole('tab', { name: /会计分录/ }).click();
      await expect.poll(async () => (await documentDrawer.textContent()) ?? '').toContain('5602');
      expect((await documentDrawer.textContent()) ?? '').toContain('1,200.50');
    } finally {
      await context.close();
    }
  });

  it('closes last year from the confirm dialog', async () => {
    const { context, page } = await newPage('owner');
    try {
      await page.getByTestId('year-end-close').click();
      const year = new Date().getFullYear() - 1;
      await page.getByTestId('year-end-year').fill(String(year));
      await page.locator('.ant-modal:visible .ant-btn-dangerous').click();
      await expect.poll(async () => (await page.locator('.ant-message').textContent()) ?? '').toContain(`${year} 年已结账`);
    } finally {
      await context.close();
    }
  });
});
