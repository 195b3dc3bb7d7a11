// The office as the demo users see it: a signed-in page in a zh-CN desktop browser, and the JSON
// API for setting up what a test needs (sales, shifts) the way the till would post it.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from './server';

export const DEMO_PASSWORD = 'cangshou-demo';

/** JSON API call as a signed-in user; throws with the server's answer on any non-2xx. */
export async function apiCall<T>(server: RunningServer, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Signs a demo user in over the API: the bearer token and the id of their first store. */
export async function apiLogin(server: RunningServer, username: string): Promise<{ token: string; storeId: string }> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string; user: { stores: { id: string }[] } };
  return { token: body.token, storeId: body.user.stores[0].id };
}

/** Fills the office login form on an open page and waits for the home screen. */
export async function signInOffice(page: Page, server: RunningServer, username: string): Promise<void> {
  await page.goto(`${server.url}/office/login`);
  // The first visit loads the whole office bundle: give a busy CI machine time.
  await page.locator('#login_username').waitFor({ timeout: 60_000 });
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/office\/?$/);
}

/** A new desktop browser context (1440×900, zh-CN, Shanghai time) signed in to the office. */
export async function openOffice(browser: Browser, server: RunningServer, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signInOffice(page, server, username);
  return { context, page };
}
