// The raw PostgreSQL ceiling for a 5-line cash sale (ARCHITECTURE §6): the ~25 rows the checkout
// writes (receipt counter, document with its stored response, 5 lines, 5 stock moves, 5 balance
// increments, 2 journal entries with 5 lines, the audit event hashed onto the register's chain,
// outbox, `sales`, `sale_payments`) as ONE statement per sale (data-modifying WITH queries), from
// `clients` concurrent connections, no framework. Each client sells on its own register, so it
// knows its chain's last hash, as the server knows it from the head row. Costs are fixed (no
// reads): the ceiling of writing a sale, not of deciding what to write. A named (prepared)
// statement, as the server's hot path uses.
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { LINES_PER_SALE, type SalesShop } from './sales-fixture';
import { backendPids, cpuMeter } from './proc-cpu';

const SALE_STATEMENT = `
WITH c AS (
  INSERT INTO counters (scope, value) VALUES ($1, 1)
  ON CONFLICT (scope) DO UPDATE SET value = counters.value + 1 RETURNING value
), h AS (
  INSERT INTO audit_heads (chain_id, seq, hash) VALUES ($2, 1, $3)
  ON CONFLICT (chain_id) DO UPDATE SET seq = audit_heads.seq + 1, hash = excluded.hash RETURNING seq
), d AS (
  INSERT INTO documents (id, client_id, company_id, store_id, register_id, type, number_scope, number_seq, number, business_date, posted_at, posted_by, approved_by, payload_hash, total, memo, result_json)
  SELECT $4, $5, $6, $7, $8, 'sale', $1, c.value, 'RAW-' || c.value, $9, $10, $11, NULL, 'h', $12, '', $13 FROM c
), l AS (
  INSERT INTO document_lines (document_id, line_no, product_id, account_code, qty, unit_price, amount, data_json)
  SELECT $4, x.line_no, x.product_id, NULL, x.qty, x.unit_price, x.amount, x.data_json
  FROM json_to_recordset($14::json) AS x(line_no int, product_id text, qty bigint, unit_price bigint, amount bigint, data_json text)
), m AS (
  INSERT INTO stock_moves (document_id, move_no, line_no, store_id, location_id, product_id, batch_id, qty, cost_value, business_date, posted_at)
  SELECT $4, x.line_no, x.line_no, $7, $15, x.product_id, '', -x.qty, -x.cost, $9, $10
  FROM json_to_recordset($14::json) AS x(line_no int, product_id text, qty bigint, cost bigint)
), b AS (
  INSERT INTO stock_balances (store_id, location_id, product_id, batch_id, qty, cost_value)
  SELECT $7, $15, x.product_id, '', -x.qty, -x.cost FROM json_to_recordset($14::json) AS x(product_id text, qty bigint, cost bigint)
  ON CONFLICT (store_id, location_id, product_id, batch_id) DO UPDATE SET qty = stock_balances.qty + excluded.qty, cost_value = stock_balances.cost_value + excluded.cost_value
), je AS (
  INSERT INTO journal_entries (id, company_id, store_id, document_id, business_date, posted_at, memo)
  VALUES ($16, $6, $7, $4, $9, $10, 'Sale'), ($17, $6, $7, $4, $9, $10, 'Cost of sale')
), jl AS (
  INSERT INTO journal_lines (entry_id, line_no, company_id, store_id, account_code, debit, credit, memo)
  VALUES ($16, 1, $6, $7, '1001', $12, 0, ''), ($16, 2, $6, $7, '5001', 0, $12 - $18, ''), ($16, 3, $6, $7, '2221', 0, $18, ''),
         ($17, 1, $6, $7, '5401', $19, 0, ''), ($17, 2, $6, $7, '1405', 0, $19, '')
), ae AS (
  INSERT INTO audit_events (chain_id, seq, at, company_id, actor_id, action, subject_type, subject_id, store_id, data_json, prev_hash, hash)
  SELECT $2, h.seq, $10, $6, $11, 'document.sale.posted', 'document', $4, $7, '{}', $20, $3 FROM h
), o AS (
  INSERT INTO outbox (id, topic, document_id, created_at) VALUES ($21, 'document.sale.posted', $4, $10)
), s AS (
  INSERT INTO sales (document_id, store_id, register_id, shift_id, offline, client_time, member_code, subtotal, rounding, due, change, tax, cost)
  VALUES ($4, $7, $8, $22, 0, $10, NULL, $12, 0, $12, 0, $18, $19)
)
INSERT INTO sale_payments (document_id, payment_no, store_id, shift_id, method, amount, account_code, provider_ref, reference)
VALUES ($4, 1, $7, $22, 'cash', $12, '1001', NULL, NULL)`;

/**
 * Sales per second writing each sale as one statement from `clients` connections for `seconds`;
 * with a `monitor` connection also the CPU per sale of this process and of its backends, to set
 * against the server's.
 */
export async function rawSalePgLoop(opts: { url: string; schema: string; shop: SalesShop; clients: number; seconds: number; monitor?: pg.Client }): Promise<{
  sales: number;
  seconds: number;
  perSecond: number;
  clientCpuMsPerSale?: number;
  dbCpuMsPerSale?: number;
}> {
  const { shop } = opts;
  const appName = `cangshou-raw-${opts.schema}`;
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.clients, options: `-c search_path=${opts.schema}`, application_name: appName });
  try {
    const meta = await pool.query<{ company_id: string }>('SELECT company_id FROM stores WHERE id = $1', [shop.tills[0].storeId]);
    const company = meta.rows[0].company_id;
    const locations = await pool.query<{ id: string; store_id: string }>("SELECT id, store_id FROM locations WHERE code = 'MAIN'");
    const locationOf = new Map(locations.rows.map((r) => [r.store_id, r.id]));
    const userId = shop.owner.user.id;
    let sold = 0;
    const postOne = async (client: pg.PoolClient, till: SalesShop['tills'][number], chain: { id: string; hash: string }, i: number) => {
      const now = new Date().toISOString();
      const id = randomUUID();
      const n = shop.products.length;
      let total = 0;
      let cost = 0;
      let tax = 0;
      const lines = Array.from({ length: LINES_PER_SALE }, (_, k) => {
        const p = shop.products[(i * 7 + k * 13) % n];
        const qty = 1000 * (1 + ((i + k) % 3));
        const amount = Math.round((p.price * qty) / 1000);
        const lineCost = Math.round((60 * qty) / 1000);
        const lineTax = Math.round((amount * p.taxRate) / (10000 + p.taxRate));
        total += amount;
        cost += lineCost;
        tax += lineTax;
        return { line_no: k + 1, product_id: p.id, qty, unit_price: p.price, amount, cost: lineCost, data_json: JSON.stringify({ qty, gross: amount, tax: lineTax, taxRate: p.taxRate, flags: [] }) };
      });
      // Balance rows are locked in one order by every client, as the checkout does.
      lines.sort((a, b) => (a.product_id < b.product_id ? -1 : 1));
      const result = JSON.stringify({ id, storeId: till.storeId, registerId: till.registerId, postedAt: now, total, shiftId: till.shiftId, lines, due: total, payments: [{ method: 'cash', amount: total }] });
      const prev = chain.hash;
      const hash = createHash('sha256').update(prev).update('\n').update(JSON.stringify({ subject: id, at: now })).digest('hex');
      await client.query({ name: 'raw_sale', text: SALE_STATEMENT, values: [
        `raw:register:${till.registerId}`, chain.id, hash, id, randomUUID(), company, till.storeId, till.registerId, now.slice(0, 10), now, userId,
        total, result, JSON.stringify(lines), locationOf.get(till.storeId), randomUUID(), randomUUID(), tax, cost, prev, randomUUID(), till.shiftId,
      ] });
      chain.hash = hash;
      sold++;
    };
    let next = 0;
    // Connect every client first, so the backends' CPU is measured from the start of the loop.
    const clients = await Promise.all(Array.from({ length: opts.clients }, () => pool.connect()));
    const db = opts.monitor ? await cpuMeter(backendPids(opts.monitor, appName)) : null;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const until = t0 + opts.seconds * 1000;
    await Promise.all(
      clients.map(async (client, c) => {
        // A chain of its own per client (the raw loop keeps its head hash in memory).
        const chain = { id: `raw:register:${shop.tills[c].registerId}`, hash: '0'.repeat(64) };
        try {
          while (performance.now() < until) await postOne(client, shop.tills[c], chain, next++);
        } finally {
          client.release();
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const dbCpu = db ? await db() : null;
    return {
      sales: sold,
      seconds,
      perSecond: sold / seconds,
      clientCpuMsPerSale: (cpu.user + cpu.system) / 1000 / sold,
      ...(dbCpu !== null ? { dbCpuMsPerSale: (dbCpu * 1000) / sold } : {}),
    };
  } finally {
    await pool.end();
  }
}
