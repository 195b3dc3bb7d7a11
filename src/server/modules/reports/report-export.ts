// A report as a file: runs the report (the same call the JSON route makes), words it as a table in
// the language asked for, and renders it. Used by the report routes (`format=`) and by the
// scheduled report files, which render one report in several formats.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { notFound } from '../../http/problem';
import { renderExport, type ExportFile, type ExportFormat, type ExportTable } from '../../export/table-export';
import type { Rollups } from '../../rollups/rollup-job';
import {
  balanceSheetTable,
  generalLedgerTable,
  profitAndLossTable,
  salesSummaryTable,
  trialBalanceTable,
  vatSummaryTable,
  type ExportLang,
  type ReportScope,
} from './report-tables';
import { salesSummary } from './sales-summary';
import type { Period, ReportsService } from './service';

export const REPORT_NAMES = ['trial-balance', 'general-ledger', 'profit-and-loss', 'balance-sheet', 'vat-summary', 'sales-summary'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export interface ReportRequest {
  storeId?: string;
  /** Period reports. */
  from?: string;
  to?: string;
  /** The balance sheet. */
  asOf?: string;
  /** The general ledger. */
  account?: string;
}

/** One report, figured once, ready to render in any format. */
export type PreparedReport = (format: ExportFormat) => Promise<ExportFile>;

const prepared =
  <Row>(table: ExportTable<Row>): PreparedReport =>
  (format) =>
    renderExport(table, format);

export class ReportExportService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly reports: ReportsService,
    private readonly rollups: Pick<Rollups, 'catchUp'>,
  ) {}

  async file(auth: AuthContext, report: ReportName, q: ReportRequest, format: ExportFormat, lang: ExportLang): Promise<ExportFile> {
    return (await this.prepare(auth, report, q, lang))(format);
  }

  async prepare(auth: AuthContext, report: ReportName, q: ReportRequest, lang: ExportLang): Promise<PreparedReport> {
    // The report checks the caller's access to the store first; the scope only words it.
    const period = (): Period => ({ storeId: q.storeId, from: q.from!, to: q.to! });
    switch (report) {
      case 'trial-balance': {
        const r = await this.reports.trialBalance(auth, period());
        return prepared(trialBalanceTable(r, await this.scope(auth, q.storeId), lang));
      }
      case 'general-ledger': {
        const r = await this.reports.generalLedger(auth, { ...period(), account: q.account! });
        return prepared(generalLedgerTable(r, await this.scope(auth, q.storeId), lang));
      }
      case 'profit-and-loss': {
        const r = await this.reports.profitAndLoss(auth, period());
        return prepared(profitAndLossTable(r, await this.scope(auth, q.storeId), lang));
      }
      case 'balance-sheet': {
        const r = await this.reports.balanceSheet(auth, { storeId: q.storeId, asOf: q.asOf! });
        return prepared(balanceSheetTable(r, await this.scope(auth, q.storeId), lang));
      }
      case 'vat-summary': {
        const r = await this.reports.vatSummary(auth, period());
        return prepared(vatSummaryTable(r, await this.scope(auth, q.storeId), lang));
      }
      case 'sales-summary': {
        const r = await salesSummary(this.db, auth, period(), () => this.rollups.catchUp());
        return prepared(salesSummaryTable(r, await this.scope(auth, q.storeId), lang));
      }
    }
  }

  private async scope(auth: AuthContext, storeId: string | undefined): Promise<ReportScope> {
    if (!storeId) return { storeCode: null, storeName: null };
    const store = await this.db.selectFrom('stores').select(['code', 'name']).where('id', '=', storeId).where('company_id', '=', auth.user.companyId).executeTakeFirst();
    if (!store) throw notFound('Store', 'storeId');
    return { storeCode: store.code, storeName: store.name };
  }
}
