import type { Kysely } from 'kysely';
import { uuidv7 } from '../../../core/id/uuidv7';
import type { DB } from '../../../db/schema';
import { appendAudit, chains } from '../../audit/chain';
import { SMALL_ENTERPRISE_CHART } from '../accounts/chart';
import { defaultTaxRateRows } from '../tax-rates/defaults';

/** A new company with its chart of accounts and tax rates. */
export async function createCompany(db: Kysely<DB>, input: { name: string; currency?: string; at: string }): Promise<string> {
  const id = uuidv7();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('companies').values({ id, name: input.name, currency: input.currency ?? 'CNY', created_at: input.at }).execute();
    await trx
      .insertInto('accounts')
      .values(SMALL_ENTERPRISE_CHART.map((a) => ({ company_id: id, code: a.code, name: a.name, name_en: a.nameEn, type: a.type, created_at: input.at })))
      .execute();
    await trx.insertInto('tax_rates').values(defaultTaxRateRows(id, input.at)).execute();
    await appendAudit(trx, {
      chainId: chains.company(id),
      companyId: id,
      actorId: null,
      action: 'company.created',
      subjectType: 'company',
      subjectId: id,
      at: input.at,
      data: { name: input.name },
    });
  });
  return id;
}
