// Price changes (调价单): draft (catalog.manage) → approved by someone with prices.approve →
// takes effect at effectiveAt (at once when that has passed) → applied; a draft or a scheduled
// change can be cancelled. Four eyes: the approver is not the creator, except for an owner (the
// owner of a one-person shop has nobody else to ask). Scope: a change to all stores moves the
// company price and needs the permission over every store; a change to some stores needs it in
// each of them, and a store the caller cannot see answers 404.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { CreatePriceChangeBody, PRICE_CHANGE_SORTS } from '../../../../contracts/catalog';
import type { SortValue } from '../../../../contracts/common';
import { uuidv7 } from '../../../../core/id/uuidv7';
import type { Database } from '../../../../db/dialect';
import type { DB } from '../../../../db/schema';
import type { AuthContext } from '../../../auth/auth-context';
import type { Permission } from '../../../auth/permissions';
import type { Clock } from '../../../clock';
import { Problem, badRequest, conflict, notFound } from '../../../http/problem';
import type { PostingEngine } from '../../../posting/engine';
import { orderBySort } from '../../../lists/sort';
import { auditCatalog } from '../audit';
import { applyPriceChange, targetStores, type ApplyDeps } from './apply';
import { priceHistory, type PriceHistory } from './history';
import { parsePriceChange, priceDocumentClientId, type PriceChange, type PriceChangeStatus } from './price-change';

export type CreatePriceChangeInput = z.infer<typeof CreatePriceChangeBody>;

export interface PriceChangeView {
  id: string;
  status: PriceChangeStatus;
  effectiveAt: string;
  storeIds: 'all' | string[];
  reason: string;
  lines: { productId: string; sku: string; name: string; price: number; memberPrice?: number | null }[];
  createdBy: string;
  approvedBy: string | null;
  createdAt: string;
  updatedAt: string;
  appliedAt: string | null;
  documents: { id: string; number: string; storeId: string }[];
}

export class PriceChangesService {
  private readonly deps: ApplyDeps;
  private applying = false;

  constructor(
    private readonly db: Kysely<DB>,
    database: Pick<Database, 'info'>,
    engine: PostingEngine,
    private readonly clock: Clock,
  ) {
    this.deps = { db, engine, dialect: database.info };
  }

  async create(auth: AuthContext, input: CreatePriceChangeInput): Promise<PriceChangeView> {
    const companyId = auth.user.companyId;
    await this.assertStores(auth, input.storeIds);
    await this.assertLines(companyId, input.lines);
    const now = this.clock().toISOString();
    const id = uuidv7();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('price_changes')
        .values({
          id,
          company_id: companyId,
          status: 'draft',
          effective_at: input.effectiveAt ? new Date(input.effectiveAt).toISOString() : now,
          stores_json: JSON.stringify(input.storeIds),
          lines_json: JSON.stringify(input.lines),
          reason: input.reason,
          created_by: auth.user.id,
          approved_by: null,
          document_id: null,
          created_at: now,
          updated_at: now,
          snapshot_json: null,
          applied_at: null,
        })
        .execute();
      await auditCatalog(trx, auth, now, { action: 'price_change.created', subjectType: 'price_change', subjectId: id, data: input });
    });
    return this.get(auth, id);
  }

  async approve(auth: AuthContext, id: string): Promise<PriceChangeView> {
    const change = await this.actable(auth, id, 'prices.approve');
    if (change.status !== 'draft') throw conflict('price_change_not_draft', `Only a draft can be approved; this one is ${change.status}`, 'status');
    const isOwner = auth.roles.some((r) => r.role === 'owner');
    if (change.createdBy === auth.user.id && !isOwner) {
      throw new Problem(403, 'approval_self', 'The creator of a price change cannot approve it; ask another approver', [{ field: 'approvedBy', message: 'Same person as the creator' }]);
    }
    await this.assertLines(auth.user.companyId, change.lines);
    const now = this.clock();
    // Approving late does not back-date prices: a change takes effect no earlier than approval.
    const effectiveAt = change.effectiveAt > now.toISOString() ? change.effectiveAt : now.toISOString();
    await this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('price_changes')
        .set({ status: 'scheduled', approved_by: auth.user.id, effective_at: effectiveAt, updated_at: now.toISOString() })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw conflict('price_change_not_draft', 'Only a draft can be approved', 'status');
      await auditCatalog(trx, auth, now.toISOString(), { action: 'price_change.approved', subjectType: 'price_change', subjectId: id, data: { effectiveAt } });
    });
    if (effectiveAt <= now.toISOString()) await applyPriceChange(this.deps, id, now);
    return this.get(auth, id);
  }

  async cancel(auth: AuthContext, id: string): Promise<PriceChangeView> {
    const change = await this.actable(auth, id, 'catalog.manage');
    const now = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('price_changes')
        .set({ status: 'cancelled', updated_at: now })
        .where('id', '=', id)
        .where('status', 'in', ['draft', 'scheduled'])
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) {
        throw conflict('price_change_not_cancellable', `A ${change.status} price change can no longer be cancelled`, 'status');
      }
      await auditCatalog(trx, auth, now, { action: 'price_change.cancelled', subjectType: 'price_change', subjectId: id, data: { was: change.status } });
    });
    return this.get(auth, id);
  }

  /**
   * Applies every approved change whose time has come (all companies). The server calls it every
   * 30 s; tests call it with their own clock. A failure leaves that change to the next run.
   */
  async applyDuePriceChanges(now: Date): Promise<{ applied: string[]; failed: { id: string; error: string }[] }> {
    const out = { applied: [] as string[], failed: [] as { id: string; error: string }[] };
    if (this.applying) return out;
    this.applying = true;
    try {
      const due = await this.db
        .selectFrom('price_changes')
        .select('id')
        .where('status', 'in', ['scheduled', 'applying'])
        .where('effective_at', '<=', now.toISOString())
        .orderBy('effective_at')
        .orderBy('id')
        .limit(100)
        .execute();
      for (const { id } of due) {
        try {
          await applyPriceChange(this.deps, id, now);
          out.applied.push(id);
        } catch (err) {
          out.failed.push({ id, error: (err as Error).message });
        }
      }
    } finally {
      this.applying = false;
    }
    return out;
  }

  history(auth: AuthContext, productId: string, q: { storeId?: string; page: number; pageSize: number }): Promise<PriceHistory> {
    return priceHistory(this.db, auth, productId, q);
  }

  async get(auth: AuthContext, id: string): Promise<PriceChangeView> {
    const change = await this.visible(auth, id, 'catalog.manage');
    return (await this.views([change]))[0];
  }

  async list(auth: AuthContext, q: { status?: PriceChangeStatus; sort?: SortValue<(typeof PRICE_CHANGE_SORTS)[number]>; page: number; pageSize: number }): Promise<{ items: PriceChangeView[]; total: number }> {
    let query = this.db.selectFrom('price_changes').where('company_id', '=', auth.user.companyId);
    if (q.status) query = query.where('status', '=', q.status);
    const scope = auth.storesWith('catalog.manage');
    if (scope !== 'all') {
      // stores_json is '"all"' or a JSON array of ids: a change is visible when it names one of
      // the caller's stores or covers all of them.
      query = query.where((eb) => eb.or([eb('stores_json', '=', '"all"'), ...scope.map((s) => eb('stores_json', 'like', `%"${s}"%`))]));
    }
    const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await orderBySort(query.selectAll(), q.sort ?? '-createdAt', { createdAt: 'created_at', effectiveAt: 'effective_at', status: 'status' }, 'id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return { items: await this.views(rows.map(parsePriceChange)), total: Number(total) };
  }

  /** A change the caller may see: it covers at least one of their stores. */
  private async visible(auth: AuthContext, id: string, p: Permission): Promise<PriceChange> {
    const row = await this.db.selectFrom('price_changes').selectAll().where('id', '=', id).where('company_id', '=', auth.user.companyId).executeTakeFirst();
    if (!row) throw notFound('Price change');
    const change = parsePriceChange(row);
    const sees = change.stores === 'all' ? auth.can(p) : change.stores.some((s) => auth.can(p, s));
    if (!sees) throw notFound('Price change');
    return change;
  }

  /** A change the caller may act on: they hold `p` in every store it covers. */
  private async actable(auth: AuthContext, id: string, p: Permission): Promise<PriceChange> {
    const change = await this.visible(auth, id, p);
    const all = change.stores === 'all' ? auth.storesWith(p) === 'all' : change.stores.every((s) => auth.can(p, s));
    if (!all) throw new Problem(403, 'forbidden', 'This price change covers stores outside your permission', [{ field: 'storeIds', message: 'Not all of these stores are yours' }]);
    return change;
  }

  private async assertStores(auth: AuthContext, storeIds: 'all' | string[]) {
    if (storeIds === 'all') {
      if (auth.storesWith('catalog.manage') !== 'all') {
        throw new Problem(403, 'forbidden', 'Changing the price for all stores needs the permission over every store', [{ field: 'storeIds', message: 'Choose your stores' }]);
      }
      return;
    }
    const rows = await this.db.selectFrom('stores').select('id').where('company_id', '=', auth.user.companyId).where('id', 'in', storeIds).execute();
    const known = new Set(rows.map((r) => r.id));
    const seen = new Set<string>();
    storeIds.forEach((s, i) => {
      if (!known.has(s) || !auth.can('catalog.manage', s)) throw notFound('Store', `storeIds.${i}`);
      if (seen.has(s)) throw badRequest('store_duplicate', 'A store is listed twice', `storeIds.${i}`);
      seen.add(s);
    });
  }

  private async assertLines(companyId: string, lines: { productId: string }[]) {
    const rows = await this.db
      .selectFrom('products')
      .select(['id', 'status', 'sku'])
      .where('company_id', '=', companyId)
      .where('id', 'in', [...new Set(lines.map((l) => l.productId))])
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const seen = new Set<string>();
    lines.forEach((l, i) => {
      const p = byId.get(l.productId);
      if (!p) throw notFound('Product', `lines.${i}.productId`);
      if (p.status !== 'active') throw conflict('product_archived', `${p.sku} is archived; restore it before changing its price`, `lines.${i}.productId`);
      if (seen.has(l.productId)) throw badRequest('duplicate_line', `${p.sku} is listed twice`, `lines.${i}.productId`);
      seen.add(l.productId);
    });
  }

  private async views(changes: PriceChange[]): Promise<PriceChangeView[]> {
    if (!changes.length) return [];
    const companyId = changes[0].companyId;
    const productIds = [...new Set(changes.flatMap((c) => c.lines.map((l) => l.productId)))];
    const products = await this.db.selectFrom('products').select(['id', 'sku', 'name']).where('id', 'in', productIds).execute();
    const productById = new Map(products.map((p) => [p.id, p]));
    const clientIds: string[] = [];
    for (const c of changes.filter((c) => c.status === 'applying' || c.status === 'applied')) {
      for (const s of await targetStores(this.db, c)) clientIds.push(priceDocumentClientId(c.id, s));
    }
    const docs = clientIds.length
      ? await this.db.selectFrom('documents').select(['id', 'number', 'store_id', 'client_id', 'posted_at']).where('company_id', '=', companyId).where('client_id', 'in', clientIds).orderBy('number').execute()
      : [];
    return changes.map((c) => ({
      id: c.id,
      status: c.status,
      effectiveAt: c.effectiveAt,
      storeIds: c.stores,
      reason: c.reason,
      lines: c.lines.map((l) => ({ ...l, sku: productById.get(l.productId)?.sku ?? '', name: productById.get(l.productId)?.name ?? '' })),
      createdBy: c.createdBy,
      approvedBy: c.approvedBy,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      appliedAt: c.appliedAt,
      documents: docs.filter((d) => d.client_id.startsWith(`price-change:${c.id}:`)).map((d) => ({ id: d.id, number: d.number, storeId: d.store_id })),
    }));
  }
}
