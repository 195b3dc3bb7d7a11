// Accounting reports (docs/accounting.md): trial balance, general ledger, profit and loss, balance
// sheet, VAT summary and the journal for export. Balances and movements per account come from the
// account × day rollup (rollup_account_day, docs/analytics.md), caught up first so they are exact;
// the VAT summary's rates from the tax × day rollup (rollup_tax_day);
// the ledger and the journal export read entries by company or store × business date (0010).
import { sql, type Kysely } from 'kysely';
import { isCalendarDate } from '../../../core/time/calendar-date';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { badRequest, notFound } from '../../http/problem';
import type { Rollups } from '../../rollups/rollup-job';

export interface Period {
  storeId?: string;
  from: string;
  to: string;
}

interface Movement {
  debit: number;
  credit: number;
}

interface AccountInfo {
  code: string;
  name: string;
  nameEn: string;
  type: string;
}

export interface JournalExportLine {
  account: string;
  accountName: string;
  debit: number;
  credit: number;
  memo: string;
}

export interface JournalExportEntry {
  entryId: string;
  businessDate: string;
  documentId: string;
  documentType: string;
  number: string;
  store: string;
  memo: string;
  lines: JournalExportLine[];
}

export class ReportsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly rollups: Pick<Rollups, 'catchUp'>,
  ) {}

  /** Opening, period debit and credit, closing per account; every column sums to zero (Σdebit = Σcredit). */
  async trialBalance(auth: AuthContext, p: Period) {
    const scope = await this.scope(auth, p);
    const [accounts, opening, period] = await Promise.all([
      this.accounts(auth.user.companyId),
      this.movements(auth.user.companyId, scope, { before: p.from }),
      this.movements(auth.user.companyId, scope, { from: p.from, to: p.to }),
    ]);
    const codes = [...new Set([...opening.keys(), ...period.keys()])].sort();
    const items = codes.map((code) => {
      const o = opening.get(code) ?? { debit: 0, credit: 0 };
      const m = period.get(code) ?? { debit: 0, credit: 0 };
      const openingBalance = o.debit - o.credit;
      return { ...accountView(accounts, code), opening: openingBalance, debit: m.debit, credit: m.credit, closing: openingBalance + m.debit - m.credit };
    });
    const sum = (k: 'opening' | 'debit' | 'credit' | 'closing') => items.reduce((s, i) => s + i[k], 0);
    return { from: p.from, to: p.to, storeId: p.storeId ?? null, items, totals: { opening: sum('opening'), debit: sum('debit'), credit: sum('credit'), closing: sum('closing') } };
  }

  /** One account's lines in the period with a running balance (debit positive) and their documents. */
  async generalLedger(auth: AuthContext, p: Period & { account: string }) {
    const scope = await this.scope(auth, p);
    const companyId = auth.user.companyId;
    const accounts = await this.accounts(companyId);
    if (!accounts.has(p.account)) throw notFound('Account', 'account');
    const opening = (await this.movements(companyId, scope, { before: p.from, account: p.account })).get(p.account) ?? { debit: 0, credit: 0 };
    let q = this.db
      .selectFrom('journal_entries as e')
      .innerJoin('journal_lines as l', 'l.entry_id', 'e.id')
      .innerJoin('documents as d', 'd.id', 'e.document_id')
      .select(['e.business_date', 'e.posted_at', 'e.id as entry_id', 'e.memo as entry_memo', 'l.line_no', 'l.debit', 'l.credit', 'l.memo', 'd.id as document_id', 'd.type', 'd.number', 'd.store_id'])
      .where('e.company_id', '=', companyId)
      .where('l.account_code', '=', p.account)
      .where('e.business_date', '>=', p.from)
      .where('e.business_date', '<=', p.to)
      .orderBy('e.business_date')
      .orderBy('e.posted_at')
      .orderBy('e.id')
      .orderBy('l.line_no');
    if (scope !== 'all') q = q.where('e.store_id', 'in', scope);
    let balance = opening.debit - opening.credit;
    const lines = (await q.execute()).map((r) => {
      const debit = Number(r.debit);
      const credit = Number(r.credit);
      balance += debit - credit;
      return {
        businessDate: r.business_date,
        documentId: r.document_id,
        documentType: r.type,
        number: r.number,
        href: `/api/v1/documents/${r.document_id}`,
        storeId: r.store_id,
        entryMemo: r.entry_memo,
        memo: r.memo,
        debit,
        credit,
        balance,
      };
    });
    const debit = lines.reduce((s, l) => s + l.debit, 0);
    const credit = lines.reduce((s, l) => s + l.credit, 0);
    return { ...accountView(accounts, p.account), from: p.from, to: p.to, storeId: p.storeId ?? null, opening: opening.debit - opening.credit, debit, credit, closing: balance, lines };
  }

  /** Revenue − cost of sales − expenses, by account, over the period (小企业会计准则 利润表 lines 5xxx). */
  async profitAndLoss(auth: AuthContext, p: Period) {
    const scope = await this.scope(auth, p);
    const [accounts, period] = await Promise.all([this.accounts(auth.user.companyId), this.movements(auth.user.companyId, scope, { from: p.from, to: p.to, withoutYearEndClose: true })]);
    return { from: p.from, to: p.to, storeId: p.storeId ?? null, ...splitProfitAndLoss(accounts, period) };
  }

  /**
   * The P&L totals month by month over the period, every calendar month it touches in order (a month
   * without entries is zeros, so a chart's axis has no gaps); the first and last months are cut at
   * `from` and `to`, so the months add up to the period's P&L exactly. The year-end close is left
   * out as in the P&L.
   */
  async profitAndLossTrend(auth: AuthContext, p: Period) {
    const scope = await this.scope(auth, p);
    const months = monthsBetween(p.from, p.to);
    if (months.length > MAX_TREND_MONTHS) throw badRequest('period_too_long', `A trend covers at most ${MAX_TREND_MONTHS} months`, 'to');
    const companyId = auth.user.companyId;
    const byMonth = new Map(months.map((m) => [m, new Map<string, Movement>()]));
    if (scope === 'all' || scope.length) {
      await this.rollups.catchUp();
      // substr on the ISO text date is the same in SQLite and PostgreSQL (business_date is text, 0013).
      const month = sql<string>`substr(business_date, 1, 7)`;
      let q = this.db
        .selectFrom('rollup_account_day')
        .select([month.as('month'), 'account_code', sql<number>`CAST(SUM(debit) AS BIGINT)`.as('debit'), sql<number>`CAST(SUM(credit) AS BIGINT)`.as('credit')])
        .where('company_id', '=', companyId)
        .where('business_date', '>=', p.from)
        .where('business_date', '<=', p.to)
        .where('kind', '<>', 'close')
        .groupBy([month, 'account_code']);
      if (scope !== 'all') q = q.where('store_id', 'in', scope);
      for (const r of await q.execute()) byMonth.get(r.month)?.set(r.account_code, { debit: Number(r.debit), credit: Number(r.credit) });
    }
    const accounts = await this.accounts(companyId);
    return {
      from: p.from,
      to: p.to,
      storeId: p.storeId ?? null,
      months: months.map((m) => ({ month: m, ...splitProfitAndLoss(accounts, byMonth.get(m)!).totals })),
    };
  }

  /**
   * Assets = liabilities + equity as of a date. Nothing closes revenue and expenses into 3103 本年利润
   * yet, so the profit to date shows as its own equity line (current profit).
   */
  async balanceSheet(auth: AuthContext, q: { storeId?: string; asOf: string }) {
    const scope = await this.scope(auth, { storeId: q.storeId, from: q.asOf, to: q.asOf });
    const [accounts, all] = await Promise.all([this.accounts(auth.user.companyId), this.movements(auth.user.companyId, scope, { to: q.asOf })]);
    const assets: ReportLine[] = [];
    const liabilities: ReportLine[] = [];
    const equity: ReportLine[] = [];
    let currentProfit = 0;
    for (const [code, m] of [...all].sort(([a], [b]) => a.localeCompare(b))) {
      const a = accountView(accounts, code);
      if (a.type === 'asset') assets.push({ ...a, amount: m.debit - m.credit });
      else if (a.type === 'liability') liabilities.push({ ...a, amount: m.credit - m.debit });
      else if (a.type === 'equity') equity.push({ ...a, amount: m.credit - m.debit });
      else currentProfit += m.credit - m.debit;
    }
    const totals = { assets: total(assets), liabilities: total(liabilities), equity: total(equity) + currentProfit };
    return { asOf: q.asOf, storeId: q.storeId ?? null, assets, liabilities, equity, currentProfit, totals, balanced: totals.assets === totals.liabilities + totals.equity };
  }

  /**
   * Output VAT by rate from the till lines' own tax and rate (returns negative), summed per store ×
   * day × rate in rollup_tax_day (caught up first, so exact), with the 2221 output VAT the journal
   * booked in the same period to compare against.
   */
  async vatSummary(auth: AuthContext, p: Period) {
    const scope = await this.scope(auth, p);
    const companyId = auth.user.companyId;
    let rows: { tax_rate: number; gross: number; tax: number }[] = [];
    if (scope === 'all' || scope.length) {
      await this.rollups.catchUp();
      let q = this.db
        .selectFrom('rollup_tax_day')
        .select(['tax_rate', sql<number>`CAST(SUM(gross) AS BIGINT)`.as('gross'), sql<number>`CAST(SUM(tax) AS BIGINT)`.as('tax')])
        .where('company_id', '=', companyId)
        .where('business_date', '>=', p.from)
        .where('business_date', '<=', p.to)
        .groupBy('tax_rate');
      if (scope !== 'all') q = q.where('store_id', 'in', scope);
      rows = await q.execute();
    }
    const byRate = new Map(rows.map((r) => [Number(r.tax_rate), { rate: Number(r.tax_rate), gross: Number(r.gross), tax: Number(r.tax) }]));
    const rates = [...byRate.values()].sort((a, b) => b.rate - a.rate).map((g) => ({ rate: g.rate, gross: g.gross, taxable: g.gross - g.tax, tax: g.tax }));
    const vat = await this.movements(companyId, scope, { from: p.from, to: p.to, accountPrefix: '2221' });
    const ledgerOutputTax = [...vat.values()].reduce((s, m) => s + m.credit - m.debit, 0);
    return { from: p.from, to: p.to, storeId: p.storeId ?? null, rates, totalTax: rates.reduce((s, g) => s + g.tax, 0), ledgerOutputTax };
  }

  /** The period's journal entries with their lines, in posting order, for the hledger/CSV export. */
  async journal(auth: AuthContext, p: Period): Promise<{ entries: JournalExportEntry[]; currency: string }> {
    const scope = await this.scope(auth, p);
    const companyId = auth.user.companyId;
    let q = this.db
      .selectFrom('journal_entries as e')
      .innerJoin('journal_lines as l', 'l.entry_id', 'e.id')
      .innerJoin('documents as d', 'd.id', 'e.document_id')
      .innerJoin('stores as s', 's.id', 'e.store_id')
      .select(['e.id', 'e.business_date', 'e.memo as entry_memo', 'd.id as document_id', 'd.type', 'd.number', 's.code as store', 'l.account_code', 'l.debit', 'l.credit', 'l.memo'])
      .where('e.company_id', '=', companyId)
      .where('e.business_date', '>=', p.from)
      .where('e.business_date', '<=', p.to)
      .orderBy('e.business_date')
      .orderBy('e.posted_at')
      .orderBy('e.id')
      .orderBy('l.line_no');
    if (scope !== 'all') q = q.where('e.store_id', 'in', scope);
    const [rows, accounts, company] = await Promise.all([
      q.execute(),
      this.accounts(companyId),
      this.db.selectFrom('companies').select('currency').where('id', '=', companyId).executeTakeFirstOrThrow(),
    ]);
    const entries: JournalExportEntry[] = [];
    for (const r of rows) {
      let e = entries[entries.length - 1];
      if (!e || e.entryId !== r.id) {
        e = { entryId: r.id, businessDate: r.business_date, documentId: r.document_id, documentType: r.type, number: r.number, store: r.store, memo: r.entry_memo, lines: [] };
        entries.push(e);
      }
      e.lines.push({ account: r.account_code, accountName: accounts.get(r.account_code)?.name ?? '', debit: Number(r.debit), credit: Number(r.credit), memo: r.memo });
    }
    return { entries, currency: company.currency };
  }

  /** Stores the caller may see: the one asked for (404 if not theirs) or every store they hold the permission in. */
  private async scope(auth: AuthContext, p: Period): Promise<'all' | string[]> {
    if (!isCalendarDate(p.from)) throw badRequest('bad_date', `${p.from} is not a calendar date`, 'from');
    if (!isCalendarDate(p.to)) throw badRequest('bad_date', `${p.to} is not a calendar date`, 'to');
    if (p.from > p.to) throw badRequest('bad_period', 'from must not be after to', 'to');
    if (p.storeId) {
      auth.requireStore('reports.read', p.storeId);
      const store = await this.db.selectFrom('stores').select('id').where('id', '=', p.storeId).where('company_id', '=', auth.user.companyId).executeTakeFirst();
      if (!store) throw notFound('Store', 'storeId');
      return [p.storeId];
    }
    return auth.storesWith('reports.read');
  }

  private async accounts(companyId: string): Promise<Map<string, AccountInfo>> {
    const rows = await this.db.selectFrom('accounts').select(['code', 'name', 'name_en', 'type']).where('company_id', '=', companyId).execute();
    return new Map(rows.map((r) => [r.code, { code: r.code, name: r.name, nameEn: r.name_en, type: r.type }]));
  }

  /** Σdebit and Σcredit per account over entries in a business-date range (`before` excludes its date). */
  private async movements(
    companyId: string,
    scope: 'all' | string[],
    range: { before?: string; from?: string; to?: string; account?: string; accountPrefix?: string; withoutYearEndClose?: boolean },
  ): Promise<Map<string, Movement>> {
    if (scope !== 'all' && !scope.length) return new Map();
    await this.rollups.catchUp();
    let q = this.db
      .selectFrom('rollup_account_day')
      .select(['account_code', sql<number>`CAST(SUM(debit) AS BIGINT)`.as('debit'), sql<number>`CAST(SUM(credit) AS BIGINT)`.as('credit')])
      .where('company_id', '=', companyId)
      .groupBy('account_code');
    if (scope !== 'all') q = q.where('store_id', 'in', scope);
    if (range.before) q = q.where('business_date', '<', range.before);
    if (range.from) q = q.where('business_date', '>=', range.from);
    if (range.to) q = q.where('business_date', '<=', range.to);
    if (range.account) q = q.where('account_code', '=', range.account);
    if (range.accountPrefix) q = q.where('account_code', 'like', `${range.accountPrefix}%`);
    // The year-end close (年结) zeroes revenue and expenses at 12-31; the year's P&L must not see it.
    if (range.withoutYearEndClose) q = q.where('kind', '<>', 'close');
    const rows = await q.execute();
    return new Map(rows.map((r) => [r.account_code, { debit: Number(r.debit), credit: Number(r.credit) }]));
  }
}

interface ReportLine extends AccountInfo {
  amount: number;
}

const total = (lines: ReportLine[]) => lines.reduce((s, l) => s + l.amount, 0);

/** Revenue, cost of sales and expenses by account, and their totals; the P&L and its trend share it. */
function splitProfitAndLoss(accounts: Map<string, AccountInfo>, movements: Map<string, Movement>) {
  const revenue: ReportLine[] = [];
  const costOfSales: ReportLine[] = [];
  const expenses: ReportLine[] = [];
  for (const [code, m] of [...movements].sort(([a], [b]) => a.localeCompare(b))) {
    const a = accountView(accounts, code);
    if (a.type === 'revenue') revenue.push({ ...a, amount: m.credit - m.debit });
    else if (a.type === 'expense') (isCostOfSales(code) ? costOfSales : expenses).push({ ...a, amount: m.debit - m.credit });
  }
  const totalRevenue = total(revenue);
  const totalCostOfSales = total(costOfSales);
  const totalExpenses = total(expenses);
  return {
    revenue,
    costOfSales,
    expenses,
    totals: { revenue: totalRevenue, costOfSales: totalCostOfSales, grossProfit: totalRevenue - totalCostOfSales, expenses: totalExpenses, netProfit: totalRevenue - totalCostOfSales - totalExpenses },
  };
}

/** Ten years of months: enough for any chart, and a bound on the response. */
const MAX_TREND_MONTHS = 120;

/** "2025-11-03", "2026-02-10" → ["2025-11", "2025-12", "2026-01", "2026-02"]. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const m = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (m > last || months.length > MAX_TREND_MONTHS) return months;
    months.push(m);
    if (++month > 12) [year, month] = [year + 1, 1];
  }
}

/** 5401 主营业务成本 and its sub-accounts. */
const isCostOfSales = (code: string) => code.startsWith('5401');

function accountView(accounts: Map<string, AccountInfo>, code: string): AccountInfo {
  return accounts.get(code) ?? { code, name: '', nameEn: '', type: 'unknown' };
}

