// The manager's sales screens in the back office, against a real server on a fresh data
// directory: a shift on S01 R01 with a sale, a return, a voided sale and a short count is set up
// through the API; then the manager opens the sales journal, views a receipt, reads the shift's
// X report and closes the day; the owner's settings form shows a server field error.
// Requires a built dist/web (npm run build:web).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { uuidv7 } from '../src/core/id/uuidv7';
import { launchBrowser, screenshot } from './support/browser';
import { apiCall, apiLogin, openOffice } from './support/office';
import { startServer, type RunningServer } from './support/server';

const COLA = 'DRK-COLA-330';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // Float 200.00; sale 1: 2 colas 7.00 paid 10.00 (change 3.00); one can returned (3.50 back);
  // sale 2: 1 cola 3.50 cash, voided. Expected drawer 203.50; counted 203.40: 0.10 short.
  const { token, storeId } = await apiLogin(server, 'manager');
  const registers = await apiCall<{ items: { id: string; code: string }[] }>(server, token, 'GET', `/registers?storeId=${storeId}`);
  const registerId = registers.items.find((r) => r.code === 'R01')!.id;
  const shift = await apiCall<{ id: string }>(server, token, 'POST', '/shifts', { id: uuidv7(), registerId, openingFloat: 20_000 });
  const sell = (qty: number, paid: number, due: number) =>
    apiCall<{ id: string; number: string }>(server, token, 'POST', '/sales', {
      id: uuidv7(), registerId, shiftId: shift.id, clientTime: new Date().toISOString(),
      lines: [{ code: COLA, qty }], payments: [{ method: 'cash', amount: paid }], clientTotal: due,
    });
  const first = await sell(2000, 1000, 700);
  await apiCall(server, token, 'POST', '/returns', { id: uuidv7(), registerId, shiftId: shift.id, clientTime: new Date().toISOString(), saleNumber: first.number, lines: [{ lineNo: 1, qty: 1000 }] });
  const second = await sell(1000, 350, 350);
  await apiCall(server, token, 'POST', '/voids', { id: uuidv7(), registerId, saleId: second.id, reason: 'e2e' });
  await apiCall(server, token, 'POST', `/shifts/${shift.id}/close`, { id: uuidv7(), cash: { '100': 2, '1': 3, '0.1': 4 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('sales, shifts and day close as the store manager', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await openOffice(browser, server, 'manager'));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('opens the sales journal with the sale, the return and the void', async () => {
    await page.getByTestId('nav').getByRole('menuitem', { name: '销售流水' }).click();
    await page.waitForURL(/\/office\/sales/);
    const rows = page.getByTestId('sales-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(4);
    const text = (await page.getByTestId('sales-table').textContent()) ?? '';
    for (const kind of ['销售', '退货', '作废']) expect(text).toContain(kind);
    expect(text).toContain('-¥3.50');
    await screenshot(page, 'office-sales-journal');
  });

  it('shows a sale’s printed receipt', async () => {
    await page.getByTestId('sales-table').locator('tbody tr.ant-table-row').last().click();
    await page.getByTestId('receipt-drawer').waitFor();
    const frame = page.frameLocator('[data-testid="receipt-frame"]');
    await expect.poll(async () => (await frame.locator('body').textContent()) ?? '', { timeout: 10_000 }).toContain('购物小票');
    await page.waitForTimeout(500);
    await screenshot(page, 'office-sales-receipt');
    await page.keyboard.press('Escape');
    await page.getByTestId('receipt-drawer').waitFor({ state: 'hidden' });
  });

  it('reads the closed shift’s X report with the 0.10 shortage', async () => {
    await page.getByTestId('nav').getByRole('menuitem', { name: '班次与日结' }).click();
    await page.waitForURL(/\/office\/shifts/);
    const table = page.getByTestId('shifts-table');
    await expect.poll(async () => (await table.textContent()) ?? '').toContain('-¥0.10');
    expect(await table.textContent()).toContain('已交班');
    await screenshot(page, 'office-shifts');
    await page.getByTestId('x-report').first().click();
    const drawer = page.getByTestId('x-report-drawer');
    await expect.poll(async () => (await drawer.textContent()) ?? '').toContain('203.50');
    await page.waitForTimeout(500); // let the drawer finish sliding in
    await screenshot(page, 'office-shift-x-report');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('closes the day and shows it closed', async () => {
    await expect.poll(async () => (await page.getByTestId('day-status').textContent()) ?? '').toContain('未日结');
    await page.getByTestId('close-day').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await expect.poll(async () => (await page.getByTestId('day-status').textContent()) ?? '', { timeout: 15_000 }).toContain('已日结');
    await screenshot(page, 'office-day-closed');
  });
});

describe('checkout settings as the owner', () => {
  it('shows the server’s field error next to the scale flags and saves a valid change', async () => {
    const { context, page } = await openOffice(browser, server, 'owner');
    try {
      await page.goto(`${server.url}/office/settings`);
      await page.getByTestId('settings-form').waitFor();
      const flags = page.getByTestId('scale-flags').locator('input');
      await flags.fill('2');
      await flags.press('Enter');
      await page.getByTestId('settings-save').click();
      const error = page.locator('.ant-form-item').filter({ has: page.getByTestId('scale-flags') }).locator('.ant-form-item-explain-error');
      await expect.poll(async () => (await error.textContent()) ?? '').not.toBe('');
      await screenshot(page, 'office-settings-error');
      // Remove the bad flag again and save a receipt footer.
      await page.getByTestId('scale-flags').locator('.ant-select-selection-item-remove').last().click();
      await page.locator('#receiptFooter').fill('七天无理由退换 · 谢谢惠顾');
      await page.getByTestId('settings-save').click();
      await page.locator('.ant-message-success').waitFor();
      await expect.poll(() => error.count()).toBe(0);
      await screenshot(page, 'office-settings');
    } finally {
      await context.close();
    }
  });
});
