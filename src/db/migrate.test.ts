import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'kysely';
import { makeTestDb, testDialects, type TestDb } from './testing';
import { isImmutableViolation } from './dialect';

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
