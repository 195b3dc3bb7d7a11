import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertStatement, isUniqueViolation, runBatch } from './dialect';
import { makeTestDb, testDialects, type TestDb } from './testing';

// runBatch on both dialects: one answer per statement, in order; outside a transaction the batch
// is all or nothing.
describe.each(testDialects)('runBatch on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await makeTestDb(dialect);
  });
  afterAll(() => t.dispose());

  const counter = (scope: string, value: number) => insertStatement('counters', ['scope', 'value'], [[scope, value]]);
  const read = (scope: string) => ({ text: 'SELECT value FROM counters WHERE scope = ?', params: [scope], returns: true });

  it('answers each statement in order, writes included', async () => {
    await runBatch(t.db, [counter('a', 1)]);
    const [a, inserted, b] = await runBatch(t.db, [read('a'), counter('b', 2), read('a')]);
    expect(a.map((r) => Number(r.value))).toEqual([1]);
    expect(inserted).toEqual([]);
    expect(b.map((r) => Number(r.value))).toEqual([1]);
    const [after] = await runBatch(t.db, [read('b'), read('a')]);
    expect(after.map((r) => Number(r.value))).toEqual([2]);
  });

  it('writes nothing when one statement of a batch outside a transaction fails, and the connection goes on', async () => {
    await expect(runBatch(t.db, [counter('c', 3), counter('a', 9)])).rejects.toSatisfy(isUniqueViolation);
    const [c, a] = await runBatch(t.db, [read('c'), read('a')]);
    expect(c).toEqual([]);
    expect(a.map((r) => Number(r.value))).toEqual([1]);
    // Concurrent batches and transactions share the one SQLite connection without interleaving.
    await Promise.all([
      t.db.transaction().execute((trx) => runBatch(trx, [counter('d', 4), counter('e', 5)])),
      runBatch(t.db, [read('a'), read('b')]),
      runBatch(t.db, [counter('f', 6), read('f')]),
    ]);
    const [d, e, f] = await runBatch(t.db, [read('d'), read('e'), read('f')]);
    expect([d, e, f].map((rows) => rows.map((r) => Number(r.value)))).toEqual([[4], [5], [6]]);
  });
});
