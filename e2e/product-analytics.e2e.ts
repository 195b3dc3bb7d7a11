// 商品分析 in the office as the store manager, against a real server: after four colas are sold,
// each tab (best sellers, slow movers, ABC, stock turnover) shows the API's figures for the same
// period, draws its chart and offers its exports. Requires a built dist/web (npm run build:web).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { uuidv7 } from '../src/core/id/uuidv7';
import { formatMoney } from '../src/web/shared/format';
import { launchBrowser, screenshot } from './support/browser';
import { apiCall, apiLogin, openOffice } from './support/office';
import { startServer, type RunningServer } from './support/server';

const COLA = 'DRK-COLA-330';

let server: RunningServer;
let browser: Browser;
let token: string;

/** The page's default period: the month to date in Shanghai. */
function monthToDate(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  return `from=${today.slice(0, 8)}01&to=${today}`;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const login = await apiLogin(server, 'manager');
  token = login.token;
  const registers = await apiCall<{ items: { id: string; code: string }[] }>(server, token, 'GET', `/registers?storeId=${login.storeId}`);
  const registerId = registers.items.find((r) => r.code === 'R01')!.id;
  const shiftId = (await apiCall<{ id: string }>(server, token, 'POST', '/shifts', { id: uuidv7(), registerId, openingFloat: 20_000 })).id;
  await apiCall(server, token, 'POST', '/sales', { id: uuidv7(), registerId, shiftId, clientTime: new Date().toISOString(), lines: [{ code: COLA, qty: 4000 }], payments: [{ method: 'cash', amount: 1400 }], clientTotal: 1400 });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('product analytics as the store manager', () => {
  let context: BrowserContext;
  let page: Page;
  const rows = () => page.getByTestId('product-analytics-table').locator('tbody tr.ant-table-row');
  const firstRow = async () => (await rows().first().textContent()) ?? '';
  const openTab = (name: string) => page.getByRole('tab', { name }).click();

  beforeAll(async () => {
    ({ context, page } = await openOffice(browser, server, 'manager'));
    await page.getByTestId('nav').getByRole('menuitem', { name: '商品分析' }).click();
    await page.waitForURL(/\/office\/product-analytics/);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('ranks the best sellers as the API does, with the cola first at its exact net sales', async () => {
    const best = await apiCall<{ items: { sku: string; netSales: number }[] }>(server, token, 'GET', `/analytics/products?${monthToDate()}&sort=best&limit=50`);
    expect(best.items.find((i) => i.sku === COLA)?.netSales).toBeGreaterThanOrEqual(1400);
    await expect.poll(firstRow).toContain(best.items[0].sku);
    expect(await firstRow()).toContain(formatMoney(best.items[0].netSales, { symbol: false }));
    expect(await rows().count()).toBe(best.items.length);
    await page.getByTestId('product-analytics-chart').locator('canvas').waitFor();
  });

  it('lists the slow movers: products on hand that sold least', async () => {
    const slow = await apiCall<{ items: { sku: string }[] }>(server, token, 'GET', `/analytics/products?${monthToDate()}&sort=slow&limit=50`);
    expect(slow.items.length).toBeGreaterThan(0);
    await openTab('滞销商品');
    await expect.poll(firstRow).toContain(slow.items[0].sku);
    expect(await rows().count()).toBe(slow.items.length);
  });

  it('classes products A/B/C with the API summary, and exports that report', async () => {
    const abc = await apiCall<{ summary: { class: string; products: number }[]; items: { sku: string }[] }>(server, token, 'GET', `/analytics/abc?${monthToDate()}`);
    await openTab('ABC 分析');
    const a = abc.summary.find((c) => c.class === 'A')!;
    await expect.poll(async () => (await page.getByTestId('abc-summary').textContent()) ?? '').toContain(`A 类：${a.products} 个商品`);
    await expect.poll(firstRow).toContain(abc.items[0].sku);
    await page.getByRole('button', { name: /导出/ }).click();
    const href = (await page.getByTestId('product-analytics-export-xlsx').getAttribute('href')) ?? '';
    expect(href).toMatch(/\/api\/v1\/analytics\/abc\?.*format=xlsx/);
    const file = await context.request.get(`${server.url}${href}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('spreadsheetml');
    await screenshot(page, 'office-product-analytics-abc');
  });

  it('shows stock turnover and days of cover with the API totals', async () => {
    const turnover = await apiCall<{ totals: { daysOfCover: number | null }; items: unknown[] }>(server, token, 'GET', `/analytics/stock-turnover?${monthToDate()}`);
    expect(turnover.totals.daysOfCover).not.toBeNull();
    await openTab('库存周转');
    await expect.poll(async () => (await page.getByTestId('turnover-total-days').textContent()) ?? '').toBe(String(turnover.totals.daysOfCover));
  });
});
