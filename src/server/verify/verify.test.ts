import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { withoutImmutability } from '../../db/dialect';
import { testDialects } from '../../db/testing';
import { makeTestApp, type TestApp } from '../testing';
import { verifyAll } from './verify';

describe.each(testDialects)('verify on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp(dialect);
  });
  afterEach(() => t.close());

  const first = async () => (await verifyAll(t.db.db)).firstViolation;

  it('passes on the demo data', async () => {
    const report = await verifyAll(t.db.db);
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual([
      ['STOCK', true],
      ['GL', true],
      ['ONCE', true],
      ['SEQ', true],
      ['CHAIN', true],
      ['LINK', true],
    ]);
  });

  it('STOCK: names a balance that differs from its moves', async () => {
    const b = await t.db.db.selectFrom('stock_balances').selectAll().limit(1).executeTakeFirstOrThrow();
    await t.db.db.updateTable('stock_balances').set({ qty: b.qty + 1000 }).where('product_id', '=', b.product_id).where('store_id', '=', b.store_id).execute();
    expect(await first()).toMatch(new RegExp(`^STOCK: balance of product ${b.product_id} in store ${b.store_id} is qty ${b.qty + 1000}`));
  });

  it('GL: names an entry that does not balance', async () => {
    const line = await t.db.db.selectFrom('journal_lines').selectAll().where('debit', '>', 0).limit(1).executeTakeFirstOrThrow();
    await withoutImmutability(t.db, (db) =>
      db.updateTable('journal_lines').set({ debit: line.debit + 1 }).where('entry_id', '=', line.entry_id).where('line_no', '=', line.line_no).execute(),
    );
    expect(await first()).toBe(`GL: journal entry ${line.entry_id} does not balance: debit ${await sumOf(line.entry_id, 'debit')}, credit ${await sumOf(line.entry_id, 'credit')}`);
  });

  it('ONCE: names a client id posted twice', async () => {
    const doc = await t.db.db.selectFrom('documents').selectAll().where('type', '=', 'cash_in').executeTakeFirstOrThrow();
    await sql`DROP INDEX documents_client_id_uq`.execute(t.db.db);
    await t.db.db
      .insertInto('documents')
      .values({ ...doc, id: `${doc.id.slice(0, -4)}ffff`, number_seq: 99, number: 'dup' })
      .execute();
    expect(await first()).toMatch(new RegExp(`ONCE: client id ${doc.client_id} was posted 2 times`));
  });

  it('SEQ: names the missing number of a register', async () => {
    const doc = await t.db.db.selectFrom('documents').selectAll().where('type', '=', 'cash_in').executeTakeFirstOrThrow();
    await withoutImmutability(t.db, (db) => db.updateTable('documents').set({ number_seq: 3 }).where('id', '=', doc.id).execute());
    expect(await first()).toBe(`SEQ: numbers of register:${doc.register_id} have a gap: 1 is missing (1 documents, highest 3)`);
  });

  it('CHAIN: names the first seq whose hash no longer matches', async () => {
    const ev = await t.db.db.selectFrom('audit_events').selectAll().where('chain_id', '=', `store:${t.ids.s01}`).where('seq', '=', 2).executeTakeFirstOrThrow();
    await withoutImmutability(t.db, (db) =>
      db.updateTable('audit_events').set({ data_json: ev.data_json.replace('}', ',"forged":true}') }).where('chain_id', '=', ev.chain_id).where('seq', '=', 2).execute(),
    );
    expect(await first()).toBe(`CHAIN: chain store:${t.ids.s01} is broken at seq 2`);
  });

  it('CHAIN: notices a deleted last event', async () => {
    const head = await t.db.db.selectFrom('audit_heads').selectAll().where('chain_id', '=', `store:${t.ids.s01}`).executeTakeFirstOrThrow();
    await withoutImmutability(t.db, (db) => db.deleteFrom('audit_events').where('chain_id', '=', head.chain_id).where('seq', '=', head.seq).execute());
    expect(await first()).toMatch(new RegExp(`^CHAIN: chain store:${t.ids.s01} is broken at seq ${Number(head.seq)}`));
  });

  it('LINK: names a document whose journal entry is missing', async () => {
    const doc = await t.db.db.selectFrom('documents').selectAll().where('type', '=', 'cash_in').executeTakeFirstOrThrow();
    await withoutImmutability(t.db, async (db) => {
      const entries = await db.selectFrom('journal_entries').select('id').where('document_id', '=', doc.id).execute();
      await db.deleteFrom('journal_lines').where('entry_id', 'in', entries.map((e) => e.id)).execute();
      await db.deleteFrom('journal_entries').where('document_id', '=', doc.id).execute();
    });
    expect(await first()).toBe(`LINK: cash_in ${doc.number} has no journal entry`);
  });

  async function sumOf(entryId: string, col: 'debit' | 'credit') {
    const rows = await t.db.db.selectFrom('journal_lines').select(col).where('entry_id', '=', entryId).execute();
    return rows.reduce((s, r) => s + Number((r as Record<string, number>)[col]), 0);
  }
});
