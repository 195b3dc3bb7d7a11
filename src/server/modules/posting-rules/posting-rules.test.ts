// Posting rules (记账规则) route new postings to the accounts a company chose: two categories with
// their own revenue and COGS sub-accounts (one inherited from its parent category), a VAT
// sub-account for 13%, a bank sub-account for cards. Figures hand-checked: product A ¥11.30 at 13%
// (taxable 1000, VAT 130, cost 500 a unit), product B ¥10.90 at 9% (taxable 1000, VAT 90, cost 600).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { businessDate } from '../../../core/time/business-date';
import { testDialects } from '../../../db/testing';
import { journalOf, makeSalesTestApp, type SalesTestApp } from '../sales/test-helpers';
import { PostingRulesCache } from './cache';

type Line = { account: string; debit: number; credit: number };
const sorted = (lines: Line[]) => [...lines].sort((a, b) => a.account.localeCompare(b.account) || a.debit - b.debit);

describe.each(testDialects)('posting rules on %s', (dialect) => {
  let t: SalesTestApp;
  let finance: string;
  let food: string;
  let drinks: string;
  let household: string;
  let a: string;
  let b: string;
  let oldSale: string;
  const today = businessDate(new Date(), 'Asia/Shanghai');
  const put = (kind: string, key: string, account: string, token = finance) => t.call(token, 'PUT', `/api/v1/posting-rules/${kind}/${key}`, { account });
  const subAccount = async (code: string, parentCode: string, name: string) => {
    const res = await t.call(finance, 'POST', '/api/v1/accounts', { code, parentCode, name, nameEn: name });
    expect(res.statusCode, res.body).toBe(201);
  };
  const category = async (code: string, name: string, parentId: string | null) => {
    const res = await t.call(t.tokens.owner, 'POST', '/api/v1/categories', { code, name, parentId });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    finance = await t.login('finance');
    food = await category('PR-F', '食品', null);
    drinks = await category('PR-FD', '饮料', food);
    household = await category('PR-H', '日用', null);
    a = await t.product({ price: 1130, taxRate: 1300, categoryId: drinks });
    b = await t.product({ price: 1090, taxRate: 900, categoryId: household });
    await t.stock.stockIn(t.ids.s01, a, 10_000, 5000);
    await t.stock.stockIn(t.ids.s01, b, 10_000, 6000);
    for (const [code, parent, name] of [
      ['500101', '5001', '主营业务收入-食品'],
      ['500102', '5001', '主营业务收入-日用'],
      ['540101', '5401', '主营业务成本-食品'],
      ['540102', '5401', '主营业务成本-日用'],
      ['222101', '2221', '应交增值税-销项税额13%'],
      ['100201', '1002', '银行存款-工商银行'],
    ]) {
      await subAccount(code, parent, name);
    }
    // A sale before any rule: booked to the chart's default accounts.
    const res = await t.sell({ lines: [{ productId: a, qty: 1000 }], payments: [{ method: 'cash', amount: 1130 }], clientTotal: 1130 });
    expect(res.statusCode, res.body).toBe(201);
    oldSale = res.json().id;
  });
  afterAll(() => t.close());

  it('lists every rule with its default, and the defaults are the accounts posted so far', async () => {
    const res = await t.call(t.tokens.auditor, 'GET', '/api/v1/posting-rules');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { kind: string; key: string; account: string; defaultAccount: string; source: string }[];
    const row = (kind: string, key: string) => items.find((i) => i.kind === kind && i.key === key);
    expect(row('payment_method', 'card')).toMatchObject({ account: '1002', defaultAccount: '1002', source: 'default' });
    expect(row('payment_method', 'stored_value')).toMatchObject({ account: '2203', allowedTypes: ['liability'] });
    expect(row('tax_rate', '1300')).toMatchObject({ account: '2221', source: 'default' });
    expect(row('category_revenue', drinks)).toMatchObject({ account: '5001', label: '饮料', source: 'default' });
    expect(row('rounding', 'given')).toMatchObject({ account: '5711' });
    expect(row('write_off_reason', 'internal_use')).toMatchObject({ account: '5601' });
    expect(row('supplier_receipt', 'payable')).toMatchObject({ account: '2202' });
    expect(await journalOf(t, oldSale)).toEqual([
      [
        { account: '1001', debit: 1130, credit: 0 },
        { account: '5001', debit: 0, credit: 1000 },
        { account: '2221', debit: 0, credit: 130 },
      ],
      [
        { account: '5401', debit: 500, credit: 0 },
        { account: '1405', debit: 0, credit: 500 },
      ],
    ]);
  });

  it('refuses a rule on a missing, inactive or wrong-type account, an unknown key, and a non-finance user', async () => {
    const missing = await put('category_revenue', food, '500199');
    expect([missing.statusCode, missing.json().code, missing.json().errors[0].field]).toEqual([422, 'unknown_account', 'account']);
    const wrongType = await put('category_revenue', food, '540101');
    expect([wrongType.statusCode, wrongType.json().code, wrongType.json().errors[0].field]).toEqual([422, 'account_type_mismatch', 'account']);
    const vatToRevenue = await put('tax_rate', '1300', '500101');
    expect([vatToRevenue.statusCode, vatToRevenue.json().code]).toEqual([422, 'account_type_mismatch']);
    await subAccount('100202', '1002', '银行存款-旧户');
    expect((await t.call(finance, 'PATCH', '/api/v1/accounts/100202', { active: false })).statusCode).toBe(200);
    const inactive = await put('payment_method', 'card', '100202');
    expect([inactive.statusCode, inactive.json().code, inactive.json().errors[0].field]).toEqual([422, 'account_inactive', 'account']);
    const badKey = await put('payment_method', 'bitcoin', '100201');
    expect([badKey.statusCode, badKey.json().errors[0].field]).toEqual([400, 'key']);
    const badRate = await put('tax_rate', '13.5', '222101');
    expect([badRate.statusCode, badRate.json().errors[0].field]).toEqual([400, 'key']);
    expect((await put('category_cogs', uuidv7(), '540101')).statusCode).toBe(404);
    expect((await put('bogus_kind', 'x', '100201')).statusCode).toBe(400);
    expect((await put('payment_method', 'card', '100201', t.tokens.manager)).statusCode).toBe(403);
    expect((await t.db.db.selectFrom('posting_rules').selectAll().execute()).length).toBe(0);
  });

  it('routes a new sale to the mapped accounts exactly, leaves the old sale as it was, and keeps the trial balance at zero', async () => {
    for (const [kind, key, account] of [
      ['category_revenue', food, '500101'],
      ['category_cogs', food, '540101'],
      ['category_revenue', household, '500102'],
      ['category_cogs', household, '540102'],
      ['tax_rate', '1300', '222101'],
      ['payment_method', 'card', '100201'],
    ]) {
      const res = await put(kind, key, account);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ kind, key, account, source: 'rule' });
    }
    const listed = (await t.call(finance, 'GET', '/api/v1/posting-rules')).json().items;
    expect(listed.find((i: { kind: string; key: string }) => i.kind === 'category_revenue' && i.key === drinks)).toMatchObject({ account: '500101', source: 'inherited', from: food });
    const [event] = await t.db.db.selectFrom('audit_events').select('data_json').where('action', '=', 'posting_rule.set').where('subject_id', '=', 'payment_method/card').execute();
    expect(JSON.parse(event.data_json)).toEqual({ kind: 'payment_method', key: 'card', before: null, after: '100201' });

    const res = await t.sell({ lines: [{ productId: a, qty: 2000 }, { productId: b, qty: 1000 }], payments: [{ method: 'card', amount: 3350, reference: 'POS 000123' }], clientTotal: 3350 });
    expect(res.statusCode, res.body).toBe(201);
    const [revenue, cost] = await journalOf(t, res.json().id);
    expect(sorted(revenue)).toEqual([
      { account: '100201', debit: 3350, credit: 0 },
      { account: '2221', debit: 0, credit: 90 },
      { account: '222101', debit: 0, credit: 260 },
      { account: '500101', debit: 0, credit: 2000 },
      { account: '500102', debit: 0, credit: 1000 },
    ]);
    expect(sorted(cost)).toEqual([
      { account: '1405', debit: 0, credit: 1600 },
      { account: '540101', debit: 1000, credit: 0 },
      { account: '540102', debit: 600, credit: 0 },
    ]);
    const [payment] = await t.db.db.selectFrom('sale_payments').select('account_code').where('document_id', '=', res.json().id).execute();
    expect(payment.account_code).toBe('100201');
    expect((await journalOf(t, oldSale))[0][1]).toEqual({ account: '5001', debit: 0, credit: 1000 });

    // A return of the 9% line goes back through the same accounts.
    const ret = await t.call(t.tokens.cashier, 'POST', '/api/v1/returns', { id: uuidv7(), registerId: t.ids.r01, shiftId: t.shifts.r01, clientTime: new Date().toISOString(), saleId: res.json().id, lines: [{ lineNo: 2, qty: 1000 }] });
    expect(ret.statusCode, ret.body).toBe(201);
    const [refund, back] = await journalOf(t, ret.json().id);
    expect(sorted(refund)).toEqual([
      { account: '100201', debit: 0, credit: 1090 },
      { account: '2221', debit: 90, credit: 0 },
      { account: '500102', debit: 1000, credit: 0 },
    ]);
    expect(sorted(back)).toEqual([
      { account: '1405', debit: 600, credit: 0 },
      { account: '540102', debit: 0, credit: 600 },
    ]);

    const tb = (await t.call(finance, 'GET', `/api/v1/reports/trial-balance?from=${today}&to=${today}`)).json();
    expect(tb.totals.debit).toBe(tb.totals.credit);
    expect(tb.totals.closing).toBe(0);
  });

  it('books write-offs by reason and supplier receipts to the payable of the rules', async () => {
    await subAccount('560201', '5602', '管理费用-自用');
    await subAccount('220201', '2202', '应付账款-供应商');
    expect((await put('write_off_reason', 'internal_use', '560201')).statusCode).toBe(200);
    expect((await put('supplier_receipt', 'payable', '220201')).statusCode).toBe(200);
    const clerk = t.tokens.owner;
    const wo = await t.call(clerk, 'POST', '/api/v1/inventory/write-offs', { id: uuidv7(), storeId: t.ids.s01, reason: 'internal_use', lines: [{ productId: a, qty: 1000 }] });
    expect(wo.statusCode, wo.body).toBe(201);
    expect(await journalOf(t, wo.json().id)).toEqual([[{ account: '560201', debit: 500, credit: 0 }, { account: '1405', debit: 0, credit: 500 }]]);
    const rc = await t.call(clerk, 'POST', '/api/v1/inventory/receipts', { id: uuidv7(), storeId: t.ids.s01, lines: [{ productId: b, qty: 2000, unitCost: 600 }] });
    expect(rc.statusCode, rc.body).toBe(201);
    expect(await journalOf(t, rc.json().id)).toEqual([[{ account: '1405', debit: 1200, credit: 0 }, { account: '220201', debit: 0, credit: 1200 }]]);
  });

  it('resets a rule to the default (audited), and a new sale books to the default again', async () => {
    const res = await t.call(finance, 'DELETE', '/api/v1/posting-rules/payment_method/card');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ account: '1002', source: 'default' });
    expect((await t.db.db.selectFrom('audit_events').select('seq').where('action', '=', 'posting_rule.reset').execute()).length).toBe(1);
    const sale = await t.sell({ lines: [{ productId: b, qty: 1000 }], payments: [{ method: 'card', amount: 1090, reference: 'POS 000124' }], clientTotal: 1090 });
    expect(sale.statusCode, sale.body).toBe(201);
    expect((await journalOf(t, sale.json().id))[0][0]).toEqual({ account: '1002', debit: 1090, credit: 0 });
    // An account a rule points at cannot be deactivated.
    const off = await t.call(finance, 'PATCH', '/api/v1/accounts/500101', { active: false });
    expect([off.statusCode, off.json().code]).toEqual([409, 'account_in_use']);
  });

  it('caches the rules per company: no reload within the TTL, a reload after a change, the TTL or an unknown category', async () => {
    let now = 0;
    const cache = new PostingRulesCache(30_000, () => now);
    const first = await cache.get(t.db.db, t.ids.companyId);
    expect(await cache.get(t.db.db, t.ids.companyId, [food, null])).toBe(first);
    now = 29_999;
    expect(await cache.get(t.db.db, t.ids.companyId)).toBe(first);
    now = 30_000;
    const second = await cache.get(t.db.db, t.ids.companyId);
    expect(second).not.toBe(first);
    const newer = await category('PR-N', '新品', food);
    const third = await cache.get(t.db.db, t.ids.companyId, [newer]);
    expect(third).not.toBe(second);
    expect(third.revenue(newer)).toBe('500101');
    cache.invalidate(t.ids.companyId);
    expect(await cache.get(t.db.db, t.ids.companyId)).not.toBe(third);
  });

  it('posts a shift close shortage and a stocktake surplus to the accounts of their rules', async () => {
    // The cashier pays a shortage back (其他应收款); a surplus found at a count is other income.
    expect((await put('cash_over_short', 'short', '1221')).statusCode).toBe(200);
    expect((await put('stocktake_variance', 'gain', '5301')).statusCode).toBe(200);
    // R02 holds its 500.00 float only; 499.90 is counted.
    const close = await t.call(t.tokens.cashier, 'POST', `/api/v1/shifts/${t.shifts.r02}/close`, { id: uuidv7(), cash: { '100': 4, '50': 1, '10': 4, '5': 1, '1': 4, '0.5': 1, '0.1': 4 }, counted: {} });
    expect(close.statusCode, close.body).toBe(201);
    expect(await journalOf(t, close.json().id)).toEqual([[{ account: '1221', debit: 10, credit: 0 }, { account: '1001', debit: 0, credit: 10 }]]);

    // B on hand: 10 − 1 sold + 1 returned + 2 received − 1 sold = 11 at 6.00; 12 are counted.
    const st = await t.call(t.tokens.owner, 'POST', '/api/v1/stocktakes', { storeId: t.ids.s01, scope: 'category', categoryId: household });
    expect(st.statusCode, st.body).toBe(201);
    const counted = await t.call(t.tokens.owner, 'POST', `/api/v1/stocktakes/${st.json().id}/counts`, { device: 'PDA-1', entries: [{ productId: b, qty: 12_000 }] });
    expect(counted.statusCode, counted.body).toBe(201);
    const approved = await t.call(t.tokens.owner, 'POST', `/api/v1/stocktakes/${st.json().id}/approve`, { id: uuidv7() });
    expect(approved.statusCode, approved.body).toBe(201);
    expect(await journalOf(t, approved.json().id)).toEqual([[{ account: '1405', debit: 600, credit: 0 }, { account: '5301', debit: 0, credit: 600 }]]);
  });

  it('books 抹零 given away and 抹零 gained to the accounts of their rules', async () => {
    await subAccount('571101', '5711', '营业外支出-抹零');
    await subAccount('530101', '5301', '营业外收入-抹零');
    expect((await put('rounding', 'given', '571101')).statusCode).toBe(200);
    expect((await put('rounding', 'gained', '530101')).statusCode).toBe(200);
    const settings = (roundingMode: string) => t.call(t.tokens.owner, 'PUT', `/api/v1/stores/${t.ids.s01}/settings`, { roundingMode });
    // ¥15.88 at 13%: taxable round(1588 / 1.13) = 1405, VAT 183 (to 222101, the 13% rule set above).
    const p = await t.product({ price: 1588, taxRate: 1300 });
    try {
      expect((await settings('round_jiao')).statusCode).toBe(200);
      const up = await t.sell({ lines: [{ productId: p, qty: 1000 }], payments: [{ method: 'cash', amount: 2000 }], clientTotal: 1590 });
      expect(up.json()).toMatchObject({ rounding: 2, due: 1590 });
      expect(sorted((await journalOf(t, up.json().id))[0])).toEqual([
        { account: '1001', debit: 1590, credit: 0 },
        { account: '222101', debit: 0, credit: 183 },
        { account: '5001', debit: 0, credit: 1405 },
        { account: '530101', debit: 0, credit: 2 },
      ]);
      expect((await settings('drop_jiao')).statusCode).toBe(200);
      const down = await t.sell({ lines: [{ productId: p, qty: 1000 }], payments: [{ method: 'cash', amount: 1500 }], clientTotal: 1500 });
      expect(down.json()).toMatchObject({ rounding: -88, due: 1500 });
      expect(sorted((await journalOf(t, down.json().id))[0])).toEqual([
        { account: '1001', debit: 1500, credit: 0 },
        { account: '222101', debit: 0, credit: 183 },
        { account: '5001', debit: 0, credit: 1405 },
        { account: '571101', debit: 88, credit: 0 },
      ]);
    } finally {
      await settings('none');
    }
  });
});
