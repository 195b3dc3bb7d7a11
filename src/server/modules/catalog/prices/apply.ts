// Making an approved price change take effect. Each store it covers gets ONE price_change
// document through the posting engine (lines: product, qty 0, new unit price, amount 0,
// data {oldPrice, newPrice}; no moves, no journal), so the change is numbered and audited per
// store. The price writes happen inside those documents' transactions:
// - for a list of stores, each store's document upserts that store's overrides (store_prices)
//   and appends its history rows, so a store's prices switch exactly when its document posts;
// - for all stores, the first document to post switches the company price (products.price),
//   drops every store override of those products (the newest change covering a store wins) and
//   appends the history rows '*', all in one transaction; it keeps what each store charged just
//   before in snapshot_json so every store's document records its true old price.
// Document client ids derive from (change, store): resuming after a crash replays what posted.
import { sql, type Kysely } from 'kysely';
import { uuidv7 } from '../../../../core/id/uuidv7';
import { forUpdate, type DialectInfo } from '../../../../db/dialect';
import type { DB } from '../../../../db/schema';
import { conflict } from '../../../http/problem';
import type { PostingEngine } from '../../../posting/engine';
import { payloadHash } from '../../../posting/payload-hash';
import type { PostingPlan } from '../../../posting/types';
import { parsePriceChange, priceDocumentClientId, type Price, type PriceChange, type PriceLine, type PriceSnapshot } from './price-change';

export interface ApplyDeps {
  db: Kysely<DB>;
  engine: PostingEngine;
  dialect: DialectInfo;
}

/** Stores a change covers, ordered by code (the order its documents post in). */
export async function targetStores(db: Kysely<DB>, change: Pick<PriceChange, 'companyId' | 'stores'>): Promise<string[]> {
  let q = db.selectFrom('stores').select('id').where('company_id', '=', change.companyId);
  if (change.stores !== 'all') q = q.where('id', 'in', change.stores.length ? change.stores : ['-']);
  return (await q.orderBy('code').execute()).map((r) => r.id);
}

export async function applyPriceChange(deps: ApplyDeps, id: string, now: Date): Promise<void> {
  const row = await deps.db.selectFrom('price_changes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return;
  const change = parsePriceChange(row);
  if (change.status !== 'scheduled' && change.status !== 'applying') return;
  const stores = await targetStores(deps.db, change);
  for (const storeId of stores) {
    await deps.engine.post({
      clientId: priceDocumentClientId(id, storeId),
      companyId: change.companyId,
      storeId,
      type: 'price_change',
      actorId: change.createdBy,
      payloadHash: payloadHash({ priceChangeId: id, storeId }),
      build: (trx, ctx) => buildStoreDocument(trx, deps.dialect, id, storeId, ctx.documentId, now),
    });
  }
  await deps.db.transaction().execute(async (trx) => {
    // A company without stores still gets its new company price.
    if (!stores.length && change.stores === 'all') {
      const locked = await lockChange(trx, deps.dialect, id);
      if (locked.status === 'scheduled') {
        await switchCompanyPrices(trx, locked, await currentPrices(trx, locked.lines.map((l) => l.productId), 'all'), null, now);
      }
    }
    await trx
      .updateTable('price_changes')
      .set({ status: 'applied', applied_at: now.toISOString(), updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('status', 'in', ['scheduled', 'applying'])
      .execute();
  });
}

async function lockChange(trx: Kysely<DB>, dialect: DialectInfo, id: string): Promise<PriceChange & { snapshot: PriceSnapshot | null }> {
  // Serialises appliers of the same change (two server processes on PostgreSQL).
  const { rows } = await sql<DB['price_changes']>`SELECT * FROM price_changes WHERE id = ${id}${sql.raw(forUpdate(dialect))}`.execute(trx);
  const row = rows[0];
  return { ...parsePriceChange(row), snapshot: row.snapshot_json ? (JSON.parse(row.snapshot_json) as PriceSnapshot) : null };
}

async function buildStoreDocument(trx: Kysely<DB>, dialect: DialectInfo, id: string, storeId: string, documentId: string, now: Date): Promise<PostingPlan> {
  const change = await lockChange(trx, dialect, id);
  if (change.status === 'draft' || change.status === 'cancelled') {
    throw conflict('price_change_not_scheduled', `Price change ${id} is ${change.status}`, 'status');
  }
  // 'applied' here means another applier (a second server process) finished while this one
  // waited for the lock: this store's document exists, so inserting ours fails on its client id
  // and the engine answers with the one already posted. Nothing may be written meanwhile.
  const lost = change.status === 'applied';
  const productIds = change.lines.map((l) => l.productId);
  let before: (productId: string) => Price;
  let after: (line: PriceLine) => Price;
  let writePrices: ((trx: Kysely<DB>) => Promise<void>) | null;
  if (change.stores === 'all') {
    const snapshot = change.snapshot ?? (await currentPrices(trx, productIds, 'all'));
    before = (p) => snapshot.overrides[storeId]?.[p] ?? snapshot.company[p];
    after = (l) => ({ price: l.price, memberPrice: l.memberPrice !== undefined ? l.memberPrice : snapshot.company[l.productId].memberPrice });
    // Only the first document of the change switches the prices; the others record it.
    writePrices = change.snapshot || lost ? null : (t) => switchCompanyPrices(t, change, snapshot, documentId, now);
  } else {
    const current = await currentPrices(trx, productIds, [storeId]);
    before = (p) => current.overrides[storeId]?.[p] ?? current.company[p];
    after = (l) => ({ price: l.price, memberPrice: l.memberPrice !== undefined ? l.memberPrice : before(l.productId).memberPrice });
    const prices = change.lines.map((l) => ({ productId: l.productId, ...after(l) }));
    writePrices = lost ? null : (t) => setStorePrices(t, change, storeId, prices, documentId, now);
  }
  return {
    total: 0,
    memo: change.reason,
    approvedBy: change.approvedBy,
    lines: change.lines.map((l) => {
      const old = before(l.productId);
      const next = after(l);
      return {
        productId: l.productId,
        qty: 0,
        unitPrice: next.price,
        amount: 0,
        data: { oldPrice: old.price, newPrice: next.price, oldMemberPrice: old.memberPrice, newMemberPrice: next.memberPrice },
      };
    }),
    moves: [],
    journal: [],
    auditData: { priceChangeId: id, scope: change.stores === 'all' ? 'company' : 'store', lines: change.lines.length, effectiveAt: change.effectiveAt },
    result: { priceChangeId: id },
    afterDocument: async (t) => {
      if (writePrices) await writePrices(t);
      if (change.status === 'scheduled') {
        await t.updateTable('price_changes').set({ status: 'applying', document_id: documentId, updated_at: now.toISOString() }).where('id', '=', id).execute();
      }
    },
  };
}

/** Company prices of the products and the overrides the given stores hold for them. */
async function currentPrices(trx: Kysely<DB>, productIds: string[], storeIds: string[] | 'all'): Promise<PriceSnapshot> {
  const company: Record<string, Price> = {};
  const overrides: Record<string, Record<string, Price>> = {};
  const products = await trx.selectFrom('products').select(['id', 'price', 'member_price']).where('id', 'in', productIds).execute();
  for (const p of products) company[p.id] = { price: Number(p.price), memberPrice: p.member_price === null ? null : Number(p.member_price) };
  let q = trx.selectFrom('store_prices').select(['store_id', 'product_id', 'price', 'member_price']).where('product_id', 'in', productIds);
  if (storeIds !== 'all') q = q.where('store_id', 'in', storeIds);
  for (const o of await q.execute()) {
    (overrides[o.store_id] ??= {})[o.product_id] = { price: Number(o.price), memberPrice: o.member_price === null ? null : Number(o.member_price) };
  }
  return { company, overrides };
}

/** The all-stores switch (see the file comment), from the prices just before it. */
async function switchCompanyPrices(trx: Kysely<DB>, change: PriceChange, snapshot: PriceSnapshot, documentId: string | null, now: Date) {
  const productIds = change.lines.map((l) => l.productId);
  const at = now.toISOString();
  for (const l of change.lines) {
    await trx
      .updateTable('products')
      .set({ price: l.price, ...(l.memberPrice !== undefined ? { member_price: l.memberPrice } : {}), updated_at: at })
      .where('id', '=', l.productId)
      .execute();
  }
  await trx.deleteFrom('store_prices').where('product_id', 'in', productIds).execute();
  await appendHistory(
    trx,
    change,
    '*',
    change.lines.map((l) => ({ productId: l.productId, price: l.price, memberPrice: l.memberPrice !== undefined ? l.memberPrice : snapshot.company[l.productId].memberPrice })),
    documentId,
    at,
  );
  await trx.updateTable('price_changes').set({ snapshot_json: JSON.stringify(snapshot) }).where('id', '=', change.id).execute();
}

async function setStorePrices(trx: Kysely<DB>, change: PriceChange, storeId: string, prices: (Price & { productId: string })[], documentId: string, now: Date) {
  const at = now.toISOString();
  await trx
    .insertInto('store_prices')
    .values(prices.map((p) => ({ store_id: storeId, product_id: p.productId, price: p.price, member_price: p.memberPrice, updated_at: at })))
    .onConflict((oc) =>
      oc.columns(['store_id', 'product_id']).doUpdateSet({
        price: sql`excluded.price`,
        member_price: sql`excluded.member_price`,
        updated_at: sql`excluded.updated_at`,
      }),
    )
    .execute();
  await appendHistory(trx, change, storeId, prices, documentId, at);
}

async function appendHistory(trx: Kysely<DB>, change: PriceChange, storeId: string, prices: (Price & { productId: string })[], documentId: string | null, at: string) {
  await trx
    .insertInto('prices')
    .values(
      prices.map((p) => ({
        id: uuidv7(),
        company_id: change.companyId,
        product_id: p.productId,
        store_id: storeId,
        price: p.price,
        member_price: p.memberPrice,
        // When the price really switched (a due change is applied at or after effectiveAt), so
        // the newest history row is always the price in force.
        effective_at: at,
        document_id: documentId,
        created_at: at,
      })),
    )
    .execute();
}
