// The raw ceiling for a 5-line cash sale (ARCHITECTURE §6): the rows the checkout writes, with
// prepared better-sqlite3 statements and no framework — receipt counter, document with its stored
// response, 5 lines, 5 stock moves, 5 balance increments, 2 journal entries (5 lines), the audit
// event hashed into the register's chain, outbox, `sales` and `sale_payments`. Costs come from a
// fixed unit cost (no reads): the ceiling of writing, not of deciding what to write.
import { randomUUID } from 'node:crypto';
import { openRaw, rawPosting } from './raw-posting';
import { LINES_PER_SALE, type SalesShop } from './sales-fixture';

export function rawSaleLoop(file: string, shop: SalesShop, sales: number, perTxn: number): number {
  const db = openRaw(file);
  const company = (db.prepare('SELECT company_id FROM stores WHERE id = ?').get(shop.tills[0].storeId) as { company_id: string }).company_id;
  const location = db.prepare("SELECT id FROM locations WHERE store_id = ? AND code = 'MAIN'");
  const locationOf = new Map(shop.tills.map((t) => [t.storeId, (location.get(t.storeId) as { id: string }).id]));
  const userId = shop.owner.user.id;

  // The statements every posted document shares (bench/raw-posting.ts), plus a sale's own: the
  // header names its register, lines carry their priced figures, and the sales rows.
  const { counter, move, bal, entry, jl, outbox, audit } = rawPosting(db);
  const doc = db.prepare(
    "INSERT INTO documents (id, client_id, company_id, store_id, register_id, type, number_scope, number_seq, number, business_date, posted_at, posted_by, approved_by, payload_hash, total, memo, result_json) VALUES (?,?,?,?,?,'sale',?,?,?,?,?,?,NULL,?,?,'',?)",
  );
  const line = db.prepare('INSERT INTO document_lines (document_id, line_no, product_id, account_code, qty, unit_price, amount, data_json) VALUES (?,?,?,NULL,?,?,?,?)');
  const sale = db.prepare('INSERT INTO sales (document_id, store_id, register_id, shift_id, offline, client_time, member_code, subtotal, rounding, due, change, tax, cost) VALUES (?,?,?,?,0,?,NULL,?,0,?,0,?,?)');
  const payment = db.prepare("INSERT INTO sale_payments (document_id, payment_no, store_id, shift_id, method, amount, account_code, provider_ref, reference) VALUES (?,1,?,?,'cash',?,'1001',NULL,NULL)");

  const postOne = (i: number) => {
    const till = shop.tills[i % shop.tills.length];
    const locationId = locationOf.get(till.storeId)!;
    const now = new Date().toISOString();
    const date = now.slice(0, 10);
    const scope = `register:${till.registerId}`;
    const seq = (counter.get(scope) as { value: number }).value;
    const number = `RAW-${String(seq).padStart(6, '0')}`;
    const id = randomUUID();
    const n = shop.products.length;
    let total = 0;
    let cost = 0;
    const lines = Array.from({ length: LINES_PER_SALE }, (_, k) => {
      const p = shop.products[(i * 7 + k * 13) % n];
      const qty = 1000 * (1 + ((i + k) % 3));
      const amount = Math.round((p.price * qty) / 1000);
      const lineCost = Math.round((60 * qty) / 1000);
      total += amount;
      cost += lineCost;
      return { lineNo: k + 1, productId: p.id, qty, unitPrice: p.price, amount, cost: lineCost, taxRate: p.taxRate, tax: Math.round((amount * p.taxRate) / (10000 + p.taxRate)) };
    });
    const tax = lines.reduce((s, l) => s + l.tax, 0);
    const result = JSON.stringify({ id, number, storeId: till.storeId, registerId: till.registerId, businessDate: date, postedAt: now, total, shiftId: till.shiftId, lines, due: total, payments: [{ method: 'cash', amount: total }] });
    doc.run(id, randomUUID(), company, till.storeId, till.registerId, scope, seq, number, date, now, userId, 'h', total, result);
    for (const l of lines) {
      line.run(id, l.lineNo, l.productId, l.qty, l.unitPrice, l.amount, JSON.stringify({ qty: l.qty, gross: l.amount, tax: l.tax, taxRate: l.taxRate, flags: [] }));
      move.run(id, l.lineNo, l.lineNo, till.storeId, locationId, l.productId, -l.qty, -l.cost, date, now);
      bal.run(till.storeId, locationId, l.productId, -l.qty, -l.cost);
    }
    const revenue = randomUUID();
    entry.run(revenue, company, till.storeId, id, date, now, `Sale ${number}`);
    jl.run(revenue, 1, company, till.storeId, '1001', total, 0);
    jl.run(revenue, 2, company, till.storeId, '5001', 0, total - tax);
    jl.run(revenue, 3, company, till.storeId, '2221', 0, tax);
    const costEntry = randomUUID();
    entry.run(costEntry, company, till.storeId, id, date, now, `Cost of sale ${number}`);
    jl.run(costEntry, 1, company, till.storeId, '5401', cost, 0);
    jl.run(costEntry, 2, company, till.storeId, '1405', 0, cost);
    audit(`raw${scope}`, { at: now, companyId: company, userId, action: 'document.sale.posted', subjectType: 'document', subjectId: id, storeId: till.storeId });
    outbox.run(randomUUID(), 'document.sale.posted', id, now);
    sale.run(id, till.storeId, till.registerId, till.shiftId, now, total, total, tax, cost);
    payment.run(id, till.storeId, till.shiftId, total);
  };

  const t0 = performance.now();
  if (perTxn === 1) {
    const tx = db.transaction(postOne);
    for (let i = 0; i < sales; i++) tx(i);
  } else {
    const tx = db.transaction((from: number, count: number) => {
      for (let i = from; i < from + count; i++) {
        db.exec('SAVEPOINT sale');
        postOne(i);
        db.exec('RELEASE sale');
      }
    });
    for (let i = 0; i < sales; i += perTxn) tx(i, Math.min(perTxn, sales - i));
  }
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  return seconds;
}
