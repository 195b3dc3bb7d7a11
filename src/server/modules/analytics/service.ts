// Dashboard and sales analytics over the rollup tables (docs/analytics.md). Every read first
// catches the rollups up, so figures include every document committed before the request.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DashboardQuery, PeriodAnalyticsQuery, ProductRankingQuery, SalesAnalyticsQuery } from '../../../contracts/analytics';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import type { Clock } from '../../clock';
import { renderExport, type ExportFile, type ExportFormat } from '../../export/table-export';
import type { Rollups } from '../../rollups/rollup-job';
import type { InventoryDeps } from '../inventory/deps';
import { abcTable, rankingTable, salesTable, turnoverTable, type ExportLang } from './analytics-tables';
import { dashboard } from './dashboard';
import { abcAnalysis, productRanking, stockTurnover } from './product-analytics';
import { salesAnalytics } from './sales-analytics';

type Period = z.infer<typeof PeriodAnalyticsQuery>;

export class AnalyticsService {
  constructor(private readonly deps: { db: Kysely<DB>; clock: Clock; inventory: InventoryDeps; rollups: Rollups }) {}

  private readonly catchUp = () => this.deps.rollups.catchUp();

  dashboard(auth: AuthContext, q: z.infer<typeof DashboardQuery>) {
    return dashboard({ ...this.deps, catchUp: this.catchUp }, auth, q);
  }

  sales(auth: AuthContext, q: z.infer<typeof SalesAnalyticsQuery>) {
    return salesAnalytics(this.deps.db, auth, q, this.catchUp);
  }

  products(auth: AuthContext, q: z.infer<typeof ProductRankingQuery>) {
    return productRanking(this.deps.db, auth, q, this.catchUp);
  }

  abc(auth: AuthContext, q: Period) {
    return abcAnalysis(this.deps.db, auth, q, this.catchUp);
  }

  stockTurnover(auth: AuthContext, q: Period) {
    return stockTurnover(this.deps.db, auth, q, this.catchUp);
  }

  /** The report asked for as a CSV/XLSX/PDF file, from the same figures as its JSON. */
  async file(auth: AuthContext, report: 'sales' | 'products' | 'abc' | 'stock-turnover', q: Period & Record<string, unknown>, format: ExportFormat, lang: ExportLang): Promise<ExportFile> {
    const store = q.storeId ? await this.deps.db.selectFrom('stores').select(['code', 'name']).where('id', '=', q.storeId).where('company_id', '=', auth.user.companyId).executeTakeFirst() : undefined;
    const label = store ? `${store.code} ${store.name}` : null;
    if (report === 'sales') return renderExport(salesTable(await this.sales(auth, q as z.infer<typeof SalesAnalyticsQuery>), lang, label), format);
    if (report === 'products') return renderExport(rankingTable(await this.products(auth, q as z.infer<typeof ProductRankingQuery>), lang, label), format);
    if (report === 'abc') return renderExport(abcTable(await this.abc(auth, q), lang, label), format);
    return renderExport(turnoverTable(await this.stockTurnover(auth, q), lang, label), format);
  }
}
