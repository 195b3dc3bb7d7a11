// Back-office lists: a click on a column header asks the server for that order (the whole list,
// not just the rows on screen), and Export downloads every matching row as a file.
// Requires a built dist/web.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { openOffice } from './support/office';
import { startServer, type RunningServer } from './support/server';


let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  const external = process.env.CANGSHOU_E2E_URL;
  server = external ? { url: external.replace(/\/$/, ''), dataDir: '', output: () => '', stop: async () => {} } : await startServer();
  browser = await launchBrowser();
  ({ context, page } = await openOffice(browser, server, 'owner'));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

/** The SKUs of the table's rows, top to bottom. */
async function skus(): Promise<string[]> {
  return page.getByTestId('products-table').locator('tbody tr.ant-table-row td:nth-child(2) code').allTextContents();
}

/** The first SKUs of the whole catalog in this order, straight from the API (the session's cookie). */
async function serverOrder(sort: string, n: number): Promise<string[]> {
  const res = await page.request.get(`${server.url}/api/v1/products?sort=${sort}&pageSize=${n}`);
  expect(res.status()).toBe(200);
  return ((await res.json()).items as { sku: string }[]).map((p) => p.sku);
}

describe('back-office lists', () => {
  it('re-sorts the product list on the server when a column header is clicked', async () => {
    await page.goto(`${server.url}/office/products`);
    const table = page.getByTestId('products-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const priceHeader = table.locator('th', { hasText: '零售价' });

    const ascending = page.waitForResponse((r) => r.url().includes('/api/v1/products?') && r.url().includes('sort=price'));
    await priceHeader.click();
    await ascending;
    await expect.poll(skus).toEqual(await serverOrder('price', (await skus()).length));

    const descending = page.waitForResponse((r) => r.url().includes('/api/v1/products?') && r.url().includes('sort=-price'));
    await priceHeader.click();
    await descending;
    const shown = await serverOrder('-price', 20);
    await expect.poll(skus).toEqual(shown.slice(0, (await skus()).length));
    expect(shown[0]).not.toEqual((await serverOrder('price', 1))[0]);
  });

  it('exports the list in the current order as a CSV download', async () => {
    await page.getByTestId('products-export').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^products-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toContain('零售价');
    const all = await page.request.get(`${server.url}/api/v1/products?sort=-price&pageSize=500`);
    const items = (await all.json()).items as { sku: string }[];
    expect(lines).toHaveLength(items.length + 1);
    expect(lines[1]).toContain(items[0].sku);
  });
});
