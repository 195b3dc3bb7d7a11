// Bringing the till to its selling screen through its own screens, as a manager and a cashier do
// (the demo users): shared by the till e2e suite and the till bench (bench/till.ts).
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/server/seed/demo';

/** Called before each submit (the e2e suite takes screenshots there). */
type Shoot = (name: string) => Promise<unknown>;
const noShot: Shoot = async () => undefined;

/** Pairs this browser with the first register offered, signed in as the demo manager. */
export async function pairRegister(page: Page, baseUrl: string, shoot: Shoot = noShot): Promise<void> {
  await page.goto(`${baseUrl}/till/`);
  await page.getByTestId('pair-username').fill('manager');
  await page.getByTestId('pair-password').fill(DEMO_PASSWORD);
  await shoot('till-pair');
  await page.getByTestId('pair-signin').click();
  await page.getByTestId('pair-register').locator('option').first().waitFor({ state: 'attached' });
  await page.getByTestId('pair-submit').click();
}

/** Signs the demo cashier in by PIN on a paired till (returns once the PIN is submitted). */
export async function signInCashier(page: Page, shoot: Shoot = noShot): Promise<void> {
  await page.getByTestId('login-pin').waitFor();
  await page.getByTestId('login-username').fill('cashier');
  await page.getByTestId('login-pin').fill('1234');
  await shoot('till-login');
  await page.getByTestId('login-submit').click();
}

/** Opens a shift with the given float in yuan and waits for the scan box. */
export async function openShift(page: Page, float = '500'): Promise<void> {
  await page.getByTestId('shift-float').fill(float);
  await page.getByTestId('shift-open').click();
  await page.getByTestId('scan').waitFor();
}
