// The chart of accounts is editable (sub-accounts, renames, deactivation) within what keeps the
// books true, and the books close at a lock date that the posting engine enforces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { businessDate } from '../../../core/time/business-date';
import { addDays } from '../../../core/time/calendar-date';
import { testDialects } from '../../../db/testing';
import { draftAndApprove, postManualEntry } from '../journal/test-helpers';
import { makeSalesTestApp, type SalesTestApp } from '../sales/test-helpers';

describe.each(testDialects)('chart of accounts and lock date on %s', (dialect) => {
  let t: SalesTestApp;
  let finance: string;
  const today = businessDate(new Date(), 'Asia/Shanghai');
  const audits = (action: string) => t.db.db.selectFrom('audit_events').select(['data_json', 'actor_id']).where('action', '=', action).execute();

  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    finance = await t.login('finance');
  });
  afterAll(() => t.close());

  it('adds a sub-account under its parent, with the parent\'s type, audited', async () => {
    const res = await t.call(finance, 'POST', '/api/v1/accounts', { code: '222101', name: '应交增值税-销项税额', nameEn: 'Output VAT', parentCode: '2221' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ code: '222101', name: '应交增值税-销项税额', nameEn: 'Output VAT', type: 'liability', parentCode: '2221', active: true });
    const chart = (await t.call(finance, 'GET', '/api/v1/accounts')).json();
    expect(chart.items.find((a: { code: string }) => a.code === '222101')).toMatchObject({ parentCode: '2221' });
    expect(await audits('account.created')).toHaveLength(1);
  });

  it('refuses a duplicate code, a code outside its parent, an unknown parent and a first-level account without type', async () => {
    const post = (body: Record<string, unknown>) => t.call(finance, 'POST', '/api/v1/accounts', { name: '测试', nameEn: 'Test', ...body });
    const dup = await post({ code: '1001', type: 'asset' });
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'account_exists']);
    const outside = await post({ code: '100201', parentCode: '2221' });
    expect([outside.statusCode, outside.json().errors[0].field]).toEqual([400, 'code']);
    const orphan = await post({ code: '999901', parentCode: '9999' });
    expect([orphan.statusCode, orphan.json().errors[0].field]).toEqual([422, 'parentCode']);
    const typeless = await post({ code: '1003' });
    expect([typeless.statusCode, typeless.json().errors[0].field]).toEqual([400, 'type']);
    expect((await t.call(t.tokens.manager, 'POST', '/api/v1/accounts', { code: '1004', name: 'x', nameEn: 'x', type: 'asset' })).statusCode).toBe(403);
  });

  it('renames any account but keeps the type of one with postings, and never deactivates a used one', async () => {
    const rename = await t.call(finance, 'PATCH', '/api/v1/accounts/1001', { name: '库存现金（人民币）', nameEn: 'Cash (CNY)' });
    expect(rename.statusCode, rename.body).toBe(200);
    expect(rename.json()).toMatchObject({ code: '1001', name: '库存现金（人民币）', type: 'asset', active: true });
    // 1001 holds the demo's opening float.
    const retype = await t.call(finance, 'PATCH', '/api/v1/accounts/1001', { type: 'expense' });
    expect([retype.statusCode, retype.json().code, retype.json().errors[0].field]).toEqual([409, 'account_in_use', 'type']);
    const off = await t.call(finance, 'PATCH', '/api/v1/accounts/1001', { active: false });
    expect([off.statusCode, off.json().code]).toEqual([409, 'account_in_use']);
    const parent = await t.call(finance, 'PATCH', '/api/v1/accounts/2241', { active: false });
    expect(parent.statusCode, parent.body).toBe(200);
    expect((await t.call(finance, 'PATCH', '/api/v1/accounts/9999', { name: 'x' })).statusCode).toBe(404);
    expect((await t.call(finance, 'PATCH', '/api/v1/accounts/1001', {})).statusCode).toBe(400);
    expect((await audits('account.updated')).length).toBe(2);
  });

  it('takes no manual posting on a deactivated account, and takes it again once reactivated', async () => {
    const entry = { storeId: t.ids.s01, memo: 'test', lines: [{ account: '222101', debit: 0, credit: 100 }, { account: '5601', debit: 100, credit: 0 }] };
    expect((await t.call(finance, 'PATCH', '/api/v1/accounts/222101', { active: false })).statusCode).toBe(200);
    const refused = await draftAndApprove(t, finance, t.tokens.owner, entry);
    expect([refused.draft.statusCode, refused.draft.json().code, refused.draft.json().errors[0].field]).toEqual([422, 'unknown_account', 'lines.0.account']);
    expect(refused.posted).toBeNull();
    expect((await t.call(finance, 'PATCH', '/api/v1/accounts/222101', { active: true })).statusCode).toBe(200);
    expect((await postManualEntry(t, finance, t.tokens.owner, entry)).number).toMatch(/^JV-S01-/);
    // Now it has a balance: it cannot be deactivated, nor can its parent while it is active.
    expect((await t.call(finance, 'PATCH', '/api/v1/accounts/222101', { active: false })).json().code).toBe('account_has_balance');
  });

  it('closes the books up to a past date only, company-wide finance/owner only, audited', async () => {
    const put = (lockDate: string | null, token = finance) => t.call(token, 'PUT', '/api/v1/books/lock-date', { lockDate });
    const future = await put(today);
    expect([future.statusCode, future.json().code, future.json().errors[0].field]).toEqual([422, 'lock_date_not_past', 'lockDate']);
    expect((await put(addDays(today, -3), t.tokens.manager)).statusCode).toBe(403);
    expect((await put('2026-02-30')).statusCode).toBe(400);
    const ok = await put(addDays(today, -3));
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await t.call(t.tokens.auditor, 'GET', '/api/v1/books/lock-date')).json()).toEqual({ lockDate: addDays(today, -3) });
    const [event] = await audits('books.lock_date_changed');
    expect(JSON.parse(event.data_json)).toEqual({ before: null, after: addDays(today, -3) });
  });

  it('refuses a back-office document dated in the closed period (409 period_locked naming the date)', async () => {
    const lockDate = addDays(today, -3);
    expect((await t.call(finance, 'PUT', '/api/v1/books/lock-date', { lockDate })).statusCode).toBe(200);
    const owner = await t.db.db.selectFrom('users').select('id').where('username', '=', 'owner').executeTakeFirstOrThrow();
    const post = (daysAgo: number) =>
      t.services.engine.post({
        clientId: uuidv7(),
        companyId: t.ids.companyId,
        storeId: t.ids.s01,
        type: 'manual_entry',
        actorId: owner.id,
        payloadHash: 'x',
        occurredAt: new Date(Date.now() - daysAgo * 86_400_000),
        build: async () => ({ total: 100, lines: [], moves: [], journal: [{ memo: 'late', lines: [{ account: '5601', debit: 100, credit: 0 }, { account: '1001', debit: 0, credit: 100 }] }] }),
      });
    await expect(post(4)).rejects.toMatchObject({ status: 409, code: 'period_locked', extra: { lockDate } });
    const open = await post(1);
    expect(open.document.businessDate).toBe(addDays(today, -1));
    expect(open.document.periodLocked).toBeUndefined();
  });

  it('posts an offline sale from a closed period on the first open date and records when it happened', async () => {
    const lockDate = addDays(today, -3);
    const p = await t.product({ price: 500, taxRate: 1300 });
    const clientTime = new Date(Date.now() - 5 * 86_400_000).toISOString();
    const res = await t.sell({ offline: true, clientTime, lines: [{ productId: p, qty: 1000, unitPrice: 500 }], payments: [{ method: 'cash', amount: 500 }], clientTotal: 500 });
    expect(res.statusCode, res.body).toBe(201);
    const sale = res.json();
    expect(sale.businessDate).toBe(addDays(lockDate, 1));
    expect(sale.periodLocked).toEqual({ occurredOn: businessDate(clientTime, 'Asia/Shanghai'), postedOn: addDays(lockDate, 1), lockDate });
    const entries = await t.db.db.selectFrom('journal_entries').select('business_date').where('document_id', '=', sale.id).execute();
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e.business_date).toBe(addDays(lockDate, 1));
    // The closed period's trial balance did not move.
    const tb = (await t.call(finance, 'GET', `/api/v1/reports/trial-balance?from=${lockDate}&to=${lockDate}`)).json();
    expect(tb.items.every((i: { debit: number; credit: number }) => i.debit === 0 && i.credit === 0)).toBe(true);
    // Reopening clears the lock.
    expect((await t.call(t.tokens.owner, 'PUT', '/api/v1/books/lock-date', { lockDate: null })).json()).toEqual({ lockDate: null });
  });
});
