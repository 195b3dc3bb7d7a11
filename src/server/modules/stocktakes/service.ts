// Stocktakes (盘点): start (snapshot of the book), counts from any number of devices while the shop
// keeps selling, variance review, approval (one stocktake_adjustment document) or cancellation.
// The workflow rows change inside transactions that first take the stocktake row
// (`status = 'counting'` guard), so counts, approval and cancellation of one stocktake never
// interleave: a scan either lands before the approval reads the counts, or is refused.
import { sql, type Kysely } from 'kysely';
import { uuidv7 } from '../../../core/id/uuidv7';
import type { DB } from '../../../db/schema';
import { appendAudit, chains } from '../../audit/chain';
import type { AuthContext } from '../../auth/auth-context';
import type { Permission } from '../../auth/permissions';
import type { Clock } from '../../clock';
import { conflict, notFound, unprocessable } from '../../http/problem';
import type { PostingEngine } from '../../posting/engine';
import { payloadHash } from '../../posting/payload-hash';
import type { PostOutcome } from '../../posting/types';
import { categoryWithDescendants } from '../inventory/lookups';
import type { PostingRulesCache } from '../posting-rules/cache';
import { lineKey, planAdjustment } from './adjustment';
import { resolveCountEntries, type CountEntryInput } from './count-entries';
import { getStocktake, listStocktakes, stocktakeVariances, type StocktakeListQuery, type StocktakeRow } from './queries';
import { locationWithDescendants, scopesOverlap, takeSnapshot, type ScopeRef, type StocktakeScope } from './scope';
import { computeVariances } from './variances';

export interface StartInput {
  storeId: string;
  scope: StocktakeScope;
  categoryId?: string;
  locationId?: string;
  blind: boolean;
}

const INSERT_CHUNK = 500;

export class StocktakesService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly engine: PostingEngine,
    private readonly clock: Clock,
    private readonly postingRules: PostingRulesCache,
  ) {}

  async start(auth: AuthContext, input: StartInput) {
    const companyId = auth.user.companyId;
    if (!auth.can('stocktake.count', input.storeId)) throw notFound('Store', 'storeId');
    const store = await this.db.selectFrom('stores').select('id').where('id', '=', input.storeId).where('company_id', '=', companyId).executeTakeFirst();
    if (!store) throw notFound('Store', 'storeId');
    const scope: ScopeRef = { scope: input.scope, ref: input.categoryId ?? input.locationId ?? null };
    const members =
      input.scope === 'category'
        ? await categoryWithDescendants(this.db, companyId, scope.ref as string)
        : input.scope === 'location'
          ? await locationWithDescendants(this.db, input.storeId, scope.ref as string)
          : null;
    const now = this.clock().toISOString();
    const id = uuidv7();

    await this.db.transaction().execute(async (trx) => {
      // One start at a time per store (the counter row is the lock), so two overlapping
      // stocktakes cannot both pass the overlap check.
      await sql`INSERT INTO counters (scope, value) VALUES (${`stocktakes:${input.storeId}`}, 1)
        ON CONFLICT (scope) DO UPDATE SET value = counters.value + 1`.execute(trx);
      const open = await trx.selectFrom('stocktakes').select(['id', 'scope', 'scope_ref']).where('store_id', '=', input.storeId).where('status', '=', 'counting').execute();
      for (const o of open) {
        if (await scopesOverlap(trx, companyId, input.storeId, scope, { scope: o.scope as StocktakeScope, ref: o.scope_ref })) {
          throw conflict('stocktake_overlap', 'A stocktake of this store that covers some of the same goods is still counting; approve or cancel it first', 'scope', {
            stocktakeId: o.id,
          });
        }
      }
      const snapshot = await takeSnapshot(trx, companyId, input.storeId, scope, members);
      await trx
        .insertInto('stocktakes')
        .values({
          id,
          company_id: companyId,
          store_id: input.storeId,
          scope: input.scope,
          scope_ref: scope.ref,
          status: 'counting',
          blind: input.blind ? 1 : 0,
          started_at: now,
          created_by: auth.user.id,
          approved_by: null,
          document_id: null,
          updated_at: now,
        })
        .execute();
      for (let i = 0; i < snapshot.length; i += INSERT_CHUNK) {
        await trx
          .insertInto('stocktake_lines')
          .values(
            snapshot.slice(i, i + INSERT_CHUNK).map((s) => ({
              stocktake_id: id,
              product_id: s.product_id,
              location_id: s.location_id,
              snapshot_qty: s.qty,
              snapshot_value: s.value,
              expected_qty: null,
              counted_qty: null,
              variance_value: null,
            })),
          )
          .execute();
      }
      await appendAudit(trx, {
        chainId: chains.store(input.storeId),
        companyId,
        actorId: auth.user.id,
        action: 'stocktake.started',
        subjectType: 'stocktake',
        subjectId: id,
        storeId: input.storeId,
        at: now,
        data: { scope: input.scope, scopeRef: scope.ref, blind: input.blind, lines: snapshot.length },
      });
    });
    return getStocktake(this.db, auth, await this.visible(auth, id, 'stocktake.count'));
  }

  /** Appends every scan (nothing is overwritten); a product found outside the snapshot gets a line. */
  async count(auth: AuthContext, id: string, input: { device: string; entries: CountEntryInput[] }) {
    const st = await this.visible(auth, id, 'stocktake.count');
    const entries = await resolveCountEntries(this.db, auth.user.companyId, st, input.entries);
    const now = this.clock().toISOString();
    return this.db.transaction().execute(async (trx) => {
      await takeCounting(trx, id, now);
      const keys = [...new Map(entries.map((e) => [lineKey(e), e])).values()];
      await trx
        .insertInto('stocktake_lines')
        .values(
          keys.map((k) => ({
            stocktake_id: id,
            product_id: k.productId,
            location_id: k.locationId,
            snapshot_qty: 0,
            snapshot_value: 0,
            expected_qty: null,
            counted_qty: null,
            variance_value: null,
          })),
        )
        .onConflict((oc) => oc.columns(['stocktake_id', 'product_id', 'location_id']).doNothing())
        .execute();
      const totals = await countedTotals(trx, id, keys);
      entries.forEach((e, i) => {
        const k = lineKey(e);
        const t = (totals.get(k) ?? 0) + e.qty;
        if (t < 0) throw unprocessable('negative_count', `This correction would take the count of the line below zero (${t})`, `entries.${i}.qty`);
        totals.set(k, t);
      });
      await trx
        .insertInto('stocktake_counts')
        .values(
          entries.map((e) => ({
            // UUIDv7, in scan order: variances compare it with document ids to tell what moved after the scan.
            id: uuidv7(),
            stocktake_id: id,
            product_id: e.productId,
            location_id: e.locationId,
            qty: e.qty,
            device: input.device,
            counted_by: auth.user.id,
            counted_at: now,
          })),
        )
        .execute();
      return {
        stocktakeId: id,
        device: input.device,
        accepted: entries.length,
        lines: keys.map((k) => ({ productId: k.productId, locationId: k.locationId, countedQty: totals.get(lineKey(k)) ?? 0 })),
      };
    });
  }

  async approve(auth: AuthContext, id: string, input: { id: string }): Promise<PostOutcome> {
    const st = await this.visible(auth, id, 'stocktake.approve');
    return this.engine.post({
      clientId: input.id,
      companyId: auth.user.companyId,
      storeId: st.store_id,
      type: 'stocktake_adjustment',
      actorId: auth.user.id,
      payloadHash: payloadHash({ stocktakeId: id, approve: input }),
      build: async (trx, ctx) => {
        const now = this.clock().toISOString();
        const r = await trx
          .updateTable('stocktakes')
          .set({ status: 'approved', approved_by: auth.user.id, updated_at: now })
          .where('id', '=', id)
          .where('status', '=', 'counting')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw notCounting(await currentStatus(trx, id));
        const variances = await computeVariances(trx, st);
        const plan = await planAdjustment(trx, st.store_id, variances, await this.postingRules.get(trx, auth.user.companyId));
        // Freeze what was approved: the review of an approved stocktake never changes afterwards.
        for (const v of variances) {
          await trx
            .updateTable('stocktake_lines')
            .set({ expected_qty: v.expectedQty, counted_qty: v.countedQty, variance_value: plan.values.get(lineKey(v)) ?? 0 })
            .where('stocktake_id', '=', id)
            .where('product_id', '=', v.productId)
            .where('location_id', '=', v.locationId)
            .execute();
        }
        return {
          total: plan.surplusValue - plan.shortageValue,
          memo: `Stocktake (${st.scope})`,
          lines: plan.lines,
          moves: plan.moves,
          journal: plan.journal,
          auditData: { stocktakeId: id, surplusValue: plan.surplusValue, shortageValue: plan.shortageValue },
          result: { stocktakeId: id, status: 'approved', surplusValue: plan.surplusValue, shortageValue: plan.shortageValue, adjustedLines: plan.lines.length },
          // The document row exists only after build: link it then (documents are foreign keys).
          afterDocument: async (trx2) => {
            await trx2.updateTable('stocktakes').set({ document_id: ctx.documentId }).where('id', '=', id).execute();
          },
        };
      },
    });
  }

  async cancel(auth: AuthContext, id: string, input: { reason: string }) {
    const st = await this.visible(auth, id, 'stocktake.approve');
    const now = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const r = await trx.updateTable('stocktakes').set({ status: 'cancelled', updated_at: now }).where('id', '=', id).where('status', '=', 'counting').executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw notCounting(await currentStatus(trx, id));
      await appendAudit(trx, {
        chainId: chains.store(st.store_id),
        companyId: auth.user.companyId,
        actorId: auth.user.id,
        action: 'stocktake.cancelled',
        subjectType: 'stocktake',
        subjectId: id,
        storeId: st.store_id,
        at: now,
        data: { reason: input.reason },
      });
    });
    return getStocktake(this.db, auth, await this.visible(auth, id, 'stocktake.approve'));
  }

  async get(auth: AuthContext, id: string) {
    return getStocktake(this.db, auth, await this.visible(auth, id, 'stocktake.count'));
  }

  async variances(auth: AuthContext, id: string) {
    return stocktakeVariances(this.db, await this.visible(auth, id, 'stocktake.approve'));
  }

  list(auth: AuthContext, q: StocktakeListQuery) {
    return listStocktakes(this.db, auth, q);
  }

  /** A stocktake of a store where the caller holds `permission`; anything else is 404. */
  private async visible(auth: AuthContext, id: string, permission: Permission): Promise<StocktakeRow> {
    const st = await this.db.selectFrom('stocktakes').selectAll().where('id', '=', id).where('company_id', '=', auth.user.companyId).executeTakeFirst();
    if (!st || !auth.can(permission, st.store_id)) throw notFound('Stocktake');
    return st;
  }
}

/** Takes the stocktake row for this transaction, or refuses: only a counting stocktake changes. */
async function takeCounting(trx: Kysely<DB>, id: string, now: string) {
  const r = await trx.updateTable('stocktakes').set({ updated_at: now }).where('id', '=', id).where('status', '=', 'counting').executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw notCounting(await currentStatus(trx, id));
}

async function currentStatus(trx: Kysely<DB>, id: string) {
  return (await trx.selectFrom('stocktakes').select('status').where('id', '=', id).executeTakeFirst())?.status ?? 'gone';
}

function notCounting(status: string) {
  return conflict('stocktake_not_counting', `The stocktake is ${status}; only a counting stocktake can take this`, undefined, { status });
}

async function countedTotals(trx: Kysely<DB>, id: string, keys: { productId: string; locationId: string }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const productIds = [...new Set(keys.map((k) => k.productId))];
  if (!productIds.length) return out;
  const rows = await sql<{ product_id: string; location_id: string; counted: number }>`
    SELECT product_id, location_id, CAST(SUM(qty) AS BIGINT) AS counted FROM stocktake_counts
    WHERE stocktake_id = ${id} AND product_id IN (${sql.join(productIds)}) GROUP BY product_id, location_id`.execute(trx);
  for (const r of rows.rows) out.set(lineKey({ productId: r.product_id, locationId: r.location_id }), Number(r.counted));
  return out;
}
