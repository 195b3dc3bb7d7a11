// Stores (with their default stock location) and registers (收银台), and pairing a register with a
// till device. Settings changes are audited in the company chain.
import type { Kysely } from 'kysely';
import type { SortValue } from '../../../contracts/common';
import type { STORE_SORTS } from '../../../contracts/stores';
import { uuidv7 } from '../../../core/id/uuidv7';
import { isValidTimeZone } from '../../../core/time/business-date';
import type { DB } from '../../../db/schema';
import { isUniqueViolation } from '../../../db/dialect';
import { appendAudit, chains } from '../../audit/chain';
import type { AuthContext } from '../../auth/auth-context';
import { newToken } from '../../auth/tokens';
import { badRequest, conflict, notFound } from '../../http/problem';
import type { Clock } from '../../clock';
import { orderBySort } from '../../lists/sort';
import type { SessionStore } from '../../auth/sessions';

export interface StoreView {
  id: string;
  code: string;
  name: string;
  timezone: string;
  currency: string;
  receiptHeader: string;
  createdAt: string;
}

export interface RegisterView {
  id: string;
  storeId: string;
  code: string;
  name: string;
  paired: boolean;
}

export interface StoreInput {
  code: string;
  name: string;
  timezone?: string;
  currency?: string;
  receiptHeader?: string;
}

export class StoresService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly onChange: () => void,
    private readonly sessions: SessionStore,
  ) {}

  async list(auth: AuthContext, q: { sort?: SortValue<(typeof STORE_SORTS)[number]>; page?: number; pageSize?: number } = {}): Promise<{ items: StoreView[]; total: number }> {
    let query = this.db.selectFrom('stores').selectAll().where('company_id', '=', auth.user.companyId);
    const scope = auth.storesWith('stores.read');
    if (scope !== 'all') {
      if (!scope.length) return { items: [], total: 0 };
      query = query.where('id', 'in', scope);
    }
    const pageSize = q.pageSize ?? 500;
    const { total } = await query.clearSelect().select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await orderBySort(query, q.sort ?? 'code', { code: 'code', name: 'name', createdAt: 'created_at' }, 'id')
      .limit(pageSize)
      .offset(((q.page ?? 1) - 1) * pageSize)
      .execute();
    return { items: rows.map(toStoreView), total: Number(total) };
  }

  async get(auth: AuthContext, id: string): Promise<StoreView> {
    auth.requireStore('stores.read', id);
    const row = await this.db.selectFrom('stores').selectAll().where('id', '=', id).where('company_id', '=', auth.user.companyId).executeTakeFirst();
    if (!row) throw notFound('Store');
    return toStoreView(row);
  }

  async create(auth: AuthContext, input: StoreInput): Promise<StoreView> {
    const companyId = auth.user.companyId;
    const company = await this.db.selectFrom('companies').select('currency').where('id', '=', companyId).executeTakeFirstOrThrow();
    const id = await createStore(this.db, {
      companyId,
      code: input.code,
      name: input.name,
      timezone: checkTimeZone(input.timezone ?? 'Asia/Shanghai'),
      currency: input.currency ?? company.currency,
      receiptHeader: input.receiptHeader ?? input.name,
      actorId: auth.user.id,
      at: this.clock().toISOString(),
    });
    return this.get(auth, id);
  }

  async update(auth: AuthContext, id: string, patch: Partial<Omit<StoreInput, 'code'>>): Promise<StoreView> {
    auth.requireStore('stores.manage', id);
    const before = await this.get(auth, id);
    if (patch.timezone !== undefined) checkTimeZone(patch.timezone);
    const now = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('stores')
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.timezone !== undefined ? { timezone: patch.timezone } : {}),
          ...(patch.currency !== undefined ? { currency: patch.currency } : {}),
          ...(patch.receiptHeader !== undefined ? { receipt_header: patch.receiptHeader } : {}),
        })
        .where('id', '=', id)
        .execute();
      await appendAudit(trx, {
        chainId: chains.company(auth.user.companyId),
        companyId: auth.user.companyId,
        actorId: auth.user.id,
        action: 'store.settings_changed',
        subjectType: 'store',
        subjectId: id,
        storeId: id,
        at: now,
        data: { before, patch },
      });
    });
    this.onChange();
    return this.get(auth, id);
  }

  async listRegisters(auth: AuthContext, q: { storeId?: string; page: number; pageSize: number }): Promise<{ items: RegisterView[]; total: number }> {
    const storeId = q.storeId;
    let query = this.db
      .selectFrom('registers')
      .innerJoin('stores', 'stores.id', 'registers.store_id')
      .select(['registers.id', 'registers.store_id', 'registers.code', 'registers.name', 'registers.paired_at'])
      .where('stores.company_id', '=', auth.user.companyId);
    if (storeId) {
      auth.requireStore('stores.read', storeId);
      query = query.where('registers.store_id', '=', storeId);
    } else {
      const scope = auth.storesWith('stores.read');
      if (scope !== 'all') {
        if (!scope.length) return { items: [], total: 0 };
        query = query.where('registers.store_id', 'in', scope);
      }
    }
    const rows = await query.orderBy('registers.store_id').orderBy('registers.code').execute();
    const items = rows.map((r) => ({ id: r.id, storeId: r.store_id, code: r.code, name: r.name, paired: !!r.paired_at }));
    return { items: items.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: items.length };
  }

  /** Stock locations of the stores the user may see: each store's sales floor and its warehouses. */
  async listLocations(auth: AuthContext, q: { storeId?: string; page: number; pageSize: number }) {
    let query = this.db
      .selectFrom('locations')
      .innerJoin('stores', 'stores.id', 'locations.store_id')
      .select(['locations.id', 'locations.store_id', 'locations.code', 'locations.name', 'locations.kind'])
      .where('stores.company_id', '=', auth.user.companyId);
    if (q.storeId) {
      auth.requireStore('stores.read', q.storeId);
      query = query.where('locations.store_id', '=', q.storeId);
    } else {
      const scope = auth.storesWith('stores.read');
      if (scope !== 'all') query = query.where('locations.store_id', 'in', scope.length ? scope : ['-']);
    }
    const rows = await query.orderBy('locations.store_id').orderBy('locations.code').execute();
    const items = rows.map((r) => ({ id: r.id, storeId: r.store_id, code: r.code, name: r.name, kind: r.kind }));
    return { items: items.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: items.length };
  }

  async createLocation(auth: AuthContext, input: { storeId: string; code: string; name: string; kind: 'warehouse' | 'store' }) {
    auth.requireStore('stores.manage', input.storeId);
    await this.get(auth, input.storeId);
    const id = uuidv7();
    const now = this.clock().toISOString();
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('locations').values({ id, store_id: input.storeId, code: input.code, name: input.name, kind: input.kind, created_at: now }).execute();
        await appendAudit(trx, {
          chainId: chains.store(input.storeId),
          companyId: auth.user.companyId,
          actorId: auth.user.id,
          action: 'location.created',
          subjectType: 'location',
          subjectId: id,
          storeId: input.storeId,
          at: now,
          data: input,
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('location_code_taken', `Location code ${input.code} exists in this store`, 'code');
      throw err;
    }
    return { id, ...input };
  }

  async createRegister(auth: AuthContext, input: { storeId: string; code: string; name: string }): Promise<RegisterView> {
    auth.requireStore('registers.manage', input.storeId);
    await this.get(auth, input.storeId);
    const id = uuidv7();
    const now = this.clock().toISOString();
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('registers').values({ id, store_id: input.storeId, code: input.code, name: input.name, device_token_hash: null, paired_at: null, created_at: now }).execute();
        await appendAudit(trx, {
          chainId: chains.store(input.storeId),
          companyId: auth.user.companyId,
          actorId: auth.user.id,
          action: 'register.created',
          subjectType: 'register',
          subjectId: id,
          storeId: input.storeId,
          at: now,
          data: { code: input.code, name: input.name },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('register_code_taken', `Register code ${input.code} exists in this store`, 'code');
      throw err;
    }
    return { id, storeId: input.storeId, code: input.code, name: input.name, paired: false };
  }

  /** Issues a new device token (shown once); any device paired before is unpaired. */
  async pairRegister(auth: AuthContext, id: string): Promise<{ deviceToken: string; registerId: string; storeId: string }> {
    const { token, hash } = newToken();
    const storeId = await this.setPairing(auth, id, hash);
    return { deviceToken: token, registerId: id, storeId };
  }

  /** A lost or replaced till: its device token stops working and its open till sessions end. */
  async unpairRegister(auth: AuthContext, id: string): Promise<{ registerId: string; paired: false }> {
    await this.setPairing(auth, id, null);
    return { registerId: id, paired: false };
  }

  /**
   * Pairs the register with a new device token hash (null: unpairs it). Either way the device
   * paired before stops working: its till sessions end, and the session cache forgets them now
   * rather than within a few seconds. Returns the register's store.
   */
  private async setPairing(auth: AuthContext, id: string, tokenHash: string | null): Promise<string> {
    const reg = await this.db
      .selectFrom('registers')
      .innerJoin('stores', 'stores.id', 'registers.store_id')
      .select(['registers.id', 'registers.store_id'])
      .where('registers.id', '=', id)
      .where('stores.company_id', '=', auth.user.companyId)
      .executeTakeFirst();
    if (!reg || !auth.can('registers.manage', reg.store_id)) throw notFound('Register');
    const now = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('registers').set({ device_token_hash: tokenHash, paired_at: tokenHash ? now : null }).where('id', '=', id).execute();
      await trx.deleteFrom('sessions').where('register_id', '=', id).execute();
      await appendAudit(trx, {
        chainId: chains.register(id),
        companyId: auth.user.companyId,
        actorId: auth.user.id,
        action: tokenHash ? 'register.paired' : 'register.unpaired',
        subjectType: 'register',
        subjectId: id,
        storeId: reg.store_id,
        at: now,
      });
    });
    this.sessions.forgetCached();
    return reg.store_id;
  }
}

/** Creates a store with its default stock location (used by the API, seeding and tests). */
export async function createStore(
  db: Kysely<DB>,
  s: { companyId: string; code: string; name: string; timezone: string; currency: string; receiptHeader: string; actorId: string | null; at: string },
): Promise<string> {
  const id = uuidv7();
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('stores')
        .values({ id, company_id: s.companyId, code: s.code, name: s.name, timezone: s.timezone, currency: s.currency, receipt_header: s.receiptHeader, created_at: s.at })
        .execute();
      await trx.insertInto('locations').values({ id: uuidv7(), store_id: id, code: 'MAIN', name: s.name, kind: 'store', created_at: s.at }).execute();
      await appendAudit(trx, {
        chainId: chains.company(s.companyId),
        companyId: s.companyId,
        actorId: s.actorId,
        action: 'store.created',
        subjectType: 'store',
        subjectId: id,
        storeId: id,
        at: s.at,
        data: { code: s.code, name: s.name, timezone: s.timezone },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('store_code_taken', `Store code ${s.code} is taken`, 'code');
    throw err;
  }
  return id;
}

function checkTimeZone(tz: string): string {
  if (!isValidTimeZone(tz)) throw badRequest('timezone_invalid', `Unknown time zone ${tz}`, 'timezone');
  return tz;
}

function toStoreView(r: DB['stores']): StoreView {
  return { id: r.id, code: r.code, name: r.name, timezone: r.timezone, currency: r.currency, receiptHeader: r.receipt_header, createdAt: r.created_at };
}
