import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'kysely';
import { makeTestDb, testDialects, type TestDb } from './testing';
import { isImmutableViolation } from './dialect';
import { migrateToLatest } from './migrate';

describe.each(testDialects)('migrations on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await makeTestDb(dialect);
  });
  afterAll(() => t.dispose());

  it('creates the foundation tables', async () => {
    const r = await t.db.selectFrom('counters').selectAll().execute();
    expect(r).toEqual([]);
  });

  it('refuses UPDATE and DELETE on audit events at the database level', async () => {
    await t.db
      .insertInto('audit_events')
      .values({ chain_id: 'x', seq: 1, at: 'now', company_id: 'c', actor_id: null, action: 'a', subject_type: 's', subject_id: null, store_id: null, data_json: '{}', prev_hash: '', hash: 'h' })
      .execute();
    await expect(t.db.updateTable('audit_events').set({ hash: 'forged' }).execute()).rejects.toSatisfy(isImmutableViolation);
    await expect(t.db.deleteFrom('audit_events').execute()).rejects.toSatisfy(isImmutableViolation);
    const rows = await sql<{ hash: string }>`select hash from audit_events`.execute(t.db);
    expect(rows.rows).toEqual([{ hash: 'h' }]);
  });
});

describe.each(testDialects)('0023 outbox without the document body on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await makeTestDb(dialect, { upTo: '0022_stock_move_indexes' });
  });
  afterAll(() => t.dispose());

  it('keeps every row and its state, lets a document row go without a body, and keeps an event body', async () => {
    const row = (id: string, documentId: string | null, rolledUp: string | null) => ({ id, topic: documentId ? 'document.sale.posted' : 'catalog.changed', document_id: documentId, payload_json: '{"n":1}', created_at: `2026-11-0${id}`, published_at: null, rolled_up_at: rolledUp });
    await t.db.insertInto('outbox').values([row('1', 'd1', '2026-11-02'), row('2', null, null), row('3', 'd3', null)]).execute();
    await migrateToLatest(t);
    const rows = await t.db.selectFrom('outbox').selectAll().orderBy('id').execute();
    // SQLite's rebuild drops the copies; PostgreSQL keeps older rows as they were.
    const copy = dialect === 'sqlite' ? null : '{"n":1}';
    expect(rows).toEqual([
      { ...row('1', 'd1', '2026-11-02'), payload_json: copy },
      row('2', null, null),
      { ...row('3', 'd3', null), payload_json: copy },
    ]);
    await t.db.insertInto('outbox').values({ id: '4', topic: 'document.sale.posted', document_id: 'd4', created_at: '2026-11-04' }).execute();
    // The rollup backlog is still found through its partial index.
    const pending = await sql<{ id: string }>`SELECT id FROM outbox WHERE rolled_up_at IS NULL ORDER BY id`.execute(t.db);
    expect(pending.rows.map((r) => r.id)).toEqual(['2', '3', '4']);
  });
});

describe.each(testDialects)('0024 partial index of taken-back sales on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await makeTestDb(dialect);
  });
  afterAll(() => t.dispose());

  it('indexes only rows that name an original sale', async () => {
    const definition =
      dialect === 'sqlite'
        ? (await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE name = 'sales_original_ix'`.execute(t.db)).rows[0].sql
        : (await sql<{ sql: string }>`SELECT indexdef AS sql FROM pg_indexes WHERE indexname = 'sales_original_ix' AND schemaname = current_schema()`.execute(t.db)).rows[0].sql;
    expect(definition).toMatch(/WHERE \(?original_document_id IS NOT NULL\)?/i);
  });

  it.runIf(dialect === 'sqlite')('still answers a lookup by original sale from the index', async () => {
    const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT document_id FROM sales WHERE original_document_id = ${'d1'}`.execute(t.db);
    expect(plan.rows.map((r) => r.detail).join(' ')).toContain('USING INDEX sales_original_ix');
  });
});
