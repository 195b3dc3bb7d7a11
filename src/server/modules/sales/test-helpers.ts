// Shared set-up for the checkout tests: a wallet provider that counts charges, a shift per
// register, products priced as a test needs, and a short call for POST /sales.
import { uuidv7 } from '../../../core/id/uuidv7';
import type { DialectName } from '../../../db/dialect';
import { stockFixtures, type StockFixtures } from '../../inventory/test-stock';
import type { ChargeRequest, ChargeResult, PaymentProvider } from '../../payments/provider';
import { SimulatedPaymentProvider } from '../../payments/simulator';
import { makeTestApp, type TestApp } from '../../testing';
import { newProduct, position } from '../inventory/test-fixtures';
import type { NewProduct } from '../catalog/products/insert';

/** Customer payment codes the simulator answers by their last four digits. */
export const CODES = {
  wechat: '134567890123456789',
  wechatDeclined: '134567890123450000',
  wechatPending: '134567890123451111',
  wechatTimeout: '134567890123452222',
  alipay: '281234567890123456',
  unionpay: '6212345678901234567',
};

/** The simulator, remembering every charge request it was sent. */
export class CountingProvider implements PaymentProvider {
  readonly sim = new SimulatedPaymentProvider();
  readonly charged: ChargeRequest[] = [];
  readonly reversed: string[] = [];
  charge(req: ChargeRequest): Promise<ChargeResult> {
    this.charged.push(req);
    return this.sim.charge(req);
  }
  query(paymentId: string) {
    return this.sim.query(paymentId);
  }
  reverse(paymentId: string) {
    this.reversed.push(paymentId);
    return this.sim.reverse(paymentId);
  }
  refund(paymentId: string, refundId: string, amount: number) {
    return this.sim.refund(paymentId, refundId, amount);
  }
}

export interface SalesTestApp extends TestApp {
  provider: CountingProvider;
  stock: StockFixtures;
  tokens: Record<'owner' | 'manager' | 'cashier' | 'auditor', string>;
  /** An open shift on each S01 register and on S02's. */
  shifts: { r01: string; r02: string; s02r01: string };
  product(p: Partial<NewProduct> & { price: number }): Promise<string>;
  /** POST /sales as the cashier on R01 at the app's till time; `body` overrides any field. */
  sell(body: Record<string, unknown>, token?: string): ReturnType<TestApp['call']>;
  openShift(registerId: string, token?: string): Promise<string>;
  approval(action: 'sale.price_override' | 'sale.discount'): Promise<string>;
}

export async function makeSalesTestApp(dialect: DialectName): Promise<SalesTestApp> {
  const provider = new CountingProvider();
  const t = await makeTestApp(dialect, { payments: { provider, collect: { sleep: async () => {}, maxQueries: 4 } } });
  const tokens = {
    owner: await t.login('owner'),
    manager: await t.login('manager'),
    cashier: await t.login('cashier'),
    auditor: await t.login('auditor'),
  };
  const openShift = async (registerId: string, token = tokens.cashier) => {
    const res = await t.call(token, 'POST', '/api/v1/shifts', { id: uuidv7(), registerId, openingFloat: 50_000 });
    if (res.statusCode !== 201) throw new Error(`open shift: ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  };
  // One till time for every sale of the app, so a resent body is byte-for-byte the same sale.
  const tillTime = new Date().toISOString();
  const shifts = { r01: await openShift(t.ids.r01), r02: await openShift(t.ids.r02), s02r01: await openShift(t.ids.s02r01, tokens.owner) };
  return {
    ...t,
    provider,
    stock: await stockFixtures(t),
    tokens,
    shifts,
    openShift,
    product: (p) => newProduct(t, p),
    sell(body, token = tokens.cashier) {
      return t.call(token, 'POST', '/api/v1/sales', {
        id: uuidv7(),
        registerId: t.ids.r01,
        shiftId: shifts.r01,
        offline: false,
        clientTime: tillTime,
        ...body,
      });
    },
    async approval(action) {
      const res = await t.call(tokens.cashier, 'POST', '/api/v1/approvals', { action, storeId: t.ids.s01, username: 'manager', pin: '8888' });
      if (res.statusCode !== 200) throw new Error(`approval: ${res.statusCode} ${res.body}`);
      return res.json().approvalToken as string;
    },
  };
}

/** Journal lines a document posted, entry by entry, as {account, debit, credit}. */
export async function journalOf(t: TestApp, documentId: string) {
  const rows = await t.db.db
    .selectFrom('journal_lines')
    .innerJoin('journal_entries', 'journal_entries.id', 'journal_lines.entry_id')
    .select(['journal_entries.id as entry', 'journal_lines.account_code', 'journal_lines.debit', 'journal_lines.credit'])
    .where('journal_entries.document_id', '=', documentId)
    .orderBy('journal_entries.id')
    .orderBy('journal_lines.line_no')
    .execute();
  const entries = new Map<string, { account: string; debit: number; credit: number }[]>();
  for (const r of rows) entries.set(r.entry, [...(entries.get(r.entry) ?? []), { account: r.account_code, debit: Number(r.debit), credit: Number(r.credit) }]);
  return [...entries.values()];
}

/** The product's quantity in the store, straight from the balances. */
export async function onHand(t: TestApp, storeId: string, productId: string): Promise<number> {
  return (await position(t, storeId, productId)).qty;
}
