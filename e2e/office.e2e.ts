// The back office as an owner and a cashier would use it, against a real server on a fresh
// data directory (seeded with the demo company on first start). Requires a built dist/web.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { signInOffice } from './support/office';
import { startServer, type RunningServer } from './support/server';

const INVARIANTS = ['STOCK', 'GL', 'ONCE', 'SEQ', 'CHAIN', 'LINK'];

let server: RunningServer;
let browser: Browser;

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

function menuItem(page: Page, name: string) {
  return page.getByTestId('nav').getByRole('menuitem', { name });
}

/** The validation message antd shows under the form field whose input has this id. */
function fieldError(page: Page, inputId: string) {
  return page.locator('.ant-form-item').filter({ has: page.locator(`#${inputId}`) }).locator('.ant-form-item-explain-error');
}

beforeAll(async () => {
  // CANGSHOU_E2E_URL points the suite at an already running, freshly seeded server instead.
  const external = process.env.CANGSHOU_E2E_URL;
  server = external ? { url: external.replace(/\/$/, ''), dataDir: '', output: () => '', stop: async () => {} } : await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('office as the owner', () => {
  let context: BrowserContext;
  let page: Page;
  const username = 'e2e.clerk';

  beforeAll(async () => {
    ({ context, page } = await newPage());
  });

  afterAll(async () => {
    await context?.close();
  });

  it('sends a visitor of / to the login screen, which names the demo logins', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/office\/login/);
    await expect(page.getByTestId('demo-hint').textContent()).resolves.toContain('owner / cangshou-demo');
    await screenshot(page, 'login');
  });

  it('shows the server message for wrong credentials', async () => {
    await page.locator('#login_username').fill('owner');
    await page.locator('#login_password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect((await error.textContent())?.trim()).not.toBe('');
    await screenshot(page, 'login-error');
  });

  it('logs in and sees every invariant pass on the overview', async () => {
    await signInOffice(page, server, 'owner');
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe('经营看板');
    await page.getByTestId('verify-overall').waitFor();
    expect(await page.getByTestId('verify-overall').textContent()).toBe('全部通过');
    for (const name of INVARIANTS) {
      expect(await page.getByTestId(`invariant-${name}-status`).textContent(), name).toBe('通过');
    }
    await page.getByTestId('health-card').getByText('运行正常').waitFor();
    await screenshot(page, 'overview');
  });

  it('creating a user with a too-short password shows the server’s message next to the password', async () => {
    await menuItem(page, '用户与权限').click();
    await page.waitForURL(/\/office\/users$/);
    await page.getByTestId('users-table').getByText('owner', { exact: true }).waitFor();
    await page.getByTestId('new-user').click();
    await page.locator('#createUser_username').fill(username);
    await page.locator('#createUser_displayName').fill('王小库');
    await page.locator('#createUser_password').fill('short');
    await page.getByTestId('create-user-submit').click();

    const error = fieldError(page, 'createUser_password');
    await error.waitFor();
    const message = (await error.textContent())?.trim() ?? '';
    // The form itself only checks presence; any other message here came from the server.
    expect(message).not.toBe('');
    expect(message).not.toContain('请填写');
    await screenshot(page, 'users-create-error');
  });

  it('fixes the password and finds the new user in the list', async () => {
    await page.locator('#createUser_password').fill('Warehouse-2026!');
    await page.getByTestId('create-user-submit').click();
    await page.locator('#createUser_password').waitFor({ state: 'detached' });
    const row = page.getByTestId('users-table').locator('tr', { hasText: username });
    await row.waitFor();
    expect(await row.textContent()).toContain('王小库');
    await screenshot(page, 'users');
  });

  it('sets a PIN for the new user, after the server refuses a two-digit one', async () => {
    const row = page.getByTestId('users-table').locator('tr', { hasText: username });
    await row.getByRole('button', { name: '更多' }).click();
    await page.getByRole('menuitem', { name: '设置 PIN' }).click();
    await page.locator('#secret_pin').fill('12');
    await page.getByTestId('secret-ok').click();
    const error = fieldError(page, 'secret_pin');
    await error.waitFor();
    expect(await error.textContent()).toContain('4');
    await page.locator('#secret_pin').fill('2468');
    await page.getByTestId('secret-ok').click();
    await page.locator('#secret_pin').waitFor({ state: 'detached' });
    await row.getByText('已设 PIN').waitFor();
  });

  it('switches to English and keeps it', async () => {
    await page.getByTestId('lang-switch').getByText('EN', { exact: true }).click();
    await page.getByTestId('page-title').getByText('Users & roles').waitFor();
    await menuItem(page, 'Audit log').waitFor();
    await page.getByTestId('users-table').getByRole('columnheader', { name: 'Display name' }).waitFor();
    await page.reload();
    await page.getByTestId('page-title').getByText('Users & roles').waitFor();
    await screenshot(page, 'users-en');
  });

  it('sees the login and the user creation in the audit log', async () => {
    await menuItem(page, 'Audit log').click();
    await page.waitForURL(/\/office\/audit$/);
    const table = page.getByTestId('audit-table');
    await table.getByText('auth.login', { exact: true }).first().waitFor();
    const created = table.locator('tr', { hasText: 'user.created' });
    await created.waitFor();
    await created.getByRole('button').first().click();
    await page.getByTestId('audit-detail').getByText(username).first().waitFor();
    await screenshot(page, 'audit');
  });

  it('filters the audit log by action and exports the same selection as CSV', async () => {
    await page.locator('#auditFilters_action').fill('user.created');
    await page.getByRole('button', { name: 'Search' }).click();
    const table = page.getByTestId('audit-table');
    await table.getByText('auth.login', { exact: true }).waitFor({ state: 'detached' });
    const actions = await table.locator('tbody tr.ant-table-row').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    for (const row of actions) expect(row).toContain('user.created');

    // The shared list export: every row matching the filters, saved as a file by the browser.
    await page.getByTestId('audit-export').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const body = readFileSync(await download.path(), 'utf8');
    expect(body).toContain(username);
    expect(body).not.toContain('auth.login');
  });

  it('browses stores, registers and documents', async () => {
    await menuItem(page, 'Stores & registers').click();
    await page.waitForURL(/\/office\/stores$/);
    await page.getByTestId('stores-table').locator('tbody tr').first().waitFor();
    await page.getByTestId('registers-card').locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, 'stores');

    await page.getByTestId('pair-R01').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    const token = page.getByTestId('device-token');
    await token.waitFor();
    expect(((await token.textContent()) ?? '').trim().length).toBeGreaterThan(20);
    await page.waitForTimeout(400); // let the dialog finish zooming in before the picture
    await screenshot(page, 'stores-pair-token');
    await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).last().click();
    await page.getByTestId('registers-card').locator('tr', { hasText: 'R01' }).getByText('Paired', { exact: true }).waitFor();

    await menuItem(page, 'Documents').click();
    await page.waitForURL(/\/office\/documents$/);
    const rows = page.getByTestId('documents-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    await page.getByTestId('documents-table').locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await screenshot(page, 'documents');

    await rows.first().click();
    const drawer = page.getByTestId('document-drawer');
    await drawer.getByRole('tab', { name: /Journal entries/ }).waitFor();
    await page.waitForTimeout(500); // let the drawer finish sliding in before the picture
    await screenshot(page, 'document-detail');
    await drawer.getByRole('tab', { name: /Journal entries/ }).click();
    await drawer.getByText('Total', { exact: true }).first().waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 'document-journal');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('logs out', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/office\/login/);
    await page.goto(`${server.url}/office/users`);
    await page.waitForURL(/\/office\/login/);
  });
});

describe('office as a cashier', () => {
  it('shows neither Users nor Audit, and refuses the Users page', async () => {
    const { context, page } = await newPage();
    try {
      await signInOffice(page, server, 'cashier');
      await menuItem(page, '概览').waitFor();
      const menu = (await page.getByTestId('nav').textContent()) ?? '';
      expect(menu).not.toContain('用户与权限');
      expect(menu).not.toContain('审计日志');
      await expect(page.getByTestId('verify-card').count()).resolves.toBe(0);
      await page.getByTestId('health-card').getByText('运行正常').waitFor();
      await screenshot(page, 'cashier-overview');

      await page.goto(`${server.url}/office/users`);
      await page.getByText('没有访问权限').waitFor();
      await screenshot(page, 'cashier-forbidden');
    } finally {
      await context.close();
    }
  });
});
