import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';

export class AccountsService {
  constructor(private readonly db: Kysely<DB>) {}

  async chart(auth: AuthContext) {
    const rows = await this.db.selectFrom('accounts').selectAll().where('company_id', '=', auth.user.companyId).orderBy('code').execute();
    const items = rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, type: r.type }));
    return { items, total: items.length };
  }

  /** Debit and credit totals per account, optionally for one store; Σdebit = Σcredit always. */
  async trialBalance(auth: AuthContext, storeId?: string) {
    if (storeId) auth.requireStore('accounts.read', storeId);
    const scope = storeId ? [storeId] : auth.storesWith('accounts.read');
    let q = this.db
      .selectFrom('journal_lines')
      .innerJoin('accounts', (j) => j.onRef('accounts.company_id', '=', 'journal_lines.company_id').onRef('accounts.code', '=', 'journal_lines.account_code'))
      .select([
        'journal_lines.account_code',
        'accounts.name',
        'accounts.name_en',
        sql<number>`CAST(SUM(journal_lines.debit) AS BIGINT)`.as('debit'),
        sql<number>`CAST(SUM(journal_lines.credit) AS BIGINT)`.as('credit'),
      ])
      .where('journal_lines.company_id', '=', auth.user.companyId)
      .groupBy(['journal_lines.account_code', 'accounts.name', 'accounts.name_en'])
      .orderBy('journal_lines.account_code');
    if (scope !== 'all') q = q.where('journal_lines.store_id', 'in', scope.length ? scope : ['-']);
    const rows = await q.execute();
    const items = rows.map((r) => ({ account: r.account_code, name: r.name, nameEn: r.name_en, debit: Number(r.debit), credit: Number(r.credit), balance: Number(r.debit) - Number(r.credit) }));
    return {
      items,
      totalDebit: items.reduce((s, i) => s + i.debit, 0),
      totalCredit: items.reduce((s, i) => s + i.credit, 0),
    };
  }
}
