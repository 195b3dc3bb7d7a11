// The financial reports page (财务报表) as the finance user, against a real server on a fresh data
// directory: a sale posted through the API moves the P&L revenue by exactly its taxable amount, the
// charts draw, the balance sheet balances, the VAT tab and the general ledger show the sale, the
// hledger journal export holds its number, and the page reads in English too.
// Hand-checked sale: 3 colas at ¥3.50 (13 % VAT) = 1050 → taxable round(1050 / 1.13) = 929, tax 121.
// Requires a built dist/web (npm run build:web).
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { uuidv7 } from '../src/core/id/uuidv7';
import { launchBrowser, screenshot } from './support/browser';
import { apiCall, apiLogin, openOffice } from './support/office';
import { startServer, type RunningServer } from './support/server';

const COLA = 'DRK-COLA-330';
const SALE_GROSS = 1050;
const SALE_TAXABLE = 929;
const SALE_TAX = 121;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** "1,234.56" or "-0.07" (the tables show no currency symbol) → fen, read exactly from the digits. */
function fenOf(text: string | null): number {
  const match = /^(-?)¥?([\d,]+)\.(\d{2})$/.exec((text ?? '').trim());
  if (!match) throw new Error(`not a money figure: ${text}`);
  const fen = Number(match[2].replace(/,/g, '')) * 100 + Number(match[3]);
  return match[1] ? -fen : fen;
}

const figure = async (testId: string) => fenOf(await page.getByTestId(testId).first().textContent());

/** Lets the charts finish their entry animation before a screenshot. */
const settle = () => page.waitForTimeout(1_200);

async function openTab(name: RegExp) {
  await page.getByTestId('reports-tabs').getByRole('tab', { name }).click();
}

let sale: { id: string; number: string };

async function postSale() {
  const manager = await apiLogin(server, 'manager');
  const registers = await apiCall<{ items: { id: string; code: string }[] }>(server, manager.token, 'GET', `/registers?storeId=${manager.storeId}`);
  const registerId = registers.items.find((r) => r.code === 'R01')!.id;
  const shiftId = (await apiCall<{ id: string }>(server, manager.token, 'POST', '/shifts', { id: uuidv7(), registerId, openingFloat: 0 })).id;
  sale = await apiCall<{ id: string; number: string }>(server, manager.token, 'POST', '/sales', {
    id: uuidv7(),
    registerId,
    shiftId,
    clientTime: new Date().toISOString(),
    lines: [{ code: COLA, qty: 3000 }],
    payments: [{ method: 'cash', amount: SALE_GROSS }],
    clientTotal: SALE_GROSS,
  });
  // The hand figures above are the server's: the one line's taxable amount and tax.
  const doc = await apiCall<{ lines: { amount: number; data: { tax: number; taxRate: number } | null }[] }>(server, manager.token, 'GET', `/documents/${sale.id}`);
  const line = doc.lines.find((l) => l.data?.taxRate === 1300)!;
  expect([line.amount, line.data!.tax]).toEqual([SALE_GROSS, SALE_TAX]);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ({ context, page } = await openOffice(browser, server, 'finance'));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('the financial reports page as finance', () => {
  let vatBefore: number;

  it('opens 财务报表 from the menu; the P&L revenue moves by exactly the sale’s taxable amount and its charts draw', async () => {
    await page.getByTestId('nav').getByRole('menuitem', { name: '财务报表' }).click();
    await page.waitForURL(/\/office\/reports/);
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('财务报表');
    await page.getByTestId('profit-and-loss').waitFor();
    const before = await figure('pl-revenue');
    const netBefore = await figure('pl-netProfit');
    const finance = await apiLogin(server, 'finance');
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const monthStart = `${today.slice(0, 8)}01`;
    vatBefore = (await apiCall<{ totalTax: number }>(server, finance.token, 'GET', `/reports/vat-summary?from=${monthStart}&to=${today}`)).totalTax;

    await postSale();
    await page.reload();
    await page.getByTestId('profit-and-loss').waitFor();
    await expect.poll(() => figure('pl-revenue')).toBe(before + SALE_TAXABLE);
    // Net profit moves by the revenue less the colas' cost; it moved up, by less than the revenue.
    const netAfter = await figure('pl-netProfit');
    expect(netAfter).toBeGreaterThan(netBefore);
    expect(netAfter - netBefore).toBeLessThan(SALE_TAXABLE);
    await page.getByTestId('pl-chart').locator('canvas').waitFor();
    await page.getByTestId('pl-trend-chart').locator('canvas').waitFor();
    await settle();
    await screenshot(page, 'reports-pl');
  });

  it('balances the balance sheet and draws it', async () => {
    await openTab(/资产负债表/);
    await page.getByTestId('balance-sheet').waitFor();
    await page.getByTestId('bs-chart').locator('canvas').waitFor();
    const assets = await figure('bs-assets');
    expect(assets).toBeGreaterThan(0);
    expect(await figure('bs-liabilitiesAndEquity')).toBe(assets);
    await expect(page.getByText('资产 = 负债 + 所有者权益').count()).resolves.toBe(1);
    await settle();
    await screenshot(page, 'reports-balance-sheet');
  });

  it('adds the sale’s 121 fen to output VAT at 13 %, agreeing with the books', async () => {
    await openTab(/增值税销项/);
    await page.getByTestId('vat-summary').waitFor();
    await expect.poll(() => figure('vat-total-tax')).toBe(vatBefore + SALE_TAX);
    const row13 = page.getByTestId('vat-summary').locator('tr').filter({ hasText: '13%' });
    await expect.poll(() => row13.count()).toBe(1);
    await expect.poll(() => figure('vat-ledger')).toBe(vatBefore + SALE_TAX);
    await page.getByTestId('vat-chart').locator('canvas').waitFor();
    await settle();
    await screenshot(page, 'reports-vat');
  });

  it('lists the sale on 5001 in the general ledger with a running balance', async () => {
    await openTab(/明细账/);
    await page.getByTestId('gl-account').click();
    await page.keyboard.type('5001');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '5001' }).first().click();
    const row = page.getByTestId('general-ledger').locator('tr').filter({ hasText: sale.number });
    await row.waitFor();
    // Revenue is a credit: 9.29 in the credit column, and the balance after it is 9.29 lower.
    const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
    expect(cells).toContain('9.29');
    const credit = await figure('gl-credit');
    const closing = await figure('gl-closing');
    const opening = await figure('gl-opening');
    expect(closing).toBe(opening + (await figure('gl-debit')) - credit);
    await page.getByTestId('gl-chart').locator('canvas').waitFor();
    await settle();
    await screenshot(page, 'reports-ledger');
  });

  it('downloads the hledger journal of the period holding the sale’s number', async () => {
    await page.getByTestId('journal-exports').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-journal-ledger').click()]);
    expect(download.suggestedFilename()).toMatch(/^journal-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.journal$/);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text).toContain(`(${sale.number})`);
    expect(text).toContain('5001:主营业务收入  -9.29 CNY');
  });

  it('offers the open tab’s report as a file and reads in English', async () => {
    await openTab(/利润表/);
    await page.getByTestId('export-profitAndLoss').click();
    const href = await page.getByTestId('export-profitAndLoss-pdf').getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/reports\/profit-and-loss\?from=.*format=pdf&lang=zh-CN$/);
    const file = await context.request.get(`${server.url}${href}`);
    expect(file.status()).toBe(200);
    expect((await file.body()).subarray(0, 4).toString()).toBe('%PDF');
    await page.keyboard.press('Escape');

    await page.getByTestId('lang-switch').getByText('EN').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Financial reports');
    const tabs = (await page.getByTestId('reports-tabs').getByRole('tab').allTextContents()).join('|');
    expect(tabs).toBe('Profit and loss|Balance sheet|Trial balance|General ledger|Output VAT');
    await page.getByTestId('pl-trend-chart').locator('canvas').waitFor();
    const text = (await page.getByTestId('profit-and-loss').textContent()) ?? '';
    for (const label of ['Revenue', 'Cost of sales', 'Gross profit', 'Net profit']) expect(text).toContain(label);
    expect(text).not.toContain('营业收入');
    await settle();
    await screenshot(page, 'reports-pl-en');
    await openTab(/Balance sheet/);
    await page.getByTestId('bs-chart').locator('canvas').waitFor();
    await settle();
    await screenshot(page, 'reports-balance-sheet-en');
    await page.getByTestId('lang-switch').getByText('中文').click();
  });
});
