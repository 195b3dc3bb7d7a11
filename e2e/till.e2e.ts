// The till as a cashier uses it, against a real server on a fresh data directory: pair the
// register, sign in by PIN, open a shift, sell a basket with a scale label and a split tender,
// then lose the server, sell five more, reload, and see all five arrive once, numbered gapless.
// Requires a built dist/web (npm run build:web).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eanCheckDigit } from '../src/core/barcode/ean';
import { DEMO_PASSWORD } from '../src/server/seed/demo';
import { launchBrowser, screenshot } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { openShift, pairRegister, signInCashier } from './support/till';

const COLA = '6923450000113';
const WECHAT_CODE = '134567890123456789';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let port: number;
let dataDir: string;
let firstSale = '';
let exchangeNumber = '';

/** A 13-digit amount label (金额码) as the store's scale prints it: flag 20, PLU, fen, check digit. */
function scaleLabel(plu: string, fen: number): string {
  const body = `20${plu}${String(fen).padStart(5, '0')}`;
  return body + eanCheckDigit(body);
}

async function api<T>(path: string, token?: string): Promise<T> {
  const res = await fetch(`${server.url}/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function ownerToken(): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'owner', password: DEMO_PASSWORD }) });
  return ((await res.json()) as { token: string }).token;
}

async function scan(p: Page, text: string) {
  const box = p.getByTestId('scan');
  await box.fill(text);
  await box.press('Enter');
}

/** Pays the basket in cash, exact, and closes the receipt. */
async function payExactCash(p: Page) {
  await p.getByTestId('scan').press('Enter');
  await p.getByTestId('pay-input').waitFor();
  await p.getByTestId('pay-input').press('Enter');
  await p.getByTestId('receipt-dialog').waitFor();
  const number = (await p.getByTestId('receipt-number').textContent()) ?? '';
  await p.getByTestId('receipt-next').click();
  await p.getByTestId('receipt-dialog').waitFor({ state: 'detached' });
  return number;
}

beforeAll(async () => {
  server = await startServer({ keepData: true });
  port = Number(new URL(server.url).port);
  dataDir = server.dataDir;
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
  if (dataDir) await import('node:fs/promises').then((fs) => fs.rm(dataDir, { recursive: true, force: true }));
});

describe('the till', () => {
  it('pairs the register with a manager, signs the cashier in by PIN and opens a shift', async () => {
    const shoot = (name: string) => screenshot(page, name);
    await pairRegister(page, server.url, shoot);
    await signInCashier(page, shoot);
    await openShift(page, '500');
    expect(await page.getByTestId('cashier').textContent()).toContain('张收银');
    // The catalog snapshot arrived and the quick keys show the weighed goods.
    await page.getByTestId('quick-key').first().waitFor();
    expect(await page.getByTestId('quick-key').count()).toBeGreaterThanOrEqual(3);
  });

  it('sells a basket with a scale label, a weighed quick key and a pinyin search, paid cash + WeChat', async () => {
    await page.getByTestId('scan').fill('2*');
    await scan(page, COLA); // 2 × 3.50
    await scan(page, scaleLabel('00001', 649)); // apples, the label says 6.49
    await page.getByTestId('quick-key').filter({ hasText: '香蕉' }).click(); // bananas 6.98/kg
    await page.getByTestId('prompt').locator('input').fill('0.5');
    await page.getByTestId('prompt').locator('input').press('Enter');
    await page.getByTestId('scan').fill('nfsq'); // 农夫山泉 by its pinyin initials
    await page.getByTestId('results').waitFor();
    await page.getByTestId('scan').press('Enter');
    await expect.poll(() => page.getByTestId('line').count()).toBe(4);
    // 7.00 + 6.49 + 3.49 + 2.00
    expect(await page.getByTestId('due').textContent()).toBe('¥18.98');
    await screenshot(page, 'till-basket');

    await page.getByTestId('scan').press('F1');
    await page.getByTestId('help').waitFor();
    await screenshot(page, 'till-help');
    await page.keyboard.press('Escape');
    // The key bar's buttons run the same table as the keys.
    await page.getByTestId('key-help').click();
    await page.getByTestId('help').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('help').waitFor({ state: 'detached' });

    await page.getByTestId('pay').click();
    await page.getByTestId('pay-input').fill('10');
    await page.getByTestId('pay-input').press('Enter');
    expect(await page.getByTestId('pay-remaining').textContent()).toBe('¥8.98');
    await screenshot(page, 'till-pay');
    await page.getByTestId('pay-input').fill(WECHAT_CODE);
    await page.getByTestId('pay-input').press('Enter');
    await page.getByTestId('receipt-dialog').waitFor();
    const number = await page.getByTestId('receipt-number').textContent();
    expect(number).toMatch(/S01-R01-\d{6}/);
    firstSale = /S01-R01-\d{6}/.exec(number ?? '')![0];
    const receipt = page.frameLocator('[data-testid=receipt-frame]');
    await receipt.getByText('18.98').first().waitFor();
    await receipt.getByText('红富士苹果').waitFor();
    await screenshot(page, 'till-receipt');
    await page.getByTestId('receipt-next').click();
    await expect.poll(() => page.getByTestId('sync-indicator').getAttribute('data-waiting')).toBe('0');
  });

  it('keeps selling without the server, survives a reload, and delivers the five sales once, gapless', async () => {
    // The app shell is cached by the service worker before the server goes away.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await server.stop();

    const provisional: string[] = [];
    for (let i = 0; i < 5; i++) {
      await scan(page, COLA);
      provisional.push(await payExactCash(page));
    }
    expect(provisional.every((n) => /L\d{6}/.test(n))).toBe(true);
    await expect.poll(() => page.getByTestId('sync-indicator').getAttribute('data-waiting')).toBe('5');
    expect(await page.getByTestId('sync-indicator').getAttribute('data-online')).toBe('false');

    await page.reload();
    await page.getByTestId('scan').waitFor();
    await expect.poll(() => page.getByTestId('sync-indicator').getAttribute('data-waiting')).toBe('5');
    // The catalog came back from IndexedDB alone: a pinyin search finds the cola, no server asked.
    await page.getByTestId('scan').fill('kkkl');
    await page.getByTestId('results').getByText('可口可乐').first().waitFor();
    await page.getByTestId('scan').press('Escape');
    await screenshot(page, 'till-offline');
    // A second tab on the same register: both run the sync loop, the Web Lock lets one send.
    const second = await context.newPage();
    await second.goto(`${server.url}/till/`);
    await second.getByTestId('scan').waitFor();

    server = await startServer({ dataDir, port });
    await expect.poll(() => page.getByTestId('sync-indicator').getAttribute('data-waiting'), { timeout: 60_000 }).toBe('0');
    await second.close();

    const owner = await ownerToken();
    const sales = await api<{ items: { id: string; number: string }[]; total: number }>('/documents?type=sale&pageSize=50', owner);
    expect(sales.total).toBe(6);
    const numbers = sales.items.map((s) => Number(s.number.split('-').at(-1))).sort((a, b) => a - b);
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBe(numbers[i - 1] + 1);
    const report = await api<{ ok: boolean; checks: { name: string; ok: boolean; message: string }[] }>('/verify', owner);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);

    await page.getByTestId('sync-indicator').click();
    await page.getByTestId('sync-panel').waitFor();
    await expect.poll(() => page.locator('[data-testid=outbox-row][data-status=delivered]').count()).toBe(6);
    await screenshot(page, 'till-synced');
    await page.keyboard.press('Escape');
  });

  it('shows the basket and the change on the customer display', async () => {
    const display = await context.newPage();
    await display.goto(`${server.url}/till/display`);
    await display.getByTestId('display').waitFor();
    await scan(page, COLA);
    await expect.poll(() => display.getByTestId('display-total').textContent()).toBe('¥3.50');
    await page.getByTestId('scan').press('Enter');
    await page.getByTestId('pay-input').fill('5');
    await page.getByTestId('pay-input').press('Enter');
    await expect.poll(() => display.getByTestId('display-change').textContent()).toBe('¥1.50');
    await screenshot(display, 'till-display');
    await page.getByTestId('receipt-next').click();
    await display.close();
  });

  it('asks a manager to approve a discount over the limit', async () => {
    await scan(page, COLA);
    await page.getByTestId('scan').press('F3');
    await page.getByTestId('prompt').locator('input').fill('20');
    await page.getByTestId('prompt').locator('input').press('Enter');
    await page.getByTestId('approval').waitFor();
    await page.getByTestId('approval-username').fill('manager');
    await page.getByTestId('approval-pin').fill('8888');
    await screenshot(page, 'till-approval');
    await page.getByTestId('approval-pin').press('Enter');
    await page.getByTestId('approval').waitFor({ state: 'detached' });
    expect(await page.getByTestId('due').textContent()).toBe('¥2.80');
    const number = await payExactCash(page);
    expect(number).toMatch(/S01-R01-\d{6}$/);
  });

  it('holds a sale, recalls it, and voids its line, all from the keyboard', async () => {
    await scan(page, COLA);
    await page.getByTestId('scan').press('F8');
    expect(await page.getByTestId('due').textContent()).toBe('¥0.00');
    await page.getByTestId('scan').press('F8');
    await page.getByTestId('recall').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('recall').waitFor({ state: 'detached' });
    expect(await page.getByTestId('due').textContent()).toBe('¥3.50');
    await page.getByTestId('scan').press('Delete');
    expect(await page.getByTestId('due').textContent()).toBe('¥0.00');
  });

  it('sells in training mode behind a banner and posts nothing', async () => {
    const token = await ownerToken();
    const before = await api<{ total: number }>('/sales?pageSize=1', token);
    await page.getByTestId('scan').press('Shift+F10');
    await page.getByTestId('training-banner').waitFor();
    await scan(page, COLA);
    await screenshot(page, 'till-training');
    const number = await payExactCash(page);
    expect(number).toContain('TRAINING');
    await page.getByTestId('scan').press('Shift+F10');
    await page.getByTestId('training-banner').waitFor({ state: 'detached' });
    expect((await api<{ total: number }>('/sales?pageSize=1', token)).total).toBe(before.total);
  });

  it('voids a completed sale with the manager’s approval (F5)', async () => {
    await scan(page, COLA);
    const number = await payExactCash(page);
    await page.getByTestId('scan').press('F5');
    await page.getByTestId('void-dialog').waitFor();
    expect(await page.getByTestId('void-number').inputValue()).toBe(number.match(/S01-R01-\d{6}/)?.[0]);
    await page.getByTestId('void-reason').fill('扫错商品');
    await page.getByTestId('void-reason').press('Enter');
    await page.getByTestId('approval').waitFor();
    await page.getByTestId('approval-username').fill('manager');
    await page.getByTestId('approval-pin').fill('8888');
    await page.getByTestId('approval-pin').press('Enter');
    await page.getByTestId('toast').filter({ hasText: '已作废' }).waitFor();
    await screenshot(page, 'till-void');
    const voids = await api<{ items: { originalNumber: string }[] }>('/sales?kind=void', await ownerToken());
    expect(voids.items.map((v) => v.originalNumber)).toContain(number.match(/S01-R01-\d{6}/)?.[0]);
  });

  it('exchanges a can for another at the server’s difference (Shift+F11)', async () => {
    await scan(page, COLA);
    const number = /S01-R01-\d{6}/.exec(await payExactCash(page))![0];
    await page.getByTestId('scan').press('Shift+F11');
    await page.getByTestId('exchange-number').fill(number);
    await page.getByTestId('exchange-number').press('Enter');
    await page.getByTestId('exchange-return-qty').first().fill('1');
    await page.getByTestId('exchange-scan').fill(COLA);
    await page.getByTestId('exchange-scan').press('Enter');
    await page.getByTestId('exchange-price').click();
    expect(await page.getByTestId('exchange-net').textContent()).toContain('¥0.00');
    await screenshot(page, 'till-exchange');
    await page.getByTestId('exchange-confirm').click();
    await page.getByTestId('receipt-dialog').waitFor();
    await page.frameLocator('[data-testid=receipt-frame]').getByText('换货单').waitFor();
    exchangeNumber = /S01-R01-\d{6}/.exec((await page.getByTestId('receipt-number').textContent()) ?? '')![0];
    await page.getByTestId('receipt-next').click();
    await page.getByTestId('receipt-dialog').waitFor({ state: 'detached' });
  });

  it('returns the can taken in the exchange by scanning the exchange’s receipt', async () => {
    await page.getByTestId('scan').press('F11');
    await page.getByTestId('return-number').fill(exchangeNumber);
    await page.getByTestId('return-number').press('Enter');
    // The exchange's receipt lists its new goods only: the one can, returnable.
    await expect.poll(() => page.getByTestId('return-qty').count()).toBe(1);
    await page.getByTestId('return-whole').click();
    await page.getByTestId('receipt-dialog').waitFor();
    await page.frameLocator('[data-testid=receipt-frame]').getByText('退货单').waitFor();
    await page.frameLocator('[data-testid=receipt-frame]').getByText(exchangeNumber).first().waitFor();
    await page.getByTestId('receipt-next').click();
    await page.getByTestId('receipt-dialog').waitFor({ state: 'detached' });
  });

  it('returns one can of the first sale by scanning its receipt', async () => {
    await page.getByTestId('scan').press('F11');
    await page.getByTestId('return-number').fill(firstSale);
    await page.getByTestId('return-number').press('Enter');
    await page.getByTestId('return-qty').first().fill('1');
    await screenshot(page, 'till-return');
    await page.getByTestId('return-lines').click();
    await page.getByTestId('receipt-dialog').waitFor();
    expect(await page.getByTestId('receipt-number').textContent()).toMatch(/S01-R01-\d{6}/);
    await page.frameLocator('[data-testid=receipt-frame]').getByText('退货单').waitFor();
    await screenshot(page, 'till-return-receipt');
    await page.getByTestId('receipt-next').click();
  });

  it('closes the shift with the cash counted by denomination and shows the over/short', async () => {
    await page.getByTestId('close-shift').click();
    await page.getByTestId('shift-close').waitFor();
    await page.getByTestId('count-100').fill('5');
    await page.getByTestId('count-10').fill('3');
    await screenshot(page, 'till-shift-close');
    await page.getByTestId('shift-close-submit').click();
    await page.getByTestId('shift-close-result').waitFor();
    expect(await page.getByTestId('over-short').textContent()).toMatch(/^-?¥\d+\.\d{2}$/);
    await screenshot(page, 'till-shift-closed');
    await page.getByTestId('shift-close-done').click();
    await page.getByTestId('shift-float').waitFor();
  });
});
