// Property: whatever sequence of shipments, partial receipts (some racing each other, some too
// large) and closings happens, goods in transit are never lost or doubled:
//   Σ 1402 over all stores = Σ over open transfers of the cost not yet received,
//   Σ 1901                 = Σ over closed transfers of the cost that never arrived,
// and value and quantity are conserved: stock + in transit + written off to 1901 = what was there.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/id/uuidv7';
import { testDialects } from '../../../db/testing';
import { AuthContext } from '../../auth/auth-context';
import { Problem } from '../../http/problem';
import { stockFixtures } from '../../inventory/test-stock';
import { makeTestApp, type TestApp } from '../../testing';
import { verifyAll } from '../../verify/verify';

type Command =
  | { kind: 'ship'; from: number; product: number; qty: number }
  | { kind: 'receive'; pick: number; line: number; qty: number; racing: boolean }
  | { kind: 'close'; pick: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('ship' as const), from: fc.integer({ min: 0, max: 1 }), product: fc.integer({ min: 0, max: 2 }), qty: fc.integer({ min: 1, max: 4000 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('receive' as const), pick: fc.nat(), line: fc.nat(), qty: fc.integer({ min: 1, max: 3000 }), racing: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), pick: fc.nat() }) },
);

/** Refusals the workflow is expected to give for random input; anything else fails the property. */
const EXPECTED_REFUSALS = new Set(['insufficient_stock', 'over_receipt', 'transfer_not_open']);

describe.each(testDialects)('goods in transit on %s', (dialect) => {
  let t: TestApp;
  let owner: AuthContext;
  let stores: string[];
  let products: string[];
  let initial: { qty: number; value: number };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    const f = await stockFixtures(t);
    const u = await t.db.db.selectFrom('users').selectAll().where('username', '=', 'owner').executeTakeFirstOrThrow();
    owner = new AuthContext({ id: u.id, companyId: u.company_id, username: u.username, displayName: u.display_name }, [{ role: 'owner', storeId: null }], {
      kind: 'api',
      tokenHash: '',
      registerId: null,
    });
    stores = [t.ids.s01, t.ids.s02];
    products = [await f.product('PRT-A'), await f.product('PRT-B'), await f.product('PRT-C')];
    // Awkward values so every proration has a remainder; PRT-C has two batches (FEFO splits lines).
    await f.stockIn(t.ids.s01, products[0], 60_000, 12_347);
    await f.stockIn(t.ids.s02, products[0], 40_000, 9_991);
    await f.stockIn(t.ids.s01, products[1], 45_500, 33_333);
    await f.stockIn(t.ids.s02, products[1], 30_000, 10_001);
    const b1 = await f.batch(products[2], 'C-1', '2026-09-01', '2026-01-01T00:00:00.000Z');
    const b2 = await f.batch(products[2], 'C-2', '2026-12-01', '2026-02-01T00:00:00.000Z');
    await f.stockIn(t.ids.s01, products[2], 5_000, 1_777, { batchId: b1 });
    await f.stockIn(t.ids.s01, products[2], 50_000, 21_113, { batchId: b2 });
    await f.stockIn(t.ids.s02, products[2], 20_000, 7_001, { batchId: b2 });
    initial = await stockOf(products);
  });
  afterAll(() => t.close());

  async function stockOf(ids: string[]) {
    const r = await t.db.db
      .selectFrom('stock_balances')
      .select([sql<number>`CAST(COALESCE(SUM(qty), 0) AS BIGINT)`.as('qty'), sql<number>`CAST(COALESCE(SUM(cost_value), 0) AS BIGINT)`.as('value')])
      .where('product_id', 'in', ids)
      .executeTakeFirstOrThrow();
    return { qty: Number(r.qty), value: Number(r.value) };
  }

  async function ledger(account: string) {
    const r = await t.db.db
      .selectFrom('journal_lines')
      .select(sql<number>`CAST(COALESCE(SUM(debit - credit), 0) AS BIGINT)`.as('balance'))
      .where('account_code', '=', account)
      .executeTakeFirstOrThrow();
    return Number(r.balance);
  }

  async function outstanding(statuses: string[]) {
    const r = await t.db.db
      .selectFrom('transfer_lines')
      .innerJoin('transfers', 'transfers.id', 'transfer_lines.transfer_id')
      .select([sql<number>`CAST(COALESCE(SUM(qty_shipped - qty_received), 0) AS BIGINT)`.as('qty'), sql<number>`CAST(COALESCE(SUM(cost_value - cost_received), 0) AS BIGINT)`.as('value')])
      .where('transfers.status', 'in', statuses)
      .executeTakeFirstOrThrow();
    return { qty: Number(r.qty), value: Number(r.value) };
  }

  async function refusalsOnly(p: Promise<unknown>) {
    try {
      await p;
    } catch (err) {
      if (!(err instanceof Problem) || !EXPECTED_REFUSALS.has(err.code)) throw err;
    }
  }

  async function run(c: Command) {
    if (c.kind === 'ship') {
      const from = stores[c.from];
      const to = stores[1 - c.from];
      return refusalsOnly(t.services.transfers.ship(owner, { id: uuidv7(), fromStoreId: from, toStoreId: to, lines: [{ productId: products[c.product], qty: c.qty }] }));
    }
    const open = await t.db.db.selectFrom('transfers').select('id').where('status', 'in', ['shipped', 'partially_received']).orderBy('id').execute();
    if (!open.length) return;
    const transferId = open[c.pick % open.length].id;
    if (c.kind === 'close') return refusalsOnly(t.services.transfers.close(owner, transferId, { id: uuidv7(), reason: 'never arrived' }));
    const lines = await t.db.db.selectFrom('transfer_lines').select('line_no').where('transfer_id', '=', transferId).orderBy('line_no').execute();
    const lineNo = Number(lines[c.line % lines.length].line_no);
    const receipt = () => t.services.transfers.receive(owner, transferId, { id: uuidv7(), lines: [{ lineNo, qty: c.qty }] });
    await Promise.all(c.racing ? [refusalsOnly(receipt()), refusalsOnly(receipt())] : [refusalsOnly(receipt())]);
  }

  it('never loses or doubles goods in transit (fast-check, 25 random sequences)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (commands) => {
        for (const c of commands) await run(c);

        const inTransit = await outstanding(['shipped', 'partially_received']);
        const lost = await outstanding(['closed']);
        expect(await ledger('1402')).toBe(inTransit.value);
        expect(await ledger('1901')).toBe(lost.value);
        const stock = await stockOf(products);
        expect(stock.value + inTransit.value + lost.value).toBe(initial.value);
        expect(stock.qty + inTransit.qty + lost.qty).toBe(initial.qty);

        const broken = await t.db.db
          .selectFrom('transfer_lines')
          .select(['transfer_id', 'line_no'])
          .where((eb) =>
            eb.or([
              eb('qty_received', '>', eb.ref('qty_shipped')),
              eb('cost_received', '>', eb.ref('cost_value')),
              eb.and([eb('qty_received', '=', eb.ref('qty_shipped')), eb('cost_received', '<>', eb.ref('cost_value'))]),
            ]),
          )
          .execute();
        expect(broken).toEqual([]);
      }),
      { numRuns: 25 },
    );
    // The sequences did exercise every path, not only refusals.
    const kinds = await t.db.db.selectFrom('transfer_documents').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('kind').execute();
    expect(Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n) > 0]))).toEqual({ ship: true, receipt: true, close: true });
    const report = await verifyAll(t.db.db);
    expect(report.firstViolation).toBeNull();
  }, 120_000);
});
