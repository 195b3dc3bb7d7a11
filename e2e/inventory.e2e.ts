// The store manager's stock day in the back office, against a real server on a fresh data
// directory (demo company): receive milk with a lot and expiry, count it on the phone page at
// 360 px, approve the stocktake's variance and see on-hand change; then switch to English.
// Requires a built dist/web (npm run build:web).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { startServer, type RunningServer } from './support/server';

const DEMO_PASSWORD = 'cangshou-demo';
const MILK_SKU = 'DAI-MILK-250';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

function menuItem(name: string) {
  return page.getByTestId('nav').getByRole('menuitem', { name });
}

/** Picks an option of an antd Select: open it, type, click the option that shows `text`. */
async function pickOption(selectInput: string, search: string, text: string) {
  const input = page.locator(selectInput);
  await input.click();
  await input.fill(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

async function fillDate(inputId: string, value: string) {
  const input = page.locator(`#${inputId}`);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** Milk on hand in the current store, summed over locations and batches (thousandths). */
async function milkOnHand(): Promise<number> {
  await menuItem('库存查询').click();
  await page.waitForURL(/\/office\/stock/);
  await page.getByTestId('on-hand-search').fill(MILK_SKU);
  await page.getByTestId('on-hand-search').press('Enter');
  const table = page.getByTestId('on-hand-table');
  let total = 0;
  // The table first shows every product, then the search result: wait until only milk is listed.
  await expect
    .poll(async () => {
      if (await table.locator('.ant-spin-spinning').count()) return false;
      const rows = await table.locator('tbody tr.ant-table-row').all();
      if (!rows.length) return false;
      total = 0;
      for (const row of rows) {
        if (!(await row.textContent())?.includes(MILK_SKU)) return false;
        total += Math.round(Number((await row.locator('td').nth(5).innerText()).replace(/[^\d.]/g, '')) * 1000);
      }
      return true;
    })
    .toBe(true);
  return total;
}

beforeAll(async () => {
  const external = process.env.CANGSHOU_E2E_URL;
  server = external ? { url: external.replace(/\/$/, ''), dataDir: '', output: () => '', stop: async () => {} } : await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('stock as the store manager', () => {
  let milkBarcode = '';
  let before = 0;
  let stocktakeUrl = '';

  it('logs in and sees the catalog and stock menus', async () => {
    await page.goto(`${server.url}/office/login`);
    await page.locator('#login_username').fill('manager');
    await page.locator('#login_password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/office\/?$/);
    for (const name of ['商品资料', '库存查询', '入库单', '盘点', '调拨单', '报损单', '调价单']) await menuItem(name).waitFor();
    const products = await page.request.get(`${server.url}/api/v1/products?q=${MILK_SKU}`);
    milkBarcode = ((await products.json()) as { items: { barcodes: { code: string }[] }[] }).items[0].barcodes[0].code;
    expect(milkBarcode).toMatch(/^\d{13}$/);
  });

  it('finds the milk in the product list by pinyin initials', async () => {
    await menuItem('商品资料').click();
    await page.waitForURL(/\/office\/products$/);
    await page.getByTestId('product-search').fill('mncnn');
    await page.getByTestId('product-search').press('Enter');
    await page.getByTestId('products-table').getByText(MILK_SKU).waitFor();
    await screenshot(page, 'inventory-products');
    await page.getByTestId(`edit-${MILK_SKU}`).click();
    await page.locator('#product_name').waitFor();
    expect(await page.locator('#product_name').inputValue()).toBe('蒙牛纯牛奶 250ml');
    await screenshot(page, 'inventory-product-drawer');
  });

  it('sets a minimum stock; the server refuses a minimum above the (empty) maximum next to the field', async () => {
    await page.locator('#product_minQty').fill('300');
    await page.getByTestId('product-submit').click();
    const error = page.locator('.ant-form-item').filter({ has: page.locator('#product_maxQty') }).locator('.ant-form-item-explain-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('库存下限不能高于上限');
    await error.scrollIntoViewIfNeeded();
    await screenshot(page, 'inventory-product-limit-error');
    await page.locator('#product_maxQty').fill('600');
    await page.getByTestId('product-submit').click();
    await page.locator('#product_name').waitFor({ state: 'detached' });
  });

  it('records on-hand before the delivery', async () => {
    before = await milkOnHand();
    expect(before).toBe(200_000);
  });

  it('receives two boxes of milk with a lot number and expiry date', async () => {
    await menuItem('入库单').click();
    await page.waitForURL(/\/office\/receipts$/);
    await page.getByTestId('new-receipt').click();
    await pickOption('#receipt_lines_0_productId', 'DAI-MILK', MILK_SKU);
    await page.locator('#receipt_lines_0_qty').fill('48');
    await page.locator('#receipt_lines_0_unitCost').fill('2.3');
    await page.locator('#receipt_lines_0_batch_lot').fill('L20261101');
    await fillDate('receipt_lines_0_batch_productionDate', '2026-11-01');
    await fillDate('receipt_lines_0_batch_expiryDate', '2027-05-01');
    await page.locator('#receipt_reference').fill('DN-2026-1126');
    await expect.poll(() => page.getByTestId('receipt-total').textContent()).toBe('¥110.40');
    await screenshot(page, 'inventory-receipt-form');
    await page.getByTestId('receipt-submit').click();
    await page.locator('#receipt_reference').waitFor({ state: 'detached' });
    await page.locator('.ant-drawer-content').waitFor({ state: 'detached' });
    const row = page.getByTestId('receipts-table').locator('tr', { hasText: 'GR-' });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain('¥110.40');
    await screenshot(page, 'inventory-receipts');
  });

  it('shows the new batch on hand and under batches and expiry', async () => {
    expect(await milkOnHand()).toBe(before + 48_000);
    await page.getByTestId('on-hand-table').getByText('L20261101').waitFor();
    await screenshot(page, 'inventory-on-hand');
    await page.getByRole('tab', { name: '批次效期' }).click();
    await page.getByTestId('batches-table').getByText('L20261101').waitFor();
    await screenshot(page, 'inventory-batches');
  });

  it('starts a dairy stocktake', async () => {
    await menuItem('盘点').click();
    await page.waitForURL(/\/office\/stocktakes$/);
    await page.getByTestId('new-stocktake').click();
    // The dialog is still opening (animated) right after the click: click until the scope took.
    await expect
      .poll(async () => {
        await page.locator('.ant-radio-button-wrapper', { hasText: '按分类' }).click();
        return page.locator('#startStocktake_categoryId').count();
      })
      .toBe(1);
    await page.locator('#startStocktake_categoryId').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', { hasText: 'DAIRY' }).click();
    await page.getByTestId('stocktake-start-submit').click();
    await page.waitForURL(/\/office\/stocktakes\/[0-9a-f-]+$/);
    stocktakeUrl = page.url();
    await page.getByTestId('open-mobile-count').waitFor();
  });

  it('counts on the phone page at 360 px: an unknown code refused, a mistaken 1 undone, then 240', async () => {
    await page.setViewportSize({ width: 360, height: 760 });
    await page.getByTestId('open-mobile-count').click();
    await page.waitForURL(/\/office\/m\/stocktake\//);
    const code = page.getByTestId('mobile-code');
    await code.waitFor();
    await code.fill('NOSUCHCODE');
    await code.press('Enter');
    await expect.poll(() => page.getByTestId('mobile-error').textContent()).toContain('条码 NOSUCHCODE 找不到对应商品');
    await code.fill(milkBarcode);
    await code.press('Enter');
    await expect.poll(() => page.getByTestId('mobile-last-count').textContent()).toBe('1');
    await page.getByRole('button', { name: /撤销/ }).click();
    await expect.poll(() => page.getByTestId('mobile-last-count').textContent()).toBe('0');
    await page.locator('#mobile-qty').fill('240');
    await code.fill(milkBarcode);
    await page.getByTestId('mobile-submit').click();
    await expect.poll(() => page.getByTestId('mobile-last-count').textContent()).toBe('240');
    expect(await page.getByTestId('mobile-last').textContent()).toContain('蒙牛纯牛奶');
    // Nothing wider than the phone: no horizontal scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'inventory-mobile-stocktake');
  });

  it('reviews the variance with its value and approves the stocktake', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(stocktakeUrl);
    const variances = page.getByTestId('variances-table');
    const milk = variances.locator('tr', { hasText: MILK_SKU });
    await milk.waitFor();
    const text = await milk.textContent();
    expect(text).toContain('-8');
    // 8 boxes short at the moving average: (200×2.30 + 48×2.30) / 248 = 2.30 each.
    expect(text).toContain('-¥18.40');
    await screenshot(page, 'inventory-stocktake-review');
    await page.getByTestId('stocktake-approve').click();
    await page.getByTestId('stocktake-approve-confirm').click();
    await page.locator('.ant-tag', { hasText: '已审核' }).first().waitFor();
    await screenshot(page, 'inventory-stocktake-approved');
  });

  it('sees on-hand reduced by the shortage', async () => {
    expect(await milkOnHand()).toBe(240_000);
  });

  it('drafts a price change; approving it oneself is refused (four eyes)', async () => {
    await menuItem('调价单').click();
    await page.waitForURL(/\/office\/price-changes$/);
    await page.getByRole('button', { name: /新建调价单/ }).click();
    await pickOption('#priceChange_lines_0_productId', 'DAI-MILK', MILK_SKU);
    await page.locator('#priceChange_lines_0_price').fill('3.8');
    await page.locator('#priceChange_reason').fill('供应商涨价');
    await screenshot(page, 'inventory-price-change-form');
    await page.getByTestId('price-change-submit').click();
    await page.locator('#priceChange_reason').waitFor({ state: 'detached' });
    const row = page.getByTestId('price-changes-table').locator('tr', { hasText: '供应商涨价' });
    await row.waitFor();
    expect(await row.textContent()).toContain('草稿');
    await row.getByText('审核').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.locator('.ant-message', { hasText: '制单人不能审核自己的单据' }).waitFor();
    await screenshot(page, 'inventory-price-changes');
  });

  it('browses the other catalog and stock screens', async () => {
    for (const [name, path, testId, shot] of [
      ['商品分类', 'categories', 'categories-table', 'inventory-categories'],
      ['供应商', 'suppliers', 'suppliers-table', 'inventory-suppliers'],
      ['调拨单', 'transfers', 'transfers-table', 'inventory-transfers'],
      ['报损单', 'write-offs', 'write-offs-table', 'inventory-write-offs'],
    ]) {
      await menuItem(name).click();
      await page.waitForURL(new RegExp(`/office/${path}$`));
      await page.getByTestId(testId).locator('.ant-table-row, .ant-empty').first().waitFor();
      await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'));
      await screenshot(page, shot);
    }
    await menuItem('商品导入').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('商品导入');
    await page.locator('.ant-upload-drag').waitFor();
    await screenshot(page, 'inventory-import');
  });

  it('switches to English', async () => {
    await page.getByTestId('lang-switch').getByText('EN', { exact: true }).click();
    await menuItem('Stock on hand').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Stock');
    await page.getByRole('tab', { name: 'Alerts' }).click();
    // 240 on hand under the minimum of 300 set above.
    const alert = page.getByTestId('alerts-table').locator('tr', { hasText: 'Below minimum' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Minimum 300, short by 60');
    await screenshot(page, 'inventory-alerts-en');
    await menuItem('Stocktakes').click();
    await page.getByTestId('stocktakes-table').getByText('Approved').first().waitFor();
    await screenshot(page, 'inventory-stocktakes-en');
  });
});

describe('a transfer as the owner, who works in both stores', () => {
  it('ships cola from 总店 to 东门店 and receives it there in full', async () => {
    await context.clearCookies();
    await page.goto(`${server.url}/office/login`);
    await page.locator('#login_username').fill('owner');
    await page.locator('#login_password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/office\/?$/);
    // The English choice of the manager's visit is remembered in this browser.
    await page.getByTestId('lang-switch').getByText('中文', { exact: true }).click();
    await expect.poll(() => page.getByTestId('store-switch').textContent()).toContain('总店');

    await menuItem('调拨单').click();
    await page.waitForURL(/\/office\/transfers$/);
    await page.getByTestId('new-transfer').click();
    await page.locator('#ship_toStoreId').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '东门店' }).click();
    await pickOption('#ship_lines_0_productId', 'DRK-COLA', 'DRK-COLA-330');
    await page.locator('#ship_lines_0_qty').fill('24');
    await page.getByTestId('ship-submit').click();
    await page.locator('#ship_lines_0_qty').waitFor({ state: 'detached' });
    const shipped = page.getByTestId('transfers-table').locator('tr.ant-table-row').first();
    await shipped.getByText('在途').waitFor();
    expect(await shipped.textContent()).toContain('¥50.40'); // 24 cans at the ¥2.10 average

    // The drawer's store picker may still be fading out: wait until no dropdown shows, so the
    // option clicked below is the header switch's own.
    // Closing the drawer hands focus back a moment later, which can close the header switch's
    // dropdown just opened: open and pick again until the switch shows the store.
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await expect
      .poll(
        async () => {
          if ((await page.locator('.ant-select-dropdown:visible').count()) === 0) await page.getByTestId('store-switch').click();
          await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '东门店' }).click({ timeout: 2_000 }).catch(() => undefined);
          return page.getByTestId('store-switch').textContent();
        },
        { timeout: 30_000 },
      )
      .toContain('东门店');
    const incoming = page.getByTestId('transfers-table').locator('tr.ant-table-row', { hasText: '调入' }).first();
    await incoming.click();
    await page.getByRole('button', { name: '按剩余数填充' }).click();
    await screenshot(page, 'inventory-transfer-receive');
    await page.getByTestId('transfer-receive').click();
    await page.locator('.ant-drawer .ant-tag', { hasText: '已收货' }).waitFor();
    await screenshot(page, 'inventory-transfer-received');
  });
});

