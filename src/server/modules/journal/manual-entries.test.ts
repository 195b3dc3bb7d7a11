// Manual journal entries (手工凭证) drafted by finance and approved by someone else, and reversals:
// bad drafts are refused naming the field, nobody approves their own entry, an approval posts
// exactly the drafted lines, and a document is reversed once, even by two requests at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { addDays } from '../../../core/time/calendar-date';
import { businessDate } from '../../../core/time/business-date';
import { testDialects } from '../../../db/testing';
import { verifyAll } from '../../verify/verify';
import { journalOf, makeSalesTestApp, type SalesTestApp } from '../sales/test-helpers';

const ENTRIES = '/api/v1/journal/manual-entries';

describe.each(testDialects)('manual journal entries on %s', (dialect) => {
  let t: SalesTestApp;
  let finance: string;
  const today = businessDate(new Date(), 'Asia/Shanghai');
  const expense = (amount = 12_345, date = today) => ({
    id: uuidv7(),
    storeId: t.ids.s01,
    date,
    memo: '房租 Rent for the month',
    lines: [
      { account: '5602', debit: amount, credit: 0, memo: '管理费用' },
      { account: '1002', debit: 0, credit: amount },
    ],
  });
  const draft = async (body = expense(), token = finance) => {
    const res = await t.call(token, 'POST', ENTRIES, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const approve = (id: string, token = t.tokens.owner, body: Record<string, unknown> = {}) => t.call(token, 'POST', `${ENTRIES}/${id}/approve`, body);
  const reverse = (documentId: string, body: Record<string, unknown> = { memo: '冲销 wrong month' }, token = t.tokens.owner) =>
    t.call(token, 'POST', `/api/v1/journal/documents/${documentId}/reverse`, body);
  const field = (res: { json(): { errors?: { field: string }[] } }) => res.json().errors?.[0]?.field;

  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    finance = await t.login('finance');
  });
  afterAll(() => t.close());

  it('refuses bad drafts with a 4xx naming the field, and writes nothing', async () => {
    const before = await t.db.db.selectFrom('manual_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const unbalanced = expense();
    unbalanced.lines[1].credit = 12_340;
    let res = await t.call(finance, 'POST', ENTRIES, unbalanced);
    expect([res.statusCode, res.json().code, field(res)]).toEqual([422, 'unbalanced', 'lines']);

    const unknown = expense();
    unknown.lines[1].account = '9999';
    res = await t.call(finance, 'POST', ENTRIES, unknown);
    expect([res.statusCode, res.json().code, field(res)]).toEqual([422, 'unknown_account', 'lines.1.account']);

    const both = expense();
    both.lines[0].credit = 5;
    res = await t.call(finance, 'POST', ENTRIES, both);
    expect([res.statusCode, res.json().code, field(res)]).toEqual([400, 'debit_xor_credit', 'lines.0.debit']);

    const oneLine = { ...expense(), lines: [expense().lines[0]] };
    res = await t.call(finance, 'POST', ENTRIES, oneLine);
    expect(res.statusCode).toBe(400);
    expect(field(res)).toBe('lines');

    // A heading account (with an active sub-account) takes no posting; its sub-account does.
    expect((await t.call(finance, 'POST', '/api/v1/accounts', { code: '560201', name: '管理费用-房租', nameEn: 'Rent', parentCode: '5602' })).statusCode).toBe(201);
    res = await t.call(finance, 'POST', ENTRIES, expense());
    expect([res.statusCode, res.json().code, field(res)]).toEqual([422, 'account_not_postable', 'lines.0.account']);
    expect((await t.call(finance, 'PATCH', '/api/v1/accounts/560201', { active: false })).statusCode).toBe(200);

    res = await t.call(finance, 'POST', ENTRIES, expense(100, addDays(today, 2)));
    expect([res.statusCode, res.json().code, field(res)]).toEqual([422, 'date_in_future', 'date']);

    // A date in the closed period is refused at drafting, with the engine's own 409.
    expect((await t.call(finance, 'PUT', '/api/v1/books/lock-date', { lockDate: addDays(today, -3) })).statusCode).toBe(200);
    res = await t.call(finance, 'POST', ENTRIES, expense(100, addDays(today, -5)));
    expect([res.statusCode, res.json().code, field(res), res.json().lockDate]).toEqual([409, 'period_locked', 'date', addDays(today, -3)]);
    expect((await t.call(finance, 'PUT', '/api/v1/books/lock-date', { lockDate: null })).statusCode).toBe(200);

    expect((await t.call(t.tokens.cashier, 'POST', ENTRIES, expense())).statusCode).toBe(403);
    const after = await t.db.db.selectFrom('manual_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('answers a retried draft with the same entry, and a different body under its id with 409', async () => {
    const body = expense(500);
    const first = await draft(body);
    const again = await t.call(finance, 'POST', ENTRIES, body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first);
    const other = await t.call(finance, 'POST', ENTRIES, { ...body, memo: 'something else' });
    expect([other.statusCode, other.json().code]).toEqual([409, 'idempotency_conflict']);
  });

  it('refuses self-approval with 403 approval_self, and approval without the permission', async () => {
    const entry = await draft();
    const self = await approve(entry.id, finance);
    expect([self.statusCode, self.json().code]).toEqual([403, 'approval_self']);
    expect((await approve(entry.id, t.tokens.auditor)).statusCode).toBe(403);
    // Editing someone else's draft makes the editor an author too.
    const edited = await t.call(t.tokens.owner, 'PATCH', `${ENTRIES}/${entry.id}`, { memo: '房租 Rent (corrected)' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, memo: '房租 Rent (corrected)', status: 'draft' });
    expect((await approve(entry.id, t.tokens.owner)).json().code).toBe('approval_self');
    expect((await t.call(t.tokens.owner, 'GET', `${ENTRIES}/${entry.id}`)).json().status).toBe('draft');
  });

  it('posts exactly the drafted lines as a JV document when another user approves, and replays the approval', async () => {
    const entry = await draft(expense(8_800, addDays(today, -1)));
    const res = await approve(entry.id, t.tokens.owner, { version: 1 });
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({ type: 'manual_entry', businessDate: addDays(today, -1), total: 8_800, memo: '房租 Rent for the month', manualEntryId: entry.id });
    expect(doc.number).toMatch(/^JV-S01-\d{6}$/);
    expect(doc.approvedBy).toBe(doc.postedBy);
    expect(await journalOf(t, doc.id)).toEqual([[{ account: '5602', debit: 8_800, credit: 0 }, { account: '1002', debit: 0, credit: 8_800 }]]);

    const replay = await approve(entry.id, t.tokens.owner);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(doc);
    const view = (await t.call(finance, 'GET', `${ENTRIES}/${entry.id}`)).json();
    expect(view).toMatchObject({ status: 'posted', documentId: doc.id, documentNumber: doc.number, decidedBy: doc.postedBy, reversalDocumentId: null });
    expect(view.lines).toEqual([
      { account: '5602', accountName: '管理费用', accountNameEn: 'Administrative expenses', debit: 8_800, credit: 0, memo: '管理费用' },
      { account: '1002', accountName: '银行存款', accountNameEn: 'Bank deposits', debit: 0, credit: 8_800, memo: '' },
    ]);
    expect((await t.call(finance, 'PATCH', `${ENTRIES}/${entry.id}`, { memo: 'late edit' })).json().code).toBe('entry_not_draft');
    const audit = await t.db.db.selectFrom('audit_events').select('action').where('subject_id', 'in', [entry.id, doc.id]).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['document.manual_entry.posted', 'manual_entry.drafted']);
  });

  it('answers two approvals of one entry at the same moment with one document', async () => {
    const entry = await draft(expense(321));
    const results = await Promise.all([approve(entry.id), approve(entry.id)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(results[0].json()).toEqual(results[1].json());
    const docs = await t.db.db.selectFrom('documents').select('id').where('client_id', '=', entry.id).execute();
    expect(docs).toEqual([{ id: results[0].json().id }]);
  });

  it('refuses to approve a version the approver did not see, and a rejected entry', async () => {
    const entry = await draft();
    const lines = [{ account: '5601', debit: 700, credit: 0 }, { account: '1001', debit: 0, credit: 700 }];
    expect((await t.call(finance, 'PATCH', `${ENTRIES}/${entry.id}`, { lines, version: 1 })).json()).toMatchObject({ version: 2, total: 700 });
    const stale = await approve(entry.id, t.tokens.owner, { version: 1 });
    expect([stale.statusCode, stale.json().code, stale.json().version]).toEqual([409, 'entry_changed', 2]);
    const staleEdit = await t.call(finance, 'PATCH', `${ENTRIES}/${entry.id}`, { memo: 'x', version: 1 });
    expect(staleEdit.json().code).toBe('entry_changed');

    const rejected = await t.call(t.tokens.owner, 'POST', `${ENTRIES}/${entry.id}/reject`, { reason: '附件缺失 No invoice attached' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectReason: '附件缺失 No invoice attached', documentId: null });
    expect((await approve(entry.id)).json().code).toBe('entry_not_draft');
    expect((await t.call(t.tokens.owner, 'POST', `${ENTRIES}/${entry.id}/reject`, { reason: '' })).statusCode).toBe(400);
  });

  it('lists entries by status and date, paged, within the caller\'s stores', async () => {
    const all = (await t.call(finance, 'GET', `${ENTRIES}?pageSize=500`)).json();
    expect(all.total).toBe(all.items.length);
    const posted = (await t.call(finance, 'GET', `${ENTRIES}?status=posted`)).json();
    expect(posted.items.length).toBeGreaterThan(0);
    expect(posted.items.every((e: { status: string }) => e.status === 'posted')).toBe(true);
    const yesterday = (await t.call(finance, 'GET', `${ENTRIES}?from=${addDays(today, -1)}&to=${addDays(today, -1)}`)).json();
    expect(yesterday.items.map((e: { date: string }) => e.date)).toEqual(yesterday.items.map(() => addDays(today, -1)));
    const page2 = (await t.call(finance, 'GET', `${ENTRIES}?pageSize=1&page=2`)).json();
    expect(page2.items).toEqual([all.items[1]]);
    expect((await t.call(t.tokens.manager, 'GET', `${ENTRIES}?storeId=${t.ids.s02}`)).statusCode).toBe(404);
    expect((await t.call(finance, 'GET', `${ENTRIES}?status=bogus`)).statusCode).toBe(400);
  });

  it('reverses a posted entry once: swapped lines, linked, a second reversal 409', async () => {
    const entry = await draft(expense(4_200));
    const original = (await approve(entry.id)).json();
    const res = await reverse(original.id);
    expect(res.statusCode, res.body).toBe(201);
    const reversal = res.json();
    expect(reversal).toMatchObject({ type: 'reversal', reverses: original.id, reversesNumber: original.number, businessDate: today, total: 4_200 });
    expect(reversal.number).toMatch(/^RV-S01-\d{6}$/);
    expect(await journalOf(t, reversal.id)).toEqual([[{ account: '5602', debit: 0, credit: 4_200 }, { account: '1002', debit: 4_200, credit: 0 }]]);
    const again = await reverse(original.id);
    expect([again.statusCode, again.json().code, again.json().reversalDocumentId]).toEqual([409, 'already_reversed', reversal.id]);
    expect((await t.call(finance, 'GET', `${ENTRIES}/${entry.id}`)).json().reversalDocumentId).toBe(reversal.id);
    // A retry under the winning reversal's client id replays it.
    const byId = await t.db.db.selectFrom('documents').select('client_id').where('id', '=', reversal.id).executeTakeFirstOrThrow();
    const replay = await reverse(original.id, { id: byId.client_id, memo: '冲销 wrong month' });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(reversal);
    // A reversal is not reversed again.
    expect((await reverse(reversal.id)).json()).toMatchObject({ code: 'not_reversible', action: 'manual_entry' });
  });

  it('reverses at most once when two reversals arrive at the same moment', async () => {
    const original = (await approve((await draft(expense(999))).id)).json();
    const results = await Promise.all([1, 2, 3, 4].map((i) => reverse(original.id, { memo: `clerk ${i}` }, i % 2 ? finance : t.tokens.owner)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    for (const r of results.filter((r) => r.statusCode === 409)) expect(r.json().code).toBe('already_reversed');
    const links = await t.db.db.selectFrom('document_reversals').selectAll().where('original_document_id', '=', original.id).execute();
    expect(links).toHaveLength(1);
    const reversals = await t.db.db.selectFrom('documents').select('id').where('type', '=', 'reversal').where('result_json', 'like', `%${original.id}%`).execute();
    expect(reversals).toHaveLength(1);
    // The link's primary key is the database's own guard, whatever the service checks first.
    const other = (await approve((await draft(expense(1))).id)).json();
    await expect(
      t.db.db.insertInto('document_reversals').values({ original_document_id: original.id, reversal_document_id: other.id, company_id: t.ids.companyId }).execute(),
    ).rejects.toThrow();
  });

  it('refuses to reverse sales and stock documents, naming the business action to use', async () => {
    const p = await t.product({ price: 500, taxRate: 1300 });
    await t.stock.stockIn(t.ids.s01, p, 5_000, 1_000);
    const sale = await t.sell({ lines: [{ productId: p, qty: 1000 }], payments: [{ method: 'cash', amount: 500 }], clientTotal: 500 });
    expect(sale.statusCode, sale.body).toBe(201);
    const refused = await reverse(sale.json().id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'not_reversible', documentType: 'sale', action: 'void' });
    expect(refused.json().detail).toContain('void');
    const opening = await t.db.db.selectFrom('documents').select('id').where('type', '=', 'opening_balance').executeTakeFirstOrThrow();
    expect((await reverse(opening.id)).json()).toMatchObject({ code: 'not_reversible', action: 'stocktake' });
    const receipt = await t.db.db.selectFrom('documents').select('id').where('type', '=', 'receipt').executeTakeFirstOrThrow();
    expect((await reverse(receipt.id)).json()).toMatchObject({ code: 'not_reversible', action: 'write_off' });
    expect((await reverse('no-such-document')).statusCode).toBe(404);
  });

  it('dates a reversal on a chosen open date, never before its original or in a closed period', async () => {
    const original = (await approve((await draft(expense(250, addDays(today, -2)))).id)).json();
    const early = await reverse(original.id, { memo: 'x', date: addDays(today, -3) });
    expect([early.statusCode, early.json().code, field(early)]).toEqual([422, 'reversal_before_original', 'date']);
    expect((await t.call(finance, 'PUT', '/api/v1/books/lock-date', { lockDate: addDays(today, -2) })).statusCode).toBe(200);
    const locked = await reverse(original.id, { memo: 'x', date: addDays(today, -2) });
    expect([locked.statusCode, locked.json().code]).toEqual([409, 'period_locked']);
    // An approval of a draft whose date has since closed is refused too.
    expect((await t.call(finance, 'PUT', '/api/v1/books/lock-date', { lockDate: null })).statusCode).toBe(200);
    const late = await draft(expense(250, addDays(today, -2)));
    expect((await t.call(finance, 'PUT', '/api/v1/books/lock-date', { lockDate: addDays(today, -2) })).statusCode).toBe(200);
    expect((await approve(late.id)).json()).toMatchObject({ code: 'period_locked', lockDate: addDays(today, -2) });
    const ok = await reverse(original.id, { memo: 'x', date: addDays(today, -1) });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().businessDate).toBe(addDays(today, -1));
    expect((await t.call(finance, 'PUT', '/api/v1/books/lock-date', { lockDate: null })).statusCode).toBe(200);
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
