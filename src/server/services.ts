// Wires the services once, for the HTTP app, the CLI and tests alike.
import type { Database } from '../db/dialect';
import { SessionStore } from './auth/sessions';
import { systemClock, type Clock } from './clock';
import { AccountsService } from './modules/accounts/service';
import { TaxRatesService } from './modules/tax-rates/service';
import { ManualEntriesService } from './modules/journal/manual-entries';
import { ReversalsService } from './modules/journal/reversals';
import { YearEndCloseService } from './modules/journal/year-end-close';
import { PostingRulesCache } from './modules/posting-rules/cache';
import { PostingRulesService } from './modules/posting-rules/service';
import { AuditService } from './modules/audit/service';
import { ReportsService } from './modules/reports/service';
import { AnalyticsService } from './modules/analytics/service';
import { Rollups } from './rollups/rollup-job';
import { ReportExportService } from './modules/reports/report-export';
import { ReconciliationService } from './modules/reconciliation/service';
import { AuthService } from './modules/auth/service';
import { DocumentsService } from './modules/documents/service';
import { ProductExportService } from './modules/import/product-export';
import { ImportService } from './modules/import/service';
import { LabelsService } from './modules/labels/service';
import { InventoryService } from './modules/inventory/service';
import { createCatalogServices } from './modules/catalog/services';
import { StockService } from './modules/stock/service';
import { StoresService } from './modules/stores/service';
import { StocktakesService } from './modules/stocktakes/service';
import { TransfersService } from './modules/transfers/service';
import { UsersService } from './modules/users/service';
import { PostingEngine } from './posting/engine';
import { SalesService } from './modules/sales/service';
import { ReturnsService } from './modules/returns/service';
import type { PaymentsConfig } from './modules/sales/wallet-charges';
import { ShiftsService } from './modules/shifts/service';
import { DayCloseService } from './modules/day-close/service';
import { ReceiptsService } from './modules/receipts/service';
import { StoreSettingsService } from './modules/store-settings/service';
import { SimulatedPaymentProvider } from './payments/simulator';

export interface ServiceOptions {
  clock?: Clock;
  /** Wallet payments (付款码): the provider and how long to wait on it. Default: the simulator. */
  payments?: PaymentsConfig;
}

export function createServices(database: Database, opts: ServiceOptions = {}) {
  const db = database.db;
  const clock = opts.clock ?? systemClock;
  const engine = new PostingEngine(database, { now: clock });
  const sessions = new SessionStore(db);
  const documents = new DocumentsService(db, engine, clock);
  // Sales, returns and voids share one payment provider: a refund goes to the charge it reverses.
  // Posting rules are read once per company and held in process (docs/decisions/0003).
  const postingRules = new PostingRulesCache();
  const checkout = { db, engine, clock, dialect: database.info, postingRules, payments: opts.payments ?? { provider: new SimulatedPaymentProvider() } };
  // Analytics rollups, caught up by every analytics read and by a tick in `serve` (docs/analytics.md).
  const rollups = new Rollups(database, { now: clock });
  const reports = new ReportsService(db, rollups);
  return {
    database,
    db,
    clock,
    engine,
    sessions,
    auth: new AuthService(db, sessions, clock),
    users: new UsersService(db, sessions, clock),
    stores: new StoresService(db, clock, () => engine.forget(), sessions),
    documents,
    audit: new AuditService(db),
    accounts: new AccountsService(db, clock),
    taxRates: new TaxRatesService(db, clock),
    manualEntries: new ManualEntriesService(db, engine, clock),
    reversals: new ReversalsService(db, engine, clock),
    yearEndClose: new YearEndCloseService(db, engine, clock),
    postingRules: new PostingRulesService(db, clock, postingRules),
    reports,
    reportExports: new ReportExportService(db, reports, rollups),
    reconciliation: new ReconciliationService(db, engine, clock),
    rollups,
    analytics: new AnalyticsService({ db, clock, rollups, inventory: { db, engine, clock, postingRules } }),
    catalog: createCatalogServices(database, engine, clock),
    stock: new StockService(db),
    transfers: new TransfersService(db, engine, clock),
    stocktakes: new StocktakesService(db, engine, clock, postingRules),
    inventory: new InventoryService({ db, engine, clock, postingRules }),
    imports: new ImportService(db, documents, clock),
    exports: new ProductExportService(db, clock),
    labels: new LabelsService(db),
    storeSettings: new StoreSettingsService(db, clock),
    shifts: new ShiftsService(db, clock, engine, postingRules),
    dayClose: new DayCloseService(db, clock),
    receipts: new ReceiptsService(db, clock),
    sales: new SalesService(checkout),
    returns: new ReturnsService(checkout),
  };
}

export type Services = ReturnType<typeof createServices>;
