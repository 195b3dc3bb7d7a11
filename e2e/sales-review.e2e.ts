// The review step of the sales review list in the back office, against a real server: an offline
// sale rung up at a stale price (3.00 on the till, 3.50 on the server) is flagged; the store
// manager ticks the flag, marks it reviewed with a note, and finds it under "reviewed".
// Requires a built dist/web (npm run build:web).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { uuidv7 } from '../src/core/id/uuidv7';
import { launchBrowser, screenshot } from './support/browser';
import { apiCall, apiLogin, openOffice } from './support/office';
import { startServer, type RunningServer } from './support/server';

let server: RunningServer;
let browser: Browser;
let saleNumber: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const { token, storeId } = await apiLogin(server, 'manager');
  const registers = await apiCall<{ items: { id: string; code: string }[] }>(server, token, 'GET', `/registers?storeId=${storeId}`);
  const registerId = registers.items.find((r) => r.code === 'R01')!.id;
  const shift = await apiCall<{ id: string }>(server, token, 'POST', '/shifts', { id: uuidv7(), registerId, openingFloat: 20_000 });
  const sale = await apiCall<{ number: string; flags: { kind: string }[] }>(server, token, 'POST', '/sales', {
    id: uuidv7(), registerId, shiftId: shift.id, offline: true, clientTime: new Date().toISOString(),
    lines: [{ code: 'DRK-COLA-330', qty: 1000, unitPrice: 300 }], payments: [{ method: 'cash', amount: 300 }], clientTotal: 300,
  });
  expect(sale.flags.map((f) => f.kind)).toEqual(['price_differs']);
  saleNumber = sale.number;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the sales review list as the store manager', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await openOffice(browser, server, 'manager'));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('marks the offline sale’s price flag reviewed with a note', async () => {
    await page.goto(`${server.url}/office/sales?tab=review`);
    const tab = page.getByTestId('review-tab');
    await expect.poll(async () => (await tab.textContent()) ?? '').toBe('待复核 (1)');
    const rows = page.getByTestId('review-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(saleNumber);
    expect(await rows.first().textContent()).toContain('离线价格不同');

    await rows.first().locator('.ant-checkbox-input').check();
    // Ticking the row selects it; it does not open the receipt.
    expect(await page.getByTestId('receipt-drawer').count()).toBe(0);
    await page.getByTestId('mark-reviewed').click();
    await page.getByTestId('review-note').fill('价签未及时更新，已核实');
    await page.waitForTimeout(400); // the dialog's opening animation
    await screenshot(page, 'office-sales-review-note');
    await page.locator('.ant-modal').getByRole('button', { name: '标记已复核' }).click();

    await expect.poll(() => rows.count()).toBe(0);
    await expect.poll(async () => (await tab.textContent()) ?? '').toBe('待复核 (0)');
    await page.getByTestId('review-status').getByText('已复核').click();
    await expect.poll(() => rows.count()).toBe(1);
    const reviewed = (await rows.first().textContent()) ?? '';
    expect(reviewed).toContain('李店长');
    expect(reviewed).toContain('价签未及时更新，已核实');
    await screenshot(page, 'office-sales-reviewed');
  });
});
