// 销售分析 in the office as the store manager, against a real server on a fresh data directory: the
// month's net sales equal the sales posted through the API to the fen, the chart draws, and the
// dimension switches to stores. Requires a built dist/web (npm run build:web).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { uuidv7 } from '../src/core/id/uuidv7';
import { formatMoney } from '../src/web/shared/format';
import { launchBrowser, screenshot } from './support/browser';
import { DEMO_PASSWORD, apiCall } from './support/office';
import { startServer, type RunningServer } from './support/server';

const COLA = 'DRK-COLA-330';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const res = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'manager', password: DEMO_PASSWORD }) });
  const { token, user } = (await res.json()) as { token: string; user: { stores: { id: string }[] } };
  const registers = await apiCall<{ items: { id: string; code: string }[] }>(server, token, 'GET', `/registers?storeId=${user.stores[0].id}`);
  const registerId = registers.items.find((r) => r.code === 'R01')!.id;
  const shiftId = (await apiCall<{ id: string }>(server, token, 'POST', '/shifts', { id: uuidv7(), registerId, openingFloat: 20_000 })).id;
  // 3 colas at 3.50 and 1 cola: 14.00 today.
  for (const [qty, due] of [
    [3000, 1050],
    [1000, 350],
  ]) {
    await apiCall(server, token, 'POST', '/sales', { id: uuidv7(), registerId, shiftId, clientTime: new Date().toISOString(), lines: [{ code: COLA, qty }], payments: [{ method: 'cash', amount: due }], clientTotal: due });
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('sales analytics as the store manager', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/office/login`);
    await page.locator('#login_username').waitFor({ timeout: 60_000 });
    await page.locator('#login_username').fill('manager');
    await page.locator('#login_password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/office\/?$/);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('shows the month by day with the exact net sales, then by store', async () => {
    await page.goto(`${server.url}/office/analytics`);
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('销售分析');
    await expect.poll(() => page.getByTestId('analytics-total-netSales').textContent()).toBe(formatMoney(1400, { symbol: false }));
    await page.getByTestId('analytics-chart').locator('canvas').waitFor();
    await page.getByTestId('analytics-by').click();
    await page.getByTitle('按门店').click();
    await expect.poll(() => page.getByTestId('analytics-table').locator('tbody tr.ant-table-row').first().textContent()).toContain('S01');
    await page.waitForTimeout(1_000);
    await screenshot(page, 'sales-analytics-by-store');
  });
});
