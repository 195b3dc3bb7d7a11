import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../db/testing';
import { makeTestApp, type TestApp } from '../../testing';
import { postManualEntry } from '../journal/test-helpers';

describe.each(testDialects)('audit API on %s', (dialect) => {
  let t: TestApp;
  let owner: string;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = await t.login('owner');
  });
  afterAll(() => t.close());

  it('lists events newest first with filters by chain and action', async () => {
    const all = await t.call(owner, 'GET', '/api/v1/audit?pageSize=500');
    expect(all.statusCode).toBe(200);
    const actions = all.json().items.map((e: { action: string }) => e.action);
    expect(actions).toContain('auth.login');
    expect(actions).toContain('document.opening_balance.posted');
    const store = await t.call(owner, 'GET', `/api/v1/audit?chain=store:${t.ids.s01}&pageSize=500`);
    const seqs = store.json().items.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(store.json().items.every((e: { chainId: string }) => e.chainId === `store:${t.ids.s01}`)).toBe(true);
    const logins = await t.call(owner, 'GET', '/api/v1/audit?action=auth.login');
    expect(logins.json().items.every((e: { action: string }) => e.action.startsWith('auth.login'))).toBe(true);
  });

  it('exports CSV with formula injection neutralised', async () => {
    // A user whose display name is a spreadsheet formula drafts a manual entry (with a formula
    // memo) that the owner approves: the actor cell of those events must not start with "=".
    const user = await t.call(owner, 'POST', '/api/v1/users', {
      username: 'fin-evil',
      displayName: '=HYPERLINK("http://evil")',
      password: 'finance-evil-pass',
      roles: [{ role: 'finance', storeId: null }],
    });
    expect(user.statusCode, user.body).toBe(201);
    const evil = await t.login('fin-evil', 'finance-evil-pass');
    await postManualEntry(t, evil, owner, {
      storeId: t.ids.s01,
      memo: '=HYPERLINK("http://evil")',
      lines: [
        { account: '5602', debit: 100, credit: 0 },
        { account: '1001', debit: 0, credit: 100 },
      ],
    });
    const res = await t.call(owner, 'GET', '/api/v1/audit/export?action=manual_entry');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const [header, ...rows] = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header).toBe('chain,seq,at,actor,action,subject_type,subject_id,store_id,data,prev_hash,hash');
    expect(rows.filter((r) => r.includes('"manual_entry.drafted"'))).toHaveLength(1);
    expect(rows.find((r) => r.includes('"manual_entry.drafted"'))).toContain(`,"'=HYPERLINK(""http://evil"")",`);
    expect(res.body).not.toMatch(/(^|,)"=/m);
    const posted = await t.call(owner, 'GET', '/api/v1/audit/export?action=document');
    expect(posted.body).toContain('document.manual_entry.posted');
    expect(posted.body).not.toMatch(/(^|,)"=/m);
  });

  it('shows a store-scoped auditor nothing of other stores', async () => {
    const res = await t.call(owner, 'POST', '/api/v1/users', {
      username: 'aud-s02',
      displayName: 'S02 auditor',
      password: 'auditor-s02-pass',
      roles: [{ role: 'auditor', storeId: t.ids.s02 }],
    });
    expect(res.statusCode).toBe(201);
    const token = await t.login('aud-s02', 'auditor-s02-pass');
    const events = (await t.call(token, 'GET', '/api/v1/audit?pageSize=500')).json().items;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e: { storeId: string }) => e.storeId === t.ids.s02)).toBe(true);
  });
});
