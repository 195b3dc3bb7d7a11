import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { uuidv7 } from '../../core/id/uuidv7';
import { isForeignKeyViolation, isImmutableViolation } from '../../db/dialect';
import { testDialects } from '../../db/testing';
import { AuthContext } from '../auth/auth-context';
import { makeTestApp, type TestApp } from '../testing';
import { verifyAll } from '../verify/verify';
import { PostingEngine } from './engine';
import { payloadHash } from './payload-hash';
import type { PostingRequest } from './types';
import { UnbalancedPlanError } from './validate-plan';

describe.each(testDialects)('posting engine on %s', (dialect) => {
  let t: TestApp;
  let owner: AuthContext;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    const u = await t.db.db.selectFrom('users').selectAll().where('username', '=', 'owner').executeTakeFirstOrThrow();
    owner = new AuthContext({ id: u.id, companyId: u.company_id, username: u.username, displayName: u.display_name }, [{ role: 'owner', storeId: null }], {
      kind: 'api',
      tokenHash: '',
      registerId: null,
    });
  });
  afterAll(() => t.close());

  const cola = () => t.ids.products['DRK-COLA-330'];

  it('posts an opening balance as moves, balance increments, a balanced entry, an audit event and an outbox row', async () => {
    const before = await balance(cola(), t.ids.s02);
    const id = uuidv7();
    const out = await t.services.documents.postOpeningBalance(owner, {
      id,
      storeId: t.ids.s02,
      // 12.5 pieces at 2.13 = 26.625 → 26.63 (half up)
      stock: [{ productId: cola(), qty: 12_500, unitCost: 213 }],
      accounts: [{ account: '1001', debit: 10_000, credit: 0 }],
    });
    expect(out.replayed).toBe(false);
    expect(out.document.total).toBe(2663);
    expect(out.document.number).toMatch(/^OB-S02-\d{6}$/);
    const after = await balance(cola(), t.ids.s02);
    expect(after.qty - before.qty).toBe(12_500);
    expect(after.value - before.value).toBe(2663);

    const lines = await t.db.db
      .selectFrom('journal_lines')
      .innerJoin('journal_entries', 'journal_entries.id', 'journal_lines.entry_id')
      .select(['account_code', 'debit', 'credit'])
      .where('journal_entries.document_id', '=', out.document.id)
      .orderBy('journal_lines.line_no')
      .execute();
    expect(lines).toEqual([
      { account_code: '1405', debit: 2663, credit: 0 },
      { account_code: '1001', debit: 10_000, credit: 0 },
      { account_code: '3104', debit: 0, credit: 12_663 },
    ]);
    const audit = await t.db.db.selectFrom('audit_events').selectAll().where('subject_id', '=', out.document.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].chain_id).toBe(`store:${t.ids.s02}`);
    const outbox = await t.db.db.selectFrom('outbox').selectAll().where('document_id', '=', out.document.id).execute();
    expect(outbox.map((o) => o.topic)).toEqual(['document.opening_balance.posted']);
  });

  it('replays the same client id and payload with the original body, and refuses a different payload', async () => {
    const input = { id: uuidv7(), storeId: t.ids.s01, memo: 'bank', stock: [], accounts: [{ account: '1002', debit: 100, credit: 0 }] };
    const first = await t.services.documents.postOpeningBalance(owner, input);
    const again = await t.services.documents.postOpeningBalance(owner, { ...input, accounts: [...input.accounts] });
    expect(again.replayed).toBe(true);
    expect(again.document).toEqual(first.document);
    await expect(t.services.documents.postOpeningBalance(owner, { ...input, memo: 'other' })).rejects.toMatchObject({ status: 409, code: 'idempotency_conflict' });
    const n = await t.db.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('client_id', '=', input.id).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('posts one document for 50 concurrent requests with one client id', async () => {
    const input = { id: uuidv7(), registerId: t.ids.r02, direction: 'in' as const, amount: 1234, reason: 'float' };
    const results = await Promise.all(Array.from({ length: 50 }, () => t.services.documents.postCashMovement(owner, input)));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.document.id)).size).toBe(1);
    const docs = await t.db.db.selectFrom('documents').select('id').where('client_id', '=', input.id).execute();
    expect(docs).toHaveLength(1);
  });

  /** A cash paid-out of 1 fen on register r01, booked to `account`; `events` records when its plan was built. */
  const paidOut = (name: string, { account = '1001', events = [] as string[] } = {}): PostingRequest => ({
    clientId: uuidv7(),
    companyId: owner.user.companyId,
    storeId: t.ids.s01,
    registerId: t.ids.r01,
    type: 'cash_out',
    actorId: owner.user.id,
    payloadHash: payloadHash({ name }),
    build: async () => {
      events.push(`build ${name}`);
      return { total: 1, lines: [{ qty: 0, unitPrice: 0, amount: 1 }], moves: [], journal: [{ memo: name, lines: [{ account: '1001', debit: 0, credit: 1 }, { account, debit: 1, credit: 0 }] }] };
    },
  });

  it('keeps register numbers gapless when a document in the same batch fails', async () => {
    const good = () => t.services.documents.postCashMovement(owner, { id: uuidv7(), registerId: t.ids.r01, direction: 'in', amount: 100, reason: 'ok' });
    // A paid-out against an account the engine cannot post (foreign key) fails inside its savepoint.
    const bad = t.services.engine.post(paidOut('bad', { account: '9999' }));
    const results = await Promise.allSettled([good(), bad, good(), good()]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const seqs = await t.db.db
      .selectFrom('documents')
      .select('number_seq')
      .where('register_id', '=', t.ids.r01)
      .orderBy('number_seq')
      .execute();
    expect(seqs.map((s) => Number(s.number_seq))).toEqual(seqs.map((_, i) => i + 1));
    expect((await verifyAll(t.db.db)).ok).toBe(true);
  });

  const turns = async (n: number) => {
    for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
  };

  it.runIf(dialect === 'sqlite')('gathers documents arriving while a WAL flush runs and commits them together once it ends', async () => {
    let release!: () => void;
    let flushing: Promise<void> | null = new Promise<void>((r) => (release = r));
    const engine = new PostingEngine({ ...t.db, flushInFlight: () => flushing });
    const events: string[] = [];
    const post = (name: string) => engine.post(paidOut(name, { events })).then((o) => (events.push(`answered ${name}`), o));
    const a = post('a');
    await turns(3);
    const b = post('b');
    await turns(3);
    const c = post('c');
    await turns(3);
    expect(events).toEqual([]); // nothing written while the flush runs
    flushing = null;
    release();
    const posted = await Promise.all([a, b, c]);
    expect(events).toEqual(['build a', 'build b', 'build c', 'answered a', 'answered b', 'answered c']);
    expect(posted.map((o) => o.replayed)).toEqual([false, false, false]);
  });

  it.runIf(dialect === 'sqlite')('does not hold a full batch back for a running WAL flush', async () => {
    const engine = new PostingEngine({ ...t.db, flushInFlight: () => new Promise<void>(() => {}) }, { maxBatch: 2 });
    const events: string[] = [];
    const posted = await Promise.all([engine.post(paidOut('a', { events })), engine.post(paidOut('b', { events }))]);
    expect(events).toEqual(['build a', 'build b']);
    expect(posted).toHaveLength(2);
  });

  it('answers a write the database refuses with that refusal and keeps nothing of the document', async () => {
    // On PostgreSQL the COMMIT follows the write without waiting for it (decisions/0005): the
    // caller must still see the write's own error, not the aborted transaction's, and the number
    // the claim took must go back.
    const clientId = uuidv7();
    const seqOf = async () =>
      Number((await sql<{ n: number }>`SELECT COALESCE(MAX(number_seq), 0) AS n FROM documents WHERE register_id = ${t.ids.r02}`.execute(t.db.db)).rows[0].n);
    const seq0 = await seqOf();
    const error = await t.services.engine
      .post({
        clientId,
        companyId: owner.user.companyId,
        storeId: t.ids.s01,
        registerId: t.ids.r02,
        type: 'cash_out',
        actorId: owner.user.id,
        payloadHash: payloadHash({ clientId }),
        build: async () => ({
          total: 1,
          lines: [{ qty: 0, unitPrice: 0, amount: 1 }],
          moves: [],
          journal: [{ memo: 'x', lines: [{ account: '1001', debit: 0, credit: 1 }, { account: '9999', debit: 1, credit: 0 }] }],
        }),
      })
      .catch((e: unknown) => e);
    expect(isForeignKeyViolation(error)).toBe(true);
    expect(await t.db.db.selectFrom('documents').select('id').where('client_id', '=', clientId).execute()).toEqual([]);
    const next = await t.services.documents.postCashMovement(owner, { id: uuidv7(), registerId: t.ids.r02, direction: 'in', amount: 100, reason: 'after' });
    expect(next.document.number).toMatch(new RegExp(`-${String(seq0 + 1).padStart(6, '0')}$`));
  });

  it('refuses a plan that does not balance and writes nothing', async () => {
    const count = async () => Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM documents`.execute(t.db.db)).rows[0].n);
    const n0 = await count();
    await expect(
      t.services.engine.post({
        clientId: uuidv7(),
        companyId: owner.user.companyId,
        storeId: t.ids.s01,
        type: 'journal_entry',
        actorId: owner.user.id,
        payloadHash: 'x',
        build: async () => ({
          total: 5,
          lines: [],
          moves: [],
          journal: [{ memo: 'bad', lines: [{ account: '1001', debit: 5, credit: 0 }, { account: '1002', debit: 0, credit: 4 }] }],
        }),
      }),
    ).rejects.toBeInstanceOf(UnbalancedPlanError);
    expect(await count()).toBe(n0);
  });

  it('lets the database itself refuse edits and deletes of posted rows', async () => {
    const edits = {
      documents: "memo = 'x'",
      document_lines: 'qty = 0',
      stock_moves: 'qty = 0',
      journal_entries: "memo = 'x'",
      journal_lines: 'debit = 0',
      audit_events: "hash = 'x'",
    };
    for (const [table, set] of Object.entries(edits)) {
      await expect(sql.raw(`UPDATE ${table} SET ${set}`).execute(t.db.db)).rejects.toSatisfy(isImmutableViolation);
      await expect(sql.raw(`DELETE FROM ${table}`).execute(t.db.db)).rejects.toSatisfy(isImmutableViolation);
    }
  });

  async function balance(productId: string, storeId: string) {
    const r = await t.db.db
      .selectFrom('stock_balances')
      .select([sql<number>`CAST(COALESCE(SUM(qty), 0) AS BIGINT)`.as('qty'), sql<number>`CAST(COALESCE(SUM(cost_value), 0) AS BIGINT)`.as('value')])
      .where('product_id', '=', productId)
      .where('store_id', '=', storeId)
      .executeTakeFirstOrThrow();
    return { qty: Number(r.qty), value: Number(r.value) };
  }
});
