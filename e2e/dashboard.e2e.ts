// The office dashboard as a store manager and as the owner, against a real server on a fresh data
// directory: today's net sales move by exactly a sale posted through the API, the labels follow
// the language switch; the owner compares stores. Then the variant templates screen creates a
// template and generates its products. Requires a built dist/web (npm run build:web).
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

/** "¥1,234.56" → 123456 fen, read exactly from the digits. */
function fenOf(text: string): number {
  const match = /^(-?)¥([\d,]+)\.(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`not a money figure: ${text}`);
  const fen = Number(match[2].replace(/,/g, '')) * 100 + Number(match[3]);
  return match[1] ? -fen : fen;
}

/** Lets the charts finish their entry animation before a screenshot. */
const settle = (page: Page) => page.waitForTimeout(1_200);

let manager: { token: string; storeId: string };
let registerId: string;
let shiftId: string;

/**
 * A cash sale of `qty` thousandths of cola (3.50 each) on S01 R01; returns the amount due in fen.
 * `hoursAgo` makes it an offline sale rung up then, which counts on that business date.
 */
async function sellCola(qty: number, due: number, hoursAgo = 0): Promise<number> {
  const offline = hoursAgo > 0;
  await apiCall(server, manager.token, 'POST', '/sales', {
    id: uuidv7(),
    registerId,
    shiftId,
    clientTime: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
    lines: [{ code: COLA, qty, ...(offline ? { unitPrice: 350 } : {}) }],
    payments: [{ method: 'cash', amount: due }],
    clientTotal: due,
    ...(offline ? { offline } : {}),
  });
  return due;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  manager = await apiLogin(server, 'manager');
  const registers = await apiCall<{ items: { id: string; code: string }[] }>(server, manager.token, 'GET', `/registers?storeId=${manager.storeId}`);
  registerId = registers.items.find((r) => r.code === 'R01')!.id;
  shiftId = (await apiCall<{ id: string }>(server, manager.token, 'POST', '/shifts', { id: uuidv7(), registerId, openingFloat: 20_000 })).id;
  // Yesterday 2 colas (7.00, an offline sale synced today); today before the manager looks:
  // 3 colas (10.50) and 1 cola (3.50).
  await sellCola(2000, 700, 24);
  await sellCola(3000, 1050);
  await sellCola(1000, 350);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the dashboard as the store manager', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await openOffice(browser, server, 'manager'));
  });
  afterAll(async () => {
    await context?.close();
  });

  it("shows today's net sales, and the exact new figure after a sale and a refresh", async () => {
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('经营看板');
    const today = page.getByTestId('kpi-netSales-today');
    await today.waitFor();
    const before = fenOf((await today.textContent()) ?? '');
    expect(before).toBe(1400);
    const ticketsBefore = Number(await page.getByTestId('kpi-tickets-today').textContent());
    expect(ticketsBefore).toBe(2);
    await page.getByTestId('daily-chart').locator('canvas').waitFor();
    await page.getByTestId('top-products').getByText(COLA).waitFor();
    await settle(page);
    await screenshot(page, 'dashboard-manager');

    const due = await sellCola(2000, 700);
    await page.getByTestId('dashboard-refresh').click();
    await expect.poll(() => today.textContent()).toBe(formatMoney(before + due));
    await expect.poll(() => page.getByTestId('kpi-tickets-today').textContent()).toBe(String(ticketsBefore + 1));
    // The period (last 7 days) holds yesterday's 7.00 and today: it moved by the same amount.
    expect(fenOf((await page.getByTestId('kpi-netSales-value').textContent()) ?? '')).toBe(700 + before + due);
  });

  it('switches the dashboard to English', async () => {
    await page.getByTestId('lang-switch').getByText('EN').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Dashboard');
    const text = (await page.getByTestId('dashboard').textContent()) ?? '';
    for (const label of ['Net sales', 'Gross profit', 'Tickets', 'Average ticket', 'Top 10 products', 'Needs attention']) expect(text).toContain(label);
    expect(text).not.toContain('销售净额');
    await settle(page);
    await screenshot(page, 'dashboard-manager-en');
    await page.getByTestId('lang-switch').getByText('中文').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('经营看板');
  });

  it("narrows the period to today, compared with yesterday (环比)", async () => {
    await page.getByTestId('dashboard-preset').getByText('今天').click();
    await expect.poll(() => page.getByTestId('kpi-netSales-value').textContent()).toBe(formatMoney(2100));
    await expect(page.getByTestId('kpi-netSales-today').count()).resolves.toBe(0);
    // 21.00 today after 7.00 yesterday: up 200.0 %; 3 tickets after 1.
    const netSales = page.getByTestId('kpi-netSales');
    await expect(netSales.locator('[data-change="up"]').textContent()).resolves.toContain('200.0%');
    await expect(page.getByTestId('kpi-tickets').locator('[data-change="up"]').textContent()).resolves.toContain('200.0%');
    await settle(page);
    await screenshot(page, 'dashboard-manager-today');
  });
});

describe('the dashboard and variant templates as the owner', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await openOffice(browser, server, 'owner'));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('compares the stores', async () => {
    await page.getByTestId('stores-chart').locator('canvas').waitFor();
    await expect.poll(() => page.getByTestId('kpi-netSales-today').textContent()).toBe(formatMoney(2100));
    await settle(page);
    await screenshot(page, 'dashboard-owner');
  });

  it('creates a variant template and generates its products', async () => {
    await page.getByTestId('nav').getByRole('menuitem', { name: '规格模板' }).click();
    await page.waitForURL(/\/office\/variant-templates/);
    await page.getByTestId('new-template').click();
    await page.locator('#variantTemplate_name').fill('T恤');
    await page.locator('#variantTemplate_attributes_0_name').fill('尺码');
    const values = page.locator('#variantTemplate_attributes_0_values');
    for (const v of ['S', 'M', 'L']) {
      await values.fill(v);
      await values.press('Enter');
    }
    await page.getByRole('button', { name: '添加规格' }).click();
    await page.locator('#variantTemplate_attributes_1_name').fill('颜色');
    const colours = page.locator('#variantTemplate_attributes_1_values');
    for (const v of ['红', '蓝']) {
      await colours.fill(v);
      await colours.press('Enter');
    }
    await expect.poll(() => page.getByTestId('template-count').textContent()).toBe('6 个组合');
    await screenshot(page, 'variant-template-drawer');
    await page.getByTestId('template-submit').click();
    await page.getByTestId('templates-table').getByText('T恤').waitFor();

    await page.getByTestId('generate-T恤').click();
    await page.locator('#generateVariants_baseSku').fill('TSHIRT');
    await page.locator('#generateVariants_price').fill('59');
    await page.getByTestId('generate-submit').click();
    const generated = page.getByTestId('generated-products');
    await expect.poll(async () => generated.locator('tbody tr.ant-table-row').count()).toBe(6);
    expect(await generated.textContent()).toContain('TSHIRT-L-蓝');
    expect(await generated.textContent()).toContain('¥59.00');
    await page.waitForTimeout(400);
    await screenshot(page, 'variant-templates-generated');
  });

  it('lists one store’s people, unpairs a register and opens that store’s checkout settings', async () => {
    await page.goto(`${server.url}/office/users`);
    const users = page.getByTestId('users-table');
    await users.getByText('manager', { exact: true }).waitFor();
    await page.getByTestId('user-store-filter').click();
    await page.locator('.ant-select-dropdown:visible').getByText('东门店 East Gate (S02)').click();
    await expect.poll(async () => (await users.textContent()) ?? '').not.toContain('@manager');
    await expect.poll(async () => users.getByText('manager', { exact: true }).count()).toBe(0);
    await users.getByText('owner', { exact: true }).waitFor();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await screenshot(page, 'users-by-store');

    await page.goto(`${server.url}/office/stores`);
    const registers = page.getByTestId('registers-card');
    await registers.locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('pair-R01').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await page.getByTestId('device-token').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '关闭', exact: true }).last().click();
    const r01 = registers.locator('tr', { hasText: 'R01' });
    await r01.getByText('已配对', { exact: true }).waitFor();
    await page.getByTestId('unpair-R01').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await r01.getByText('未配对', { exact: true }).waitFor();
    await screenshot(page, 'stores-unpaired');

    await page.getByTestId('store-settings-link').click();
    await page.waitForURL(/\/office\/settings$/);
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('收银设置');
  });
});
