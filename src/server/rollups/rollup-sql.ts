// The statements that add posted documents to the rollup tables (docs/analytics.md). One text per
// rollup serves both the catch-up (the documents it claimed: `WHERE … IN (ids)`) and the rebuild
// (every document), so the two can never disagree: each is INSERT … SELECT … GROUP BY over the raw
// rows, adding onto existing rollup rows with ON CONFLICT DO UPDATE.
import { jsonIntSql, localHourSql, type DialectName } from '../../db/dialect';

export interface RollupStatement {
  table: string;
  text: string;
  params: unknown[];
}

/** Till document types and the `sales.kind` each writes. */
export const TILL_DOCUMENT_TYPES = ['sale', 'sale_return', 'exchange', 'sale_void'] as const;
const TILL_TYPES_SQL = TILL_DOCUMENT_TYPES.map((t) => `'${t}'`).join(', ');

/** Document types whose journal lines the profit and loss leaves out (rollup_account_day.kind 'close'). */
export const CLOSING_DOCUMENT_TYPES = ['year_end_close'] as const;

/**
 * Statements adding `documentIds` (every posted document when 'all') to the rollups. Run them in
 * one transaction with the claim of those documents, or the rebuild's truncation.
 */
export function rollupStatements(dialect: DialectName, documentIds: readonly string[] | 'all'): RollupStatement[] {
  // How the documents are named, once for every statement: PostgreSQL gets the ids as one array
  // parameter (one text whatever the batch size, parsed and planned once per connection: runSql
  // names it); SQLite an IN list padded to a power of two by repeating the last id (a repeat
  // matches nothing more), so a catch-up finds its statements prepared in the cache.
  const named = documentIds === 'all' ? null : dialect === 'postgres' ? { test: '= ANY(CAST(? AS text[]))', params: [documentIds] as unknown[] } : paddedInList(documentIds);
  const filter = (column: string) => (named ? { sql: `${column} ${named.test}`, params: named.params } : { sql: '1 = 1', params: [] as unknown[] });
  const json = (column: string, key: string) => `COALESCE(${jsonIntSql(dialect, column, key)}, 0)`;
  const add = (table: string, cols: string[]) => cols.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ');

  // A line's cost of goods: what its moves took out of stock (a sale line) or put back (a return
  // or void line). A damaged return puts the goods back and writes them off again on the same line;
  // only the goods coming back count, the write-off is a loss, not negative cost of sales.
  const lineMoves = filter('document_id');
  const lineDocs = filter('d.id');
  // One product's figures of one day, from the documents filtered: what the product, category and
  // month rollups add, so they can never disagree.
  const productDelta = `SELECT d.store_id AS store_id, d.business_date AS business_date, dl.product_id AS product_id, MAX(p.category_id) AS category_id,
  SUM(CASE WHEN ${SOLD} THEN dl.qty ELSE 0 END) AS sold_qty,
  SUM(CASE WHEN ${SOLD} THEN 0 ELSE -dl.qty END) AS returned_qty,
  SUM(CASE WHEN ${SOLD} THEN dl.amount ELSE 0 END) AS sales,
  SUM(CASE WHEN ${SOLD} THEN 0 ELSE -dl.amount END) AS returns,
  SUM(${json('dl.data_json', 'tax')}) AS tax,
  SUM(CASE WHEN dl.qty > 0 THEN COALESCE(m.out_cost, 0) ELSE -COALESCE(m.in_cost, 0) END) AS cost,
  SUM(${json('dl.data_json', 'lineDiscount')} + ${json('dl.data_json', 'orderDiscountShare')}) AS discounts,
  SUM(CASE WHEN d.type = 'sale_void' THEN -1 WHEN dl.qty > 0 THEN 1 ELSE 0 END) AS lines
FROM documents d
JOIN document_lines dl ON dl.document_id = d.id
LEFT JOIN products p ON p.id = dl.product_id
LEFT JOIN (
  SELECT document_id, line_no,
    SUM(CASE WHEN qty < 0 THEN -cost_value ELSE 0 END) AS out_cost,
    SUM(CASE WHEN qty > 0 THEN cost_value ELSE 0 END) AS in_cost
  FROM stock_moves WHERE ${lineMoves.sql} GROUP BY document_id, line_no
) m ON m.document_id = dl.document_id AND m.line_no = dl.line_no
WHERE d.type IN (${TILL_TYPES_SQL}) AND dl.product_id IS NOT NULL AND dl.qty <> 0 AND ${lineDocs.sql}
GROUP BY d.store_id, d.business_date, dl.product_id`;
  // The per-product figures are computed once into a temporary table, then added to the product,
  // category and month rollups from there: the lines × moves join is the catch-up's costliest
  // SELECT and the three tables must add the same figures. PostgreSQL empties the table at commit;
  // SQLite (no ON COMMIT clause) has it emptied by the last statement of the group.
  const delta: RollupStatement[] = [
    {
      table: DELTA,
      text: `CREATE TEMP TABLE IF NOT EXISTS ${DELTA} (store_id text NOT NULL, business_date text NOT NULL, product_id text NOT NULL, category_id text, ${SUMS.map((c) => `${c} bigint NOT NULL`).join(', ')})${dialect === 'postgres' ? ' ON COMMIT DELETE ROWS' : ''}`,
      params: [],
    },
    { table: DELTA, text: `INSERT INTO ${DELTA} (store_id, business_date, product_id, category_id, ${SUMS.join(', ')})\n${productDelta}`, params: [...lineMoves.params, ...lineDocs.params] },
  ];
  const product: RollupStatement = {
    table: 'rollup_product_day',
    text: `INSERT INTO rollup_product_day (store_id, business_date, product_id, category_id, ${SUMS.join(', ')})
SELECT store_id, business_date, product_id, category_id, ${SUMS.join(', ')} FROM ${DELTA} WHERE 1 = 1
ON CONFLICT (store_id, business_date, product_id) DO UPDATE SET ${add('rollup_product_day', SUMS)}`,
    params: [],
  };
  // Runs after `product`: the category is the one the product's row of that day holds (its
  // category at the day's first sale), not whatever the product says now.
  const category: RollupStatement = {
    table: 'rollup_category_day',
    text: `INSERT INTO rollup_category_day (store_id, business_date, category_id, ${SUMS.join(', ')})
SELECT x.store_id, x.business_date, COALESCE(r.category_id, ''), ${SUMS.map((c) => `SUM(x.${c})`).join(', ')}
FROM ${DELTA} x
JOIN rollup_product_day r ON r.store_id = x.store_id AND r.business_date = x.business_date AND r.product_id = x.product_id
WHERE 1 = 1
GROUP BY x.store_id, x.business_date, COALESCE(r.category_id, '')
ON CONFLICT (store_id, business_date, category_id) DO UPDATE SET ${add('rollup_category_day', SUMS)}`,
    params: [],
  };
  // The month of a business date is its first seven characters (YYYY-MM), on both dialects.
  const month: RollupStatement = {
    table: 'rollup_product_month',
    text: `INSERT INTO rollup_product_month (store_id, month, product_id, ${SUMS.join(', ')})
SELECT store_id, SUBSTR(business_date, 1, 7), product_id, ${SUMS.map((c) => `SUM(${c})`).join(', ')}
FROM ${DELTA} WHERE 1 = 1
GROUP BY store_id, SUBSTR(business_date, 1, 7), product_id
ON CONFLICT (store_id, month, product_id) DO UPDATE SET ${add('rollup_product_month', SUMS)}`,
    params: [],
  };
  const cleared: RollupStatement[] = dialect === 'postgres' ? [] : [{ table: DELTA, text: `DELETE FROM ${DELTA}`, params: [] }];

  // Output VAT by rate: every till line that carries its tax and rate in its data,
  // whatever its product or quantity, signed as stored (returns and voids negative), exactly what
  // the VAT summary summed over the lines before.
  // Filtered on the lines' own document_id as well as the documents': PostgreSQL then picks the
  // claimed documents' lines first instead of evaluating the JSON of every line (100+ ms a batch).
  const taxDocs = filter('d.id');
  const taxLines = filter('dl.document_id');
  const rate = jsonIntSql(dialect, 'dl.data_json', 'taxRate');
  const lineTax = jsonIntSql(dialect, 'dl.data_json', 'tax');
  const tax: RollupStatement = {
    table: 'rollup_tax_day',
    text: `INSERT INTO rollup_tax_day (company_id, store_id, business_date, tax_rate, gross, tax)
SELECT d.company_id, d.store_id, d.business_date, ${rate}, SUM(dl.amount), SUM(${lineTax})
FROM documents d
JOIN document_lines dl ON dl.document_id = d.id
WHERE d.type IN (${TILL_TYPES_SQL}) AND ${rate} IS NOT NULL AND ${lineTax} IS NOT NULL AND ${taxDocs.sql} AND ${taxLines.sql}
GROUP BY d.company_id, d.store_id, d.business_date, ${rate}
ON CONFLICT (company_id, store_id, business_date, tax_rate) DO UPDATE SET ${add('rollup_tax_day', ['gross', 'tax'])}`,
    params: [...taxDocs.params, ...taxLines.params],
  };

  // The hour a sale happened: the till's clock for an offline sale (it may post a day later),
  // the server's posting time otherwise; on the store's wall clock.
  const hour = localHourSql(dialect, `CASE WHEN s.offline = 1 THEN s.client_time ELSE d.posted_at END`, 'st.timezone');
  const headLines = filter('document_id');
  const heads = filter('s.document_id');
  const till: RollupStatement = {
    table: 'rollup_till_hour',
    text: `INSERT INTO rollup_till_hour (store_id, business_date, hour, cashier_id, tickets, return_tickets, items, sales, returns, tax, cost, discounts)
SELECT d.store_id, d.business_date, ${hour}, d.posted_by,
  SUM(CASE s.kind WHEN 'sale' THEN 1 WHEN 'void' THEN -1 ELSE 0 END),
  SUM(CASE WHEN s.kind IN ('return', 'exchange') THEN 1 ELSE 0 END),
  SUM(CASE WHEN s.kind IN ('sale', 'void') THEN COALESCE(l.items, 0) ELSE 0 END),
  SUM(CASE s.kind WHEN 'sale' THEN s.due WHEN 'void' THEN s.due WHEN 'exchange' THEN ${json('d.result_json', 'newDue')} ELSE 0 END),
  SUM(CASE s.kind WHEN 'return' THEN -s.due WHEN 'exchange' THEN ${json('d.result_json', 'refund')} ELSE 0 END),
  SUM(s.tax), SUM(s.cost), SUM(COALESCE(l.discounts, 0))
FROM sales s
JOIN documents d ON d.id = s.document_id
JOIN stores st ON st.id = d.store_id
LEFT JOIN (
  SELECT document_id, SUM(qty) AS items, SUM(${json('data_json', 'lineDiscount')} + ${json('data_json', 'orderDiscountShare')}) AS discounts
  FROM document_lines WHERE ${headLines.sql} GROUP BY document_id
) l ON l.document_id = s.document_id
WHERE ${heads.sql}
GROUP BY d.store_id, d.business_date, ${hour}, d.posted_by
ON CONFLICT (store_id, business_date, hour, cashier_id) DO UPDATE SET ${add('rollup_till_hour', ['tickets', 'return_tickets', 'items', 'sales', 'returns', 'tax', 'cost', 'discounts'])}`,
    params: [...headLines.params, ...heads.params],
  };

  // Cash is recorded as handed over; the change given back comes off the cash taken.
  const tenders = filter('sp.document_id');
  const changes = filter('s.document_id');
  const payment: RollupStatement = {
    table: 'rollup_payment_day',
    text: `INSERT INTO rollup_payment_day (store_id, business_date, method, amount, payments)
SELECT x.store_id, x.business_date, x.method, SUM(x.amount), SUM(x.n) FROM (
  SELECT d.store_id, d.business_date, sp.method, sp.amount, CASE WHEN sp.amount > 0 THEN 1 ELSE 0 END AS n
  FROM sale_payments sp JOIN documents d ON d.id = sp.document_id WHERE ${tenders.sql}
  UNION ALL
  SELECT d.store_id, d.business_date, 'cash', -s.change, 0
  FROM sales s JOIN documents d ON d.id = s.document_id WHERE s.change <> 0 AND ${changes.sql}
) x WHERE 1 = 1
GROUP BY x.store_id, x.business_date, x.method
ON CONFLICT (store_id, business_date, method) DO UPDATE SET ${add('rollup_payment_day', ['amount', 'payments'])}`,
    params: [...tenders.params, ...changes.params],
  };

  const entries = filter('e.document_id');
  const closing = CLOSING_DOCUMENT_TYPES.map((t) => `'${t}'`).join(', ');
  const account: RollupStatement = {
    table: 'rollup_account_day',
    text: `INSERT INTO rollup_account_day (company_id, business_date, store_id, account_code, kind, debit, credit)
SELECT e.company_id, e.business_date, e.store_id, l.account_code, CASE WHEN d.type IN (${closing}) THEN 'close' ELSE 'normal' END, SUM(l.debit), SUM(l.credit)
FROM journal_entries e
JOIN journal_lines l ON l.entry_id = e.id
JOIN documents d ON d.id = e.document_id
WHERE ${entries.sql}
GROUP BY e.company_id, e.business_date, e.store_id, l.account_code, CASE WHEN d.type IN (${closing}) THEN 'close' ELSE 'normal' END
ON CONFLICT (company_id, business_date, store_id, account_code, kind) DO UPDATE SET ${add('rollup_account_day', ['debit', 'credit'])}`,
    params: [...entries.params],
  };

  return [...delta, product, category, month, ...cleared, tax, till, payment, account];
}

/** Session-private table of one catch-up's per-product figures (see `delta`). */
const DELTA = 'rollup_product_delta';

/** The summed columns of the product, category and month rollups. */
const SUMS = ['sold_qty', 'returned_qty', 'sales', 'returns', 'tax', 'cost', 'discounts', 'lines'];

/** A till line that counts as sold: sold lines, and a void's lines, which take the sale back out of sales. */
const SOLD = `(dl.qty > 0 OR d.type = 'sale_void')`;

function paddedInList(ids: readonly string[]): { test: string; params: unknown[] } {
  const size = ids.length ? 2 ** Math.ceil(Math.log2(ids.length)) : 0;
  const params = [...ids, ...Array<string>(size - ids.length).fill(ids[ids.length - 1])];
  return { test: `IN (${params.map(() => '?').join(', ')})`, params };
}
