// Sales history in bulk for benchmarks (`cangshou seed --sales N --bulk`, docs/analytics.md):
// N cash and wallet sales of 1–5 lines spread over the last `months` months across every store of
// the company, written as the posting engine would write them (document, lines, stock moves and
// balances, journal, `sales` and `sale_payments` rows, audit chain, outbox) but as multi-row
// inserts in large transactions, then the analytics rollups rebuilt once. Figures come from the
// same pure functions checkout uses (priceBasket, saleJournal), so `cangshou verify` still holds.
// Stock is valued at each store's average cost when the seed starts (no receipts interleave, so
// the moving average does not change); stock may go below zero, as offline sales may.
import { createHash } from 'node:crypto';
import { uuidv7 } from '../../core/id/uuidv7';
import { mulDivRound } from '../../core/money/round';
import { priceBasket } from '../../core/pricing/price-basket';
import { businessDate } from '../../core/time/business-date';
import { insertRows, runSql, type Database } from '../../db/dialect';
import { auditHash, chains, GENESIS_HASH } from '../audit/chain';
import { canonicalJson } from '../audit/canonical-json';
import type { AuthContext } from '../auth/auth-context';
import { firstOwner } from '../auth/owner-context';
import { loadPostingRules } from '../modules/posting-rules/cache';
import { PAYMENT_ACCOUNTS } from '../modules/sales/tender';
import { saleJournal } from '../modules/sales/sale-journal';
import { Rollups } from '../rollups/rollup-job';
import type { Services } from '../services';

export interface BulkSalesOptions {
  sales: number;
  /** History length; sales are spread evenly, oldest first. Default 12. */
  months?: number;
  /** Sales per transaction. Default 2,000. */
  batch?: number;
  onProgress?: (phase: string, done: number, total: number) => void;
}

export interface BulkSalesResult {
  sales: number;
  lines: number;
  rows: number;
  seconds: number;
  rollupSeconds: number;
}

interface Till {
  storeId: string;
  storeCode: string;
  timezone: string;
  registerId: string;
  registerCode: string;
  shiftId: string;
  locationId: string;
  seq: number;
  auditSeq: number;
  auditHash: string;
  unitCost: Map<string, number>;
}

interface Product {
  id: string;
  price: number;
  taxRate: number;
  categoryId: string | null;
}

/** A small deterministic generator, so two seeds of the same size write the same history. */
function lcg(seed: number) {
  let x = seed >>> 0;
  return (n: number) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % n;
  };
}

export async function seedBulkSales(s: Services, database: Database, opts: BulkSalesOptions): Promise<BulkSalesResult> {
  const auth = await firstOwner(s.db);
  if (!auth) throw new Error('No owner yet: seed the demo company first');
  const started = Date.now();
  const companyId = auth.user.companyId;
  const products = await sellableProducts(s, companyId);
  if (!products.length) throw new Error('No products to sell: seed products first');
  const tills = await openTills(s, auth, products);
  const rules = await loadPostingRules(s.db, companyId);
  const months = opts.months ?? 12;
  const batch = opts.batch ?? 2000;
  const rand = lcg(20261126);
  const now = Date.now();
  const spanMs = Math.round(months * 30.44 * 86_400_000);
  const postedAt = new Date().toISOString();
  let lines = 0;
  let rows = 0;

  for (let start = 0; start < opts.sales; start += batch) {
    const end = Math.min(opts.sales, start + batch);
    const t = new Tables();
    for (let i = start; i < end; i++) {
      const till = tills[i % tills.length];
      // Oldest first, in shop hours on the sale's day: 00:00–13:59 UTC is 08:00–21:59 in Beijing.
      const day = Math.floor((now - spanMs + Math.floor((i / opts.sales) * spanMs)) / 86_400_000) * 86_400_000;
      const at = new Date(day + rand(14 * 3600) * 1000);
      lines += writeSale(t, till, products, rand, rules, { companyId, actorId: auth.user.id, at, postedAt });
    }
    rows += await t.flush(database, tills);
    opts.onProgress?.('bulk sales', end, opts.sales);
  }
  const seconds = (Date.now() - started) / 1000;
  opts.onProgress?.('rollups rebuild', 0, 1);
  const r0 = Date.now();
  await new Rollups(database).rebuild();
  opts.onProgress?.('rollups rebuild', 1, 1);
  return { sales: opts.sales, lines, rows, seconds, rollupSeconds: (Date.now() - r0) / 1000 };
}

async function sellableProducts(s: Services, companyId: string): Promise<Product[]> {
  const rows = await s.db
    .selectFrom('products')
    .select(['id', 'price', 'tax_rate', 'category_id'])
    .where('company_id', '=', companyId)
    .where('status', '=', 'active')
    .where('weighable', '=', 0)
    .where('track_batches', '=', 0)
    .where('price', '>', 0)
    .orderBy('sku')
    .limit(20_000)
    .execute();
  return rows.map((r) => ({ id: r.id, price: Number(r.price), taxRate: Number(r.tax_rate), categoryId: r.category_id }));
}

/** A register and an open shift per store, and where its counters and audit chain stand. */
async function openTills(s: Services, auth: AuthContext, products: Product[]): Promise<Till[]> {
  const stores = await s.db.selectFrom('stores').select(['id', 'code', 'timezone']).where('company_id', '=', auth.user.companyId).orderBy('code').execute();
  const tills: Till[] = [];
  for (const store of stores) {
    const register = await s.stores.createRegister(auth, { storeId: store.id, code: `BULK-${uuidv7().slice(-6)}`, name: 'Bulk seed till' });
    const shift = await s.shifts.open(auth, { id: uuidv7(), registerId: register.id, openingFloat: 0 });
    const location = await s.db.selectFrom('locations').select('id').where('store_id', '=', store.id).where('code', '=', 'MAIN').executeTakeFirstOrThrow();
    const counter = await s.db.selectFrom('counters').select('value').where('scope', '=', `register:${register.id}`).executeTakeFirst();
    const head = await s.db.selectFrom('audit_heads').select(['seq', 'hash']).where('chain_id', '=', chains.register(register.id)).executeTakeFirst();
    const balances = await s.db
      .selectFrom('stock_balances')
      .select(['product_id', (eb) => eb.fn.sum<number>('qty').as('qty'), (eb) => eb.fn.sum<number>('cost_value').as('value')])
      .where('store_id', '=', store.id)
      .groupBy('product_id')
      .execute();
    const unitCost = new Map<string, number>();
    for (const b of balances) if (Number(b.qty) > 0) unitCost.set(b.product_id, mulDivRound(Number(b.value), 1000, Number(b.qty)));
    for (const p of products) if (!unitCost.has(p.id)) unitCost.set(p.id, Math.round(p.price * 0.6));
    tills.push({
      storeId: store.id,
      storeCode: store.code,
      timezone: store.timezone,
      registerId: register.id,
      registerCode: register.code,
      shiftId: shift.shift.id,
      locationId: location.id,
      seq: Number(counter?.value ?? 0),
      auditSeq: Number(head?.seq ?? 0),
      auditHash: head?.hash || GENESIS_HASH,
      unitCost,
    });
  }
  return tills;
}

const METHODS = ['cash', 'cash', 'wechat', 'alipay', 'card'] as const;

/** One sale's rows into `t`; answers its line count. */
function writeSale(
  t: Tables,
  till: Till,
  products: Product[],
  rand: (n: number) => number,
  rules: Awaited<ReturnType<typeof loadPostingRules>>,
  ctx: { companyId: string; actorId: string; at: Date; postedAt: string },
): number {
  const count = 1 + rand(5);
  const picked = new Map<string, { product: Product; qty: number }>();
  for (let k = 0; k < count; k++) {
    const product = products[rand(products.length)];
    picked.set(product.id, { product, qty: 1000 * (1 + rand(3)) });
  }
  const basketLines = [...picked.values()];
  const priced = priceBasket({ lines: basketLines.map((l) => ({ unitPrice: l.product.price, qty: l.qty, taxRate: l.product.taxRate, lineDiscount: null })), orderDiscount: null, roundingMode: 'none' });
  if (!priced.ok) throw new Error(`bulk sale: ${priced.message}`);
  const basket = priced.value;
  const documentId = uuidv7();
  const seq = ++till.seq;
  const number = `${till.storeCode}-${till.registerCode}-${String(seq).padStart(6, '0')}`;
  const at = ctx.at.toISOString();
  const date = businessDate(ctx.at, till.timezone);
  const method = METHODS[rand(METHODS.length)];
  const tendered = method === 'cash' ? Math.ceil(basket.due / 1000) * 1000 : basket.due;
  const change = tendered - basket.due;
  const costs = basketLines.map((l) => mulDivRound(till.unitCost.get(l.product.id)!, l.qty, 1000));
  const cost = costs.reduce((a, c) => a + c, 0);
  const tax = basket.taxByRate.reduce((a, g) => a + g.tax, 0);
  const journal = saleJournal(
    {
      number,
      payments: [{ method, amount: tendered }],
      change,
      rounding: basket.rounding,
      taxByRate: basket.taxByRate,
      lines: basketLines.map((l, i) => ({ categoryId: l.product.categoryId, taxable: basket.lines[i].net - basket.lines[i].tax, cost: costs[i] })),
    },
    rules,
  );
  const result = { id: documentId, type: 'sale', number, storeId: till.storeId, registerId: till.registerId, businessDate: date, postedAt: at, total: basket.due, subtotal: basket.subtotal, rounding: basket.rounding, due: basket.due, change, seeded: true };
  const body = JSON.stringify(result);
  const payloadHash = createHash('sha256').update(documentId).digest('hex');

  t.documents.push([documentId, documentId, ctx.companyId, till.storeId, till.registerId, 'sale', `register:${till.registerId}`, seq, number, date, at, ctx.actorId, null, payloadHash, basket.due, '', body]);
  basketLines.forEach((l, i) => {
    const p = basket.lines[i];
    t.lines.push([documentId, i + 1, l.product.id, null, l.qty, l.product.price, p.net, JSON.stringify({ unit: '件', qty: l.qty, pricedQty: l.qty, gross: p.gross, lineDiscount: p.lineDiscount, orderDiscountShare: p.orderDiscountShare, tax: p.tax, taxRate: p.taxRate, flags: [] })]);
    t.moves.push([documentId, i + 1, i + 1, till.storeId, till.locationId, l.product.id, '', -l.qty, -costs[i], date, at]);
    t.balance(till.storeId, till.locationId, l.product.id, -l.qty, -costs[i]);
    t.saleLines.push([documentId, i + 1, till.storeId, l.product.id, l.qty, 0]);
  });
  for (const e of journal) {
    const entryId = uuidv7();
    t.entries.push([entryId, ctx.companyId, till.storeId, documentId, date, at, e.memo]);
    e.lines.forEach((l, i) => t.journalLines.push([entryId, i + 1, ctx.companyId, till.storeId, l.account, l.debit, l.credit, l.memo ?? '']));
  }
  t.sales.push([documentId, till.storeId, till.registerId, till.shiftId, 0, at, null, basket.subtotal, basket.rounding, basket.due, change, tax, cost, 'sale', null]);
  t.payments.push([documentId, 1, till.storeId, till.shiftId, method, tendered, PAYMENT_ACCOUNTS[method], null, null]);

  const chainId = chains.register(till.registerId);
  const row = {
    chain_id: chainId,
    seq: ++till.auditSeq,
    at,
    company_id: ctx.companyId,
    actor_id: ctx.actorId,
    action: 'document.sale.posted',
    subject_type: 'document',
    subject_id: documentId,
    store_id: till.storeId,
    data_json: canonicalJson({ number, total: basket.due, approvedBy: null, shiftId: till.shiftId, offline: false, payments: [{ method, amount: tendered }] }),
  };
  const hash = auditHash(till.auditHash, row);
  t.audit.push([row.chain_id, row.seq, row.at, row.company_id, row.actor_id, row.action, row.subject_type, row.subject_id, row.store_id, row.data_json, till.auditHash, hash]);
  till.auditHash = hash;
  // Rolled up already: the seed rebuilds the rollups from the raw rows once at the end.
  t.outbox.push([uuidv7(), 'document.sale.posted', documentId, ctx.postedAt, ctx.postedAt, ctx.postedAt]);
  return basketLines.length;
}

const COLUMNS = {
  documents: ['id', 'client_id', 'company_id', 'store_id', 'register_id', 'type', 'number_scope', 'number_seq', 'number', 'business_date', 'posted_at', 'posted_by', 'approved_by', 'payload_hash', 'total', 'memo', 'result_json'],
  document_lines: ['document_id', 'line_no', 'product_id', 'account_code', 'qty', 'unit_price', 'amount', 'data_json'],
  stock_moves: ['document_id', 'move_no', 'line_no', 'store_id', 'location_id', 'product_id', 'batch_id', 'qty', 'cost_value', 'business_date', 'posted_at'],
  journal_entries: ['id', 'company_id', 'store_id', 'document_id', 'business_date', 'posted_at', 'memo'],
  journal_lines: ['entry_id', 'line_no', 'company_id', 'store_id', 'account_code', 'debit', 'credit', 'memo'],
  sales: ['document_id', 'store_id', 'register_id', 'shift_id', 'offline', 'client_time', 'member_code', 'subtotal', 'rounding', 'due', 'change', 'tax', 'cost', 'kind', 'original_document_id'],
  sale_payments: ['document_id', 'payment_no', 'store_id', 'shift_id', 'method', 'amount', 'account_code', 'provider_ref', 'reference'],
  sale_line_returns: ['document_id', 'line_no', 'store_id', 'product_id', 'sold_qty', 'returned_qty'],
  audit_events: ['chain_id', 'seq', 'at', 'company_id', 'actor_id', 'action', 'subject_type', 'subject_id', 'store_id', 'data_json', 'prev_hash', 'hash'],
  outbox: ['id', 'topic', 'document_id', 'created_at', 'published_at', 'rolled_up_at'],
} as const;

/** One batch of rows per table, written parents first in one transaction. */
class Tables {
  documents: unknown[][] = [];
  lines: unknown[][] = [];
  moves: unknown[][] = [];
  entries: unknown[][] = [];
  journalLines: unknown[][] = [];
  sales: unknown[][] = [];
  payments: unknown[][] = [];
  saleLines: unknown[][] = [];
  audit: unknown[][] = [];
  outbox: unknown[][] = [];
  private balances = new Map<string, unknown[]>();

  balance(storeId: string, locationId: string, productId: string, qty: number, value: number) {
    const key = `${locationId}|${productId}`;
    const b = this.balances.get(key) ?? [storeId, locationId, productId, '', 0, 0];
    b[4] = Number(b[4]) + qty;
    b[5] = Number(b[5]) + value;
    this.balances.set(key, b);
  }

  async flush(database: Database, tills: Till[]): Promise<number> {
    const sets: [keyof typeof COLUMNS, unknown[][]][] = [
      ['documents', this.documents],
      ['document_lines', this.lines],
      ['stock_moves', this.moves],
      ['journal_entries', this.entries],
      ['journal_lines', this.journalLines],
      ['sales', this.sales],
      ['sale_payments', this.payments],
      ['sale_line_returns', this.saleLines],
      ['audit_events', this.audit],
      ['outbox', this.outbox],
    ];
    let rows = 0;
    await database.db.transaction().execute(async (trx) => {
      for (const [table, data] of sets) {
        const columns = COLUMNS[table];
        // Stay well under both dialects' bound-parameter limits.
        const per = Math.floor(30_000 / columns.length);
        for (let i = 0; i < data.length; i += per) await insertRows(trx, table, columns, data.slice(i, i + per));
        rows += data.length;
      }
      const balances = [...this.balances.values()];
      for (let i = 0; i < balances.length; i += 2000) {
        await insertRows(trx, 'stock_balances', ['store_id', 'location_id', 'product_id', 'batch_id', 'qty', 'cost_value'], balances.slice(i, i + 2000), 'ON CONFLICT (store_id, location_id, product_id, batch_id) DO UPDATE SET qty = stock_balances.qty + excluded.qty, cost_value = stock_balances.cost_value + excluded.cost_value');
      }
      rows += balances.length;
      for (const till of tills) {
        await runSql(trx, 'INSERT INTO counters (scope, value) VALUES (?, ?) ON CONFLICT (scope) DO UPDATE SET value = excluded.value', [`register:${till.registerId}`, till.seq]);
        await runSql(trx, 'INSERT INTO audit_heads (chain_id, seq, hash) VALUES (?, ?, ?) ON CONFLICT (chain_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash', [chains.register(till.registerId), till.auditSeq, till.auditHash]);
      }
    });
    return rows;
  }
}
