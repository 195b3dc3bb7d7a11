// Shared set-up for the inventory tests: a clock the tests move, fresh products and suppliers
// inserted the way the catalog does, and short calls for the two documents.
import { sql } from 'kysely';
import { uuidv7 } from '../../../core/id/uuidv7';
import type { TestApp } from '../../testing';
import { insertProducts, type NewProduct } from '../catalog/products/insert';

/** A clock the test moves by hand; starts at 10:00 on 2026-03-02 in Asia/Shanghai. */
export function movableClock(start = '2026-03-02T02:00:00Z') {
  let now = new Date(start);
  return {
    clock: () => now,
    /** Moves to 10:00 Shanghai time on `date` (YYYY-MM-DD). */
    setDay(date: string) {
      now = new Date(`${date}T02:00:00Z`);
    },
    tick(ms = 1) {
      now = new Date(now.getTime() + ms);
    },
  };
}

let seq = 0;

/** A product with no stock anywhere yet. */
export async function newProduct(t: TestApp, over: Partial<NewProduct> = {}): Promise<string> {
  seq += 1;
  const [id] = await insertProducts(
    t.db.db,
    t.ids.companyId,
    [{ sku: `T-${seq}-${uuidv7().slice(-6)}`, name: `测试商品 ${seq}`, unit: '个', taxRate: 1300, price: 1000, ...over }],
    new Date().toISOString(),
  );
  return id;
}

export async function newSupplier(t: TestApp, code: string, name: string): Promise<string> {
  const id = uuidv7();
  await t.db.db
    .insertInto('suppliers')
    .values({ id, company_id: t.ids.companyId, code, name, contact: '', phone: '', tax_id: '', payment_terms_days: 30, status: 'active', created_at: new Date().toISOString() })
    .execute();
  return id;
}

export async function newLocation(t: TestApp, storeId: string, code: string): Promise<string> {
  const id = uuidv7();
  await t.db.db.insertInto('locations').values({ id, store_id: storeId, code, name: code, kind: 'warehouse', created_at: new Date().toISOString(), parent_id: null }).execute();
  return id;
}

export function receive(t: TestApp, token: string, body: Record<string, unknown>) {
  return t.call(token, 'POST', '/api/v1/inventory/receipts', { id: uuidv7(), storeId: t.ids.s01, ...body });
}

export function writeOff(t: TestApp, token: string, body: Record<string, unknown>) {
  return t.call(token, 'POST', '/api/v1/inventory/write-offs', { id: uuidv7(), storeId: t.ids.s01, reason: 'damaged', ...body });
}

/** The product's store position straight from the balances. */
export async function position(t: TestApp, storeId: string, productId: string) {
  const r = await sql<{ qty: number; value: number }>`
    SELECT CAST(COALESCE(SUM(qty), 0) AS BIGINT) AS qty, CAST(COALESCE(SUM(cost_value), 0) AS BIGINT) AS value
    FROM stock_balances WHERE store_id = ${storeId} AND product_id = ${productId}`.execute(t.db.db);
  return { qty: Number(r.rows[0].qty), value: Number(r.rows[0].value) };
}

/** Journal lines a document posted, as {account, debit, credit, memo}. */
export async function journalOf(t: TestApp, documentId: string) {
  const rows = await t.db.db
    .selectFrom('journal_lines')
    .innerJoin('journal_entries', 'journal_entries.id', 'journal_lines.entry_id')
    .select(['journal_lines.account_code', 'journal_lines.debit', 'journal_lines.credit', 'journal_lines.memo'])
    .where('journal_entries.document_id', '=', documentId)
    .orderBy('journal_lines.line_no')
    .execute();
  return rows.map((r) => ({ account: r.account_code, debit: Number(r.debit), credit: Number(r.credit), memo: r.memo }));
}

export async function countRows(t: TestApp, table: 'documents' | 'batches' | 'stock_moves' | 'journal_entries') {
  const r = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(t.db.db);
  return Number(r.rows[0].n);
}
