// The rollups equal a from-scratch computation over the raw rows (written here independently, in
// JS) after any sequence of sales, returns, exchanges, voids and catch-ups; a rebuild gives the
// same tables and is idempotent; two catch-ups racing never count a document twice.
import { spawn } from 'node:child_process';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../core/id/uuidv7';
import { localHour } from '../../core/time/local-hour';
import { openDatabase } from '../../db/dialect';
import { makeTestApp, type TestApp } from '../testing';
import { testDialects } from '../../db/testing';
import { makeSalesTestApp, type SalesTestApp } from '../modules/sales/test-helpers';
import { Rollups } from './rollup-job';

const PRICES = [1130, 1090, 250];

type Row = Record<string, string | number | null>;
const sortKey = (r: Row, keys: string[]) => keys.map((k) => r[k]).join('|');

/** What each rollup table must hold, computed from the raw rows without SQL aggregation. */
async function expectedRollups(t: TestApp) {
  const db = t.db.db;
  const docs = await db.selectFrom('documents').select(['id', 'type', 'store_id', 'business_date', 'posted_by', 'posted_at', 'result_json', 'company_id']).execute();
  const byId = new Map(docs.map((d) => [d.id, d]));
  const till = new Set(['sale', 'sale_return', 'exchange', 'sale_void']);
  const products = new Map((await db.selectFrom('products').select(['id', 'category_id']).execute()).map((p) => [p.id, p.category_id]));
  const moves = await db.selectFrom('stock_moves').select(['document_id', 'line_no', 'qty', 'cost_value']).execute();
  const lines = await db.selectFrom('document_lines').selectAll().execute();
  const add = (m: Map<string, Row>, key: string, base: Row, vals: Record<string, number>) => {
    const r = m.get(key) ?? { ...base, ...Object.fromEntries(Object.keys(vals).map((k) => [k, 0])) };
    for (const [k, v] of Object.entries(vals)) r[k] = Number(r[k]) + v;
    m.set(key, r);
  };

  const product = new Map<string, Row>();
  for (const l of lines) {
    const d = byId.get(l.document_id)!;
    if (!till.has(d.type) || !l.product_id || Number(l.qty) === 0) continue;
    const qty = Number(l.qty);
    const data = l.data_json ? JSON.parse(l.data_json) : {};
    const sold = qty > 0 || d.type === 'sale_void';
    const own = moves.filter((m) => m.document_id === l.document_id && m.line_no === l.line_no);
    const cost = qty > 0 ? own.filter((m) => Number(m.qty) < 0).reduce((s, m) => s - Number(m.cost_value), 0) : -own.filter((m) => Number(m.qty) > 0).reduce((s, m) => s + Number(m.cost_value), 0);
    add(product, `${d.store_id}|${d.business_date}|${l.product_id}`, { store_id: d.store_id, business_date: d.business_date, product_id: l.product_id, category_id: products.get(l.product_id) ?? null }, {
      sold_qty: sold ? qty : 0,
      returned_qty: sold ? 0 : -qty,
      sales: sold ? Number(l.amount) : 0,
      returns: sold ? 0 : -Number(l.amount),
      tax: data.tax ?? 0,
      cost,
      discounts: (data.lineDiscount ?? 0) + (data.orderDiscountShare ?? 0),
      lines: d.type === 'sale_void' ? -1 : qty > 0 ? 1 : 0,
    });
  }

  const tillHour = new Map<string, Row>();
  const zones = new Map((await db.selectFrom('stores').select(['id', 'timezone']).execute()).map((s) => [s.id, s.timezone]));
  for (const s of await db.selectFrom('sales').selectAll().execute()) {
    const d = byId.get(s.document_id)!;
    const own = lines.filter((l) => l.document_id === s.document_id);
    const result = JSON.parse(d.result_json);
    const hour = localHour(Number(s.offline) === 1 ? s.client_time : d.posted_at, zones.get(d.store_id)!);
    const due = Number(s.due);
    add(tillHour, `${d.store_id}|${d.business_date}|${hour}|${d.posted_by}`, { store_id: d.store_id, business_date: d.business_date, hour, cashier_id: d.posted_by }, {
      tickets: s.kind === 'sale' ? 1 : s.kind === 'void' ? -1 : 0,
      return_tickets: s.kind === 'return' || s.kind === 'exchange' ? 1 : 0,
      items: s.kind === 'sale' || s.kind === 'void' ? own.reduce((x, l) => x + Number(l.qty), 0) : 0,
      sales: s.kind === 'sale' || s.kind === 'void' ? due : s.kind === 'exchange' ? result.newDue : 0,
      returns: s.kind === 'return' ? -due : s.kind === 'exchange' ? result.refund : 0,
      tax: Number(s.tax),
      cost: Number(s.cost),
      discounts: own.reduce((x, l) => {
        const data = l.data_json ? JSON.parse(l.data_json) : {};
        return x + (data.lineDiscount ?? 0) + (data.orderDiscountShare ?? 0);
      }, 0),
    });
  }

  const payment = new Map<string, Row>();
  for (const p of await db.selectFrom('sale_payments').selectAll().execute()) {
    const d = byId.get(p.document_id)!;
    add(payment, `${d.store_id}|${d.business_date}|${p.method}`, { store_id: d.store_id, business_date: d.business_date, method: p.method }, { amount: Number(p.amount), payments: Number(p.amount) > 0 ? 1 : 0 });
  }
  for (const s of await db.selectFrom('sales').selectAll().where('change', '<>', 0).execute()) {
    const d = byId.get(s.document_id)!;
    add(payment, `${d.store_id}|${d.business_date}|cash`, { store_id: d.store_id, business_date: d.business_date, method: 'cash' }, { amount: -Number(s.change), payments: 0 });
  }

  const account = new Map<string, Row>();
  const entries = new Map((await db.selectFrom('journal_entries').selectAll().execute()).map((e) => [e.id, e]));
  for (const l of await db.selectFrom('journal_lines').selectAll().execute()) {
    const e = entries.get(l.entry_id)!;
    const kind = byId.get(e.document_id)!.type === 'year_end_close' ? 'close' : 'normal';
    add(account, `${e.company_id}|${e.business_date}|${e.store_id}|${l.account_code}|${kind}`, { company_id: e.company_id, business_date: e.business_date, store_id: e.store_id, account_code: l.account_code, kind }, { debit: Number(l.debit), credit: Number(l.credit) });
  }
  // The category rollup is the product rows summed per category ('' = none).
  const category = new Map<string, Row>();
  for (const r of product.values()) {
    const { store_id, business_date, category_id, product_id: _p, ...sums } = r;
    const cat = (category_id as string | null) ?? '';
    add(category, `${store_id}|${business_date}|${cat}`, { store_id, business_date, category_id: cat }, Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, Number(v)])));
  }

  // The month rollup is the product rows summed per month (YYYY-MM).
  const month = new Map<string, Row>();
  for (const r of product.values()) {
    const { store_id, business_date, category_id: _c, product_id, ...sums } = r;
    const ym = String(business_date).slice(0, 7);
    add(month, `${store_id}|${ym}|${product_id}`, { store_id, month: ym, product_id }, Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, Number(v)])));
  }

  return {
    rollup_product_day: [...product.values()],
    rollup_category_day: [...category.values()],
    rollup_product_month: [...month.values()],
    rollup_tax_day: [...vatByDay(docs, lines).values()],
    rollup_till_hour: [...tillHour.values()],
    rollup_payment_day: [...payment.values()],
    rollup_account_day: [...account.values()],
  };
}

type DocRow = { id: string; type: string; company_id: string; store_id: string; business_date: string };
type LineRow = { document_id: string; amount: number | string; data_json: string | null };

/**
 * Output VAT per company × store × day × rate, the way the VAT summary read the lines before the
 * rollup: every till line whose data carries a numeric `taxRate` and `tax`, amounts as stored.
 */
function vatByDay(docs: DocRow[], lines: LineRow[]) {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const till = new Set(['sale', 'sale_return', 'exchange', 'sale_void']);
  const out = new Map<string, Row>();
  for (const l of lines) {
    const d = byId.get(l.document_id)!;
    const data = l.data_json ? (JSON.parse(l.data_json) as { tax?: unknown; taxRate?: unknown }) : {};
    if (!till.has(d.type) || typeof data.taxRate !== 'number' || typeof data.tax !== 'number') continue;
    const key = `${d.company_id}|${d.store_id}|${d.business_date}|${data.taxRate}`;
    const r = out.get(key) ?? { company_id: d.company_id, store_id: d.store_id, business_date: d.business_date, tax_rate: data.taxRate, gross: 0, tax: 0 };
    r.gross = Number(r.gross) + Number(l.amount);
    r.tax = Number(r.tax) + data.tax;
    out.set(key, r);
  }
  return out;
}

/** The VAT summary's rates over from..to (optionally one store), computed straight from the lines. */
async function vatFromLines(t: TestApp, from: string, to: string, storeId?: string) {
  const docs = await t.db.db.selectFrom('documents').select(['id', 'type', 'company_id', 'store_id', 'business_date']).execute();
  const lines = await t.db.db.selectFrom('document_lines').select(['document_id', 'amount', 'data_json']).execute();
  const byRate = new Map<number, { rate: number; gross: number; taxable: number; tax: number }>();
  for (const r of vatByDay(docs, lines).values()) {
    if (String(r.business_date) < from || String(r.business_date) > to || (storeId && r.store_id !== storeId)) continue;
    const g = byRate.get(Number(r.tax_rate)) ?? { rate: Number(r.tax_rate), gross: 0, taxable: 0, tax: 0 };
    g.gross += Number(r.gross);
    g.tax += Number(r.tax);
    g.taxable = g.gross - g.tax;
    byRate.set(g.rate, g);
  }
  return [...byRate.values()].sort((a, b) => b.rate - a.rate);
}

const KEYS = {
  rollup_product_day: ['store_id', 'business_date', 'product_id'],
  rollup_category_day: ['store_id', 'business_date', 'category_id'],
  rollup_product_month: ['store_id', 'month', 'product_id'],
  rollup_tax_day: ['company_id', 'store_id', 'business_date', 'tax_rate'],
  rollup_till_hour: ['store_id', 'business_date', 'hour', 'cashier_id'],
  rollup_payment_day: ['store_id', 'business_date', 'method'],
  rollup_account_day: ['company_id', 'business_date', 'store_id', 'account_code', 'kind'],
} as const;

async function actualRollups(t: TestApp) {
  const out: Record<string, Row[]> = {};
  for (const table of Object.keys(KEYS) as (keyof typeof KEYS)[]) {
    const rows = (await t.db.db.selectFrom(table).selectAll().execute()) as unknown as Row[];
    out[table] = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' || v === null ? v : Number(v)])));
  }
  return out;
}

/** Rows of each table in key order, all-zero rows dropped (a sale and its void leave zeros behind). */
function normalised(tables: Record<string, Row[]>) {
  const out: Record<string, Row[]> = {};
  for (const [table, keys] of Object.entries(KEYS)) {
    out[table] = (tables[table] ?? [])
      .filter((r) => Object.entries(r).some(([k, v]) => typeof v === 'number' && !(keys as readonly string[]).includes(k) && v !== 0))
      .sort((a, b) => sortKey(a, [...keys]).localeCompare(sortKey(b, [...keys])));
  }
  return out;
}

describe.each(testDialects)('rollups on %s', (dialect) => {
  let t: SalesTestApp;
  let products: string[];
  const sales: { id: string; number: string; productId: string; price: number }[] = [];

  beforeAll(async () => {
    t = await makeSalesTestApp(dialect);
    products = [];
    for (const [i, price] of PRICES.entries()) {
      const p = await t.product({ price, taxRate: [1300, 900, 0][i] });
      await t.stock.stockIn(t.ids.s01, p, 1_000_000, 400_000 + i * 7);
      products.push(p);
    }
  });
  afterAll(() => t.close());

  const sell = async (lines: { product: number; units: number }[], extra: number) => {
    const due = lines.reduce((s, l) => s + PRICES[l.product] * l.units, 0);
    const res = await t.sell({ lines: lines.map((l) => ({ productId: products[l.product], qty: l.units * 1000 })), payments: [{ method: 'cash', amount: due + extra }], clientTotal: due });
    expect(res.statusCode, res.body).toBe(201);
    sales.push({ id: res.json().id, number: res.json().number, productId: products[lines[0].product], price: PRICES[lines[0].product] });
  };
  const till = { id: () => uuidv7(), registerId: () => t.ids.r01 };

  const command = fc.oneof(
    fc.record({ kind: fc.constant('sale' as const), lines: fc.array(fc.record({ product: fc.nat(2), units: fc.integer({ min: 2, max: 4 }) }), { minLength: 1, maxLength: 3 }), extra: fc.nat(500) }),
    fc.record({ kind: fc.constant('return' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('exchange' as const), pick: fc.nat(), product: fc.nat(2) }),
    fc.record({ kind: fc.constant('catchUp' as const) }),
  );

  type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;
  const run = async (cmds: Command[]) => {
    for (const c of cmds) {
      const sale = sales.length ? sales[('pick' in c ? c.pick : 0) % sales.length] : undefined;
      let res;
      if (c.kind === 'sale') await sell(c.lines, c.extra);
      else if (c.kind === 'catchUp') await t.services.rollups.catchUp();
      else if (!sale) continue;
      else if (c.kind === 'return') {
        res = await t.call(t.tokens.cashier, 'POST', '/api/v1/returns', { id: till.id(), registerId: till.registerId(), shiftId: t.shifts.r01, clientTime: new Date().toISOString(), saleId: sale.id, lines: [{ lineNo: 1, qty: 1000 }] });
      } else if (c.kind === 'void') {
        res = await t.call(t.tokens.manager, 'POST', '/api/v1/voids', { id: till.id(), registerId: till.registerId(), saleId: sale.id });
      } else {
        const net = PRICES[c.product] - sale.price;
        res = await t.call(t.tokens.cashier, 'POST', '/api/v1/exchanges', {
          id: till.id(),
          registerId: till.registerId(),
          shiftId: t.shifts.r01,
          clientTime: new Date().toISOString(),
          saleId: sale.id,
          returnLines: [{ lineNo: 1, qty: 1000 }],
          lines: [{ productId: products[c.product], qty: 1000 }],
          ...(net > 0 ? { payments: [{ method: 'cash', amount: net }] } : {}),
          clientNet: net,
        });
      }
      // Nothing left to return or already voided is a refusal, never a failure.
      if (res) expect(res.statusCode, res.body).toBeLessThan(500);
    }
  };

  /** The VAT summary (read from rollup_tax_day) answers what summing the lines answers, per store and for all. */
  const expectVatSummaryFromLines = async () => {
    const dates = (await t.db.db.selectFrom('documents').select('business_date').execute()).map((d) => d.business_date).sort();
    const [from, to] = [dates[0], dates[dates.length - 1]];
    for (const storeId of [undefined, t.ids.s01, t.ids.s02]) {
      const res = await t.call(t.tokens.owner, 'GET', `/api/v1/reports/vat-summary?from=${from}&to=${to}${storeId ? `&storeId=${storeId}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const expected = await vatFromLines(t, from, to, storeId);
      expect(res.json().rates).toEqual(expected);
      expect(res.json().totalTax).toBe(expected.reduce((x, g) => x + g.tax, 0));
    }
  };

  it('equal a from-scratch computation after any sequence of till documents, and a rebuild changes nothing', async () => {
    // One scripted round so every kind of till document is surely in, then random ones.
    await run([
      { kind: 'sale', lines: [{ product: 0, units: 3 }], extra: 70 },
      { kind: 'return', pick: 0 },
      { kind: 'exchange', pick: 0, product: 1 },
      { kind: 'exchange', pick: 0, product: 2 },
      { kind: 'sale', lines: [{ product: 1, units: 2 }, { product: 2, units: 2 }], extra: 0 },
      { kind: 'void', pick: 1 },
    ]);
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 8 }), async (cmds) => {
        await run(cmds);
        await t.services.rollups.catchUp();
        const expected = normalised(await expectedRollups(t));
        const incremental = normalised(await actualRollups(t));
        expect(incremental).toEqual(expected);
        await expectVatSummaryFromLines();
        await t.services.rollups.rebuild();
        expect(normalised(await actualRollups(t))).toEqual(expected);
        await expectVatSummaryFromLines();
      }),
      { numRuns: 6 },
    );
    // The sequences did post returns, voids and exchanges, not only sales.
    const kinds = await t.db.db.selectFrom('sales').select('kind').distinct().execute();
    expect(kinds.map((k) => k.kind).sort()).toEqual(['exchange', 'return', 'sale', 'void']);
  });

  it('rebuild is idempotent', async () => {
    await t.services.rollups.rebuild();
    const once = await actualRollups(t);
    await t.services.rollups.rebuild();
    expect(normalised(await actualRollups(t))).toEqual(normalised(once));
    expect(normalised(once)).toEqual(normalised(await expectedRollups(t)));
  });
});

/** `cangshou rollups catch-up` in a process of its own, as a second server would run it. */
function catchUpProcess(dataDir: string, batch: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('src/cli/main.ts'), 'rollups', 'catch-up', '--batch', String(batch)], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      const m = /rolled up (\d+) documents/.exec(out);
      if (code === 0 && m) resolve(Number(m[1]));
      else reject(new Error(`catch-up exited ${code}: ${out}`));
    });
  });
}

describe.each(testDialects)('concurrent catch-ups on %s', (dialect) => {
  it('two processes catching up at once count every document exactly once', async () => {
    const t = await makeTestApp(dialect, { file: true });
    try {
      expect(await t.services.rollups.catchUp()).toBeGreaterThan(0); // the demo's opening documents
      // Put every document back in the backlog, then race two catch-ups with small batches.
      await t.db.db.updateTable('outbox').set({ rolled_up_at: null }).execute();
      for (const table of Object.keys(KEYS) as (keyof typeof KEYS)[]) await t.db.db.deleteFrom(table).execute();
      const pending = Number((await t.db.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      let counts: number[];
      if (dialect === 'sqlite') {
        // better-sqlite3 waits for a lock synchronously, so two writers need two processes.
        const dir = path.dirname(t.db.url);
        counts = await Promise.all([catchUpProcess(dir, 1), catchUpProcess(dir, 1)]);
      } else {
        const other = openDatabase({ url: t.db.url, pgSchema: t.db.pgSchema });
        try {
          counts = await Promise.all([new Rollups(t.db, { batchSize: 1 }).catchUp(), new Rollups(other, { batchSize: 1 }).catchUp()]);
        } finally {
          await other.close();
        }
      }
      expect(counts[0] + counts[1]).toBe(pending);
      expect(normalised(await actualRollups(t))).toEqual(normalised(await expectedRollups(t)));
    } finally {
      await t.close();
    }
  }, 120_000);
});
