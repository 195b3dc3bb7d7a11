// Tax rates as the owner: the settings card lists the company's rates, renames one, deactivates
// one, refuses to deactivate a rate products carry (naming them) and adds one; the new-product
// drawer then offers only the active rates with the default preselected.
// Requires a built dist/web (npm run build:web).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { openOffice } from './support/office';
import { startServer, type RunningServer } from './support/server';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ({ context, page } = await openOffice(browser, server, 'owner'));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('tax rates in settings', () => {
  it('lists, renames, deactivates and adds rates; refuses a rate products carry', async () => {
    await page.goto(`${server.url}/office/settings`);
    const card = page.getByTestId('tax-rates-card');
    const rows = card.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(7);
    expect((await rows.first().textContent()) ?? '').toContain('13%');

    await card.getByLabel('名称 6%', { exact: true }).fill('现代服务');
    await card.getByTestId('tax-rate-save-600').click();
    await page.locator('.ant-message-success').first().waitFor();

    await card.getByTestId('tax-rate-active-100').click();
    await expect.poll(async () => card.getByTestId('tax-rate-active-100').getAttribute('aria-checked')).toBe('false');

    await card.getByTestId('tax-rate-active-900').click();
    await expect.poll(async () => (await page.locator('.ant-message-error').textContent()) ?? '').toContain('DAI-MILK-250');
    expect(await card.getByTestId('tax-rate-active-900').getAttribute('aria-checked')).toBe('true');

    await card.getByLabel('税率', { exact: true }).fill('11');
    await card.getByPlaceholder('名称', { exact: true }).fill('旧税率');
    await card.getByPlaceholder('英文名称', { exact: true }).fill('Old rate');
    await card.getByTestId('tax-rate-add').click();
    await expect.poll(() => rows.count()).toBe(8);
    await screenshot(page, 'office-settings-tax-rates');
  });

  it('offers the active rates in the new-product drawer, the default preselected', async () => {
    await page.goto(`${server.url}/office/products`);
    await page.getByTestId('new-product').click();
    const select = page.getByTestId('product-tax-rate');
    await select.waitFor();
    expect((await select.textContent()) ?? '').toContain('13% 一般货物');
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    // Read the open list; reopen it if a re-render of the drawer closed it in between.
    const labels = async () => {
      if (!(await options.count())) await select.click();
      return options.allTextContents();
    };
    await expect.poll(async () => (await labels()).length).toBe(7);
    await expect.poll(labels).toEqual(expect.arrayContaining(['6% 现代服务', '11% 旧税率']));
    expect((await labels()).some((l) => l.startsWith('1% '))).toBe(false);
    await screenshot(page, 'office-product-tax-rates');
  });
});
