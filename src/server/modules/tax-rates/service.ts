// Tax rates (税率): the company's list of VAT / levy rates, the only rates a product may carry.
// Rates are added, renamed, (de)activated and one is the default (preselected for new products);
// never deleted, since products and posted documents keep theirs. Changes are audited in the
// company chain like the chart of accounts.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { TaxRateCreateBody, TaxRatePutBody, TaxRateView } from '../../../contracts/tax-rates';
import { isUniqueViolation } from '../../../db/dialect';
import type { DB, TaxRatesTable } from '../../../db/schema';
import { appendAudit, chains } from '../../audit/chain';
import type { AuthContext } from '../../auth/auth-context';
import type { Clock } from '../../clock';
import { conflict, notFound, unprocessable } from '../../http/problem';

type Row = Pick<TaxRatesTable, 'rate' | 'name' | 'name_en' | 'active' | 'is_default' | 'sort_order'>;
const COLUMNS = ['rate', 'name', 'name_en', 'active', 'is_default', 'sort_order'] as const;
const view = (r: Row): TaxRateView => ({
  rate: Number(r.rate),
  name: r.name,
  nameEn: r.name_en,
  active: Number(r.active) === 1,
  isDefault: Number(r.is_default) === 1,
  sortOrder: Number(r.sort_order),
});
const percent = (rate: number) => `${rate / 100}%`;

export class TaxRatesService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async list(auth: AuthContext): Promise<{ items: TaxRateView[]; total: number }> {
    const rows = await companyTaxRates(this.db, auth.user.companyId);
    return { items: rows.map(view), total: rows.length };
  }

  async create(auth: AuthContext, body: z.infer<typeof TaxRateCreateBody>): Promise<TaxRateView> {
    const companyId = auth.user.companyId;
    if (body.isDefault && !body.active) throw unprocessable('default_inactive', 'The default tax rate must be active', 'isDefault');
    const at = this.clock().toISOString();
    try {
      return await this.db.transaction().execute(async (trx) => {
        const last = await trx.selectFrom('tax_rates').select((eb) => eb.fn.max('sort_order').as('m')).where('company_id', '=', companyId).executeTakeFirst();
        if (body.isDefault) await trx.updateTable('tax_rates').set({ is_default: 0, updated_at: at }).where('company_id', '=', companyId).where('is_default', '=', 1).execute();
        const row = {
          company_id: companyId,
          rate: body.rate,
          name: body.name,
          name_en: body.nameEn,
          active: body.active ? 1 : 0,
          is_default: body.isDefault ? 1 : 0,
          sort_order: Number(last?.m ?? 0) + 10,
          created_at: at,
          updated_at: at,
        };
        await trx.insertInto('tax_rates').values(row).execute();
        await this.audit(trx, auth, 'tax_rate.created', body.rate, at, { taxRate: view(row) });
        return view(row);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('tax_rate_exists', `The tax rate ${percent(body.rate)} already exists`, 'rate');
      throw err;
    }
  }

  /**
   * Rename, (de)activate or make default. The default stays active and there is always one:
   * it moves by making another rate the default. A rate active products carry stays active,
   * so every product keeps a rate the catalog offers.
   */
  async update(auth: AuthContext, rate: number, patch: z.infer<typeof TaxRatePutBody>): Promise<TaxRateView> {
    const companyId = auth.user.companyId;
    const at = this.clock().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('tax_rates').select(COLUMNS).where('company_id', '=', companyId).where('rate', '=', rate).executeTakeFirst();
      if (!before) throw notFound('Tax rate', 'rate');
      const wasDefault = Number(before.is_default) === 1;
      const active = patch.active ?? Number(before.active) === 1;
      const isDefault = patch.isDefault === true || (wasDefault && patch.isDefault !== false);
      if (wasDefault && patch.isDefault === false) {
        throw conflict('default_required', `${percent(rate)} is the default tax rate; make another rate the default instead`, 'isDefault');
      }
      if (!active && wasDefault) throw conflict('tax_rate_is_default', `${percent(rate)} is the default tax rate; make another rate the default first`, 'active');
      if (!active && patch.isDefault) throw unprocessable('default_inactive', 'The default tax rate must be active', 'isDefault');
      if (!active && Number(before.active) === 1) await assertUnused(trx, companyId, rate);
      if (isDefault && !wasDefault) {
        await trx.updateTable('tax_rates').set({ is_default: 0, updated_at: at }).where('company_id', '=', companyId).where('is_default', '=', 1).execute();
      }
      const changes = {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.nameEn !== undefined ? { name_en: patch.nameEn } : {}),
        active: active ? 1 : 0,
        is_default: isDefault ? 1 : 0,
      };
      await trx.updateTable('tax_rates').set({ ...changes, updated_at: at }).where('company_id', '=', companyId).where('rate', '=', rate).execute();
      const after = { ...before, ...changes };
      await this.audit(trx, auth, 'tax_rate.updated', rate, at, { before: view(before), after: view(after) });
      return view(after);
    });
  }

  private audit(trx: Kysely<DB>, auth: AuthContext, action: string, rate: number, at: string, data: Record<string, unknown>) {
    return appendAudit(trx, {
      chainId: chains.company(auth.user.companyId),
      companyId: auth.user.companyId,
      actorId: auth.user.id,
      action,
      subjectType: 'tax_rate',
      subjectId: String(rate),
      storeId: null,
      at,
      data,
    });
  }
}

/** The company's rates in display order. */
export function companyTaxRates(db: Kysely<DB>, companyId: string) {
  return db.selectFrom('tax_rates').select(COLUMNS).where('company_id', '=', companyId).orderBy('sort_order').orderBy('rate', 'desc').execute();
}

/** A product may only be given an active rate of its company (422 naming `field`). */
export async function assertActiveTaxRate(db: Kysely<DB>, companyId: string, rate: number, field: string): Promise<void> {
  const row = await db.selectFrom('tax_rates').select('active').where('company_id', '=', companyId).where('rate', '=', rate).executeTakeFirst();
  if (!row) throw unprocessable('unknown_tax_rate', `${percent(rate)} is not one of the company's tax rates (settings → tax rates)`, field);
  if (Number(row.active) !== 1) throw unprocessable('tax_rate_inactive', `The tax rate ${percent(rate)} is deactivated`, field);
}

async function assertUnused(db: Kysely<DB>, companyId: string, rate: number) {
  const products = await db
    .selectFrom('products')
    .select('sku')
    .where('company_id', '=', companyId)
    .where('tax_rate', '=', rate)
    .where('status', '=', 'active')
    .orderBy('sku')
    .limit(3)
    .execute();
  if (products.length) {
    const skus = products.map((p) => p.sku);
    throw conflict('tax_rate_in_use', `Active products carry ${percent(rate)} (${skus.join(', ')}${skus.length === 3 ? '…' : ''}); change or archive them first`, 'active', { skus });
  }
}
