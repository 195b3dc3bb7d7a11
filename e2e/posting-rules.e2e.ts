// Posting rules in the back office (记账规则), against a real server: finance points bank-card
// takings at another asset account, sees the rule marked as set, then resets it to the default.
// Requires a built dist/web (npm run build:web).
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { openOffice } from './support/office';
import { useServerAndBrowser } from './support/suite';

const suite = useServerAndBrowser();

describe('posting rules', () => {
  it('finance maps card takings to another asset account and resets it', async () => {
    const { context, page } = await openOffice(suite.browser, suite.server, 'finance');
    try {
      await page.getByTestId('nav').getByRole('menuitem', { name: '记账规则' }).click();
      await page.waitForURL(/\/office\/posting-rules/);

      const table = page.getByTestId('posting-rules');
      const cardRow = table.locator('tr.ant-table-row').filter({ hasText: '银行卡' });
      await expect.poll(async () => (await cardRow.textContent()) ?? '').toContain('默认');
      await page.getByTestId('rule-payment_method-card').click();
      // Only asset accounts are offered for a payment method: no revenue account 5001.
      const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
      expect(await options.filter({ hasText: '5001' }).count()).toBe(0);
      await options.filter({ hasText: '1012' }).first().click();
      await expect.poll(async () => (await cardRow.textContent()) ?? '').toContain('已设置');
      await screenshot(page, 'office-posting-rules');

      const rules = await (await context.request.get(`${suite.server.url}/api/v1/posting-rules`)).json();
      expect(rules.items.find((i: { kind: string; key: string }) => i.kind === 'payment_method' && i.key === 'card')).toMatchObject({ account: '1012', source: 'rule' });

      await cardRow.getByRole('button', { name: '恢复默认' }).click();
      // '默认' alone would match the 恢复默认 button: wait for the rule's tag to go.
      await expect.poll(async () => (await cardRow.textContent()) ?? '').not.toContain('已设置');
      expect((await cardRow.textContent()) ?? '').toContain('1002');
    } finally {
      await context.close();
    }
  });
});
