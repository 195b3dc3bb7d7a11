// Table types, written once for Kysely. Money columns are integer fen, quantities integer
// thousandths, instants ISO-8601 UTC strings, business dates 'YYYY-MM-DD', JSON stored as text,
// booleans as 0/1 (both dialects read them the same way).
import type { Generated } from 'kysely';

export interface CompaniesTable {
  id: string;
  name: string;
  currency: string;
  created_at: string;
  /** Last business date of the closed period (0010): nothing posts on or before it. */
  books_lock_date: string | null;
}

export interface StoresTable {
  id: string;
  company_id: string;
  code: string;
  name: string;
  timezone: string;
  currency: string;
  receipt_header: string;
  created_at: string;
}

export interface LocationsTable {
  id: string;
  store_id: string;
  code: string;
  name: string;
  /** 'store' (sales floor), 'warehouse', or 'bin' (货位, with a parent location). */
  kind: string;
  created_at: string;
  parent_id: string | null;
}

export interface RegistersTable {
  id: string;
  store_id: string;
  code: string;
  name: string;
  device_token_hash: string | null;
  paired_at: string | null;
  created_at: string;
}

export interface UsersTable {
  id: string;
  company_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  pin_hash: string | null;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
  /** '*' = every store of the company. */
  store_id: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  kind: string;
  register_id: string | null;
  created_at: string;
  expires_at: string;
}

export interface ApprovalsTable {
  token_hash: string;
  approver_id: string;
  requested_by: string;
  action: string;
  store_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ProductsTable {
  id: string;
  company_id: string;
  sku: string;
  name: string;
  /** Base unit (the unit stock is kept in); packs convert through product_units. */
  unit: string;
  /** Basis points: 1300 = 13%. */
  tax_rate: number;
  /** Company retail price in fen per base unit (per kg for weighed goods); see `prices` for history. */
  price: number;
  status: string;
  created_at: string;
  spec: string;
  brand: string;
  origin: string;
  category_id: string | null;
  pinyin_initials: string;
  pinyin_full: string;
  search_text: string;
  /** 1–2 character pieces of name, brand and spec words, for short substring queries (migration 0007). */
  search_grams: string;
  weighable: number;
  plu: string | null;
  track_batches: number;
  shelf_life_days: number | null;
  cost_method: string;
  variant_template_id: string | null;
  variant_json: string | null;
  updated_at: string;
  /** Company member price (会员价) in fen per base unit; null = members pay the retail price. */
  member_price: number | null;
}

export interface CategoriesTable {
  id: string;
  company_id: string;
  parent_id: string | null;
  code: string;
  name: string;
  created_at: string;
}

export interface VariantTemplatesTable {
  id: string;
  company_id: string;
  name: string;
  attributes_json: string;
  created_at: string;
}

export interface ProductUnitsTable {
  product_id: string;
  unit: string;
  /** Thousandths of the base unit per one of this unit (1 箱 = 24 瓶 → 24000). */
  factor: number;
}

export interface BarcodesTable {
  company_id: string;
  code: string;
  product_id: string;
  unit: string;
  kind: string;
  created_at: string;
}

/** Price history: one row per price that took effect. */
export interface PricesTable {
  id: string;
  company_id: string;
  product_id: string;
  /** '*' = the company price; otherwise a store override. */
  store_id: string;
  price: number;
  member_price: number | null;
  effective_at: string;
  document_id: string | null;
  created_at: string;
}

export interface StorePricesTable {
  store_id: string;
  product_id: string;
  price: number;
  member_price: number | null;
  updated_at: string;
}

export interface PriceChangesTable {
  id: string;
  company_id: string;
  status: string;
  effective_at: string;
  stores_json: string;
  lines_json: string;
  reason: string;
  created_by: string;
  approved_by: string | null;
  document_id: string | null;
  created_at: string;
  updated_at: string;
  /** Old prices per store, written when a change to all stores takes effect (see 0003). */
  snapshot_json: string | null;
  applied_at: string | null;
}

export interface SuppliersTable {
  id: string;
  company_id: string;
  code: string;
  name: string;
  contact: string;
  phone: string;
  tax_id: string;
  payment_terms_days: number;
  status: string;
  created_at: string;
}

export interface ProductSuppliersTable {
  product_id: string;
  supplier_id: string;
  purchase_price: number;
  pack_unit: string;
  pack_size: number;
  supplier_sku: string;
}

export interface StockLimitsTable {
  store_id: string;
  product_id: string;
  min_qty: number;
  max_qty: number;
}

export interface BatchesTable {
  id: string;
  company_id: string;
  product_id: string;
  lot: string;
  production_date: string | null;
  expiry_date: string | null;
  created_at: string;
}

export interface CostStateTable {
  store_id: string;
  product_id: string;
  last_unit_cost: number;
}

export interface TransfersTable {
  id: string;
  company_id: string;
  from_store_id: string;
  to_store_id: string;
  status: string;
  memo: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface TransferLinesTable {
  transfer_id: string;
  line_no: number;
  product_id: string;
  batch_id: string;
  qty_shipped: number;
  qty_received: number;
  cost_value: number;
  cost_received: number;
}

export interface StocktakesTable {
  id: string;
  company_id: string;
  store_id: string;
  scope: string;
  scope_ref: string | null;
  status: string;
  blind: number;
  started_at: string;
  created_by: string;
  approved_by: string | null;
  document_id: string | null;
  updated_at: string;
}

export interface StocktakeLinesTable {
  stocktake_id: string;
  product_id: string;
  location_id: string;
  snapshot_qty: number;
  snapshot_value: number;
  /** Frozen at approval (0005); null while counting. */
  expected_qty: number | null;
  counted_qty: number | null;
  variance_value: number | null;
}

/** Every document a transfer posted: 'ship', 'receipt' or 'close' (0005). */
export interface TransferDocumentsTable {
  transfer_id: string;
  document_id: string;
  kind: string;
  created_at: string;
}

export interface StocktakeCountsTable {
  id: string;
  stocktake_id: string;
  product_id: string;
  location_id: string;
  qty: number;
  device: string;
  counted_by: string;
  counted_at: string;
}

export interface AccountsTable {
  company_id: string;
  code: string;
  name: string;
  name_en: string;
  type: string;
  created_at: string;
  /** Sub-accounts (0010): 222101 应交增值税-销项税额 under 2221. */
  parent_code: string | null;
  /** 0 = deactivated: kept for history, refused for new postings. */
  active: Generated<number>;
}

/** Posting rules (0011): kind + key → the account the automatic postings use; none = the default. */
export interface PostingRulesTable {
  company_id: string;
  kind: string;
  key: string;
  account_code: string;
  updated_by: string;
  updated_at: string;
}

export interface DocumentsTable {
  id: string;
  client_id: string;
  company_id: string;
  store_id: string;
  register_id: string | null;
  type: string;
  number_scope: string;
  number_seq: number;
  number: string;
  business_date: string;
  posted_at: string;
  posted_by: string;
  approved_by: string | null;
  payload_hash: string;
  total: number;
  memo: string;
  result_json: string;
}

export interface DocumentLinesTable {
  document_id: string;
  line_no: number;
  product_id: string | null;
  account_code: string | null;
  qty: number;
  unit_price: number;
  amount: number;
  data_json: string | null;
}

export interface StockMovesTable {
  document_id: string;
  /** A line may move several batches (FEFO), so moves are numbered on their own. */
  move_no: number;
  line_no: number;
  store_id: string;
  location_id: string;
  product_id: string;
  batch_id: string;
  qty: number;
  cost_value: number;
  business_date: string;
  posted_at: string;
}

export interface StockBalancesTable {
  store_id: string;
  location_id: string;
  product_id: string;
  batch_id: string;
  qty: number;
  cost_value: number;
}

export interface JournalEntriesTable {
  id: string;
  company_id: string;
  store_id: string;
  document_id: string;
  business_date: string;
  posted_at: string;
  memo: string;
}

export interface JournalLinesTable {
  entry_id: string;
  line_no: number;
  company_id: string;
  store_id: string;
  account_code: string;
  debit: number;
  credit: number;
  memo: string;
}

export interface AuditEventsTable {
  chain_id: string;
  seq: number;
  at: string;
  company_id: string;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  store_id: string | null;
  data_json: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  chain_id: string;
  seq: number;
  hash: string;
}

export interface OutboxTable {
  id: string;
  topic: string;
  document_id: string | null;
  /** The event's body; NULL for a posted document, whose body is documents.result_json (0023). */
  payload_json: string | null;
  created_at: string;
  published_at: string | null;
  /** When the analytics rollups took this document in (0013); null = still to roll up. */
  rolled_up_at: Generated<string | null>;
}

export interface CountersTable {
  scope: string;
  value: number;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response_json: string | null;
  created_at: string;
}

export interface DB {
  companies: CompaniesTable;
  stores: StoresTable;
  locations: LocationsTable;
  registers: RegistersTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  approvals: ApprovalsTable;
  products: ProductsTable;
  accounts: AccountsTable;
  posting_rules: PostingRulesTable;
  documents: DocumentsTable;
  document_lines: DocumentLinesTable;
  stock_moves: StockMovesTable;
  stock_balances: StockBalancesTable;
  journal_entries: JournalEntriesTable;
  journal_lines: JournalLinesTable;
  audit_events: AuditEventsTable;
  audit_heads: AuditHeadsTable;
  outbox: OutboxTable;
  counters: CountersTable;
  idempotency_keys: IdempotencyKeysTable;
  settings: SettingsTable;
  categories: CategoriesTable;
  variant_templates: VariantTemplatesTable;
  product_units: ProductUnitsTable;
  barcodes: BarcodesTable;
  prices: PricesTable;
  store_prices: StorePricesTable;
  price_changes: PriceChangesTable;
  suppliers: SuppliersTable;
  product_suppliers: ProductSuppliersTable;
  stock_limits: StockLimitsTable;
  batches: BatchesTable;
  cost_state: CostStateTable;
  transfers: TransfersTable;
  transfer_lines: TransferLinesTable;
  stocktakes: StocktakesTable;
  stocktake_lines: StocktakeLinesTable;
  stocktake_counts: StocktakeCountsTable;
  transfer_documents: TransferDocumentsTable;
  shifts: ShiftsTable;
  sales: SalesTable;
  sale_payments: SalePaymentsTable;
  sale_flags: SaleFlagsTable;
  sale_flag_reviews: SaleFlagReviewsTable;
  shift_closes: ShiftClosesTable;
  shift_close_methods: ShiftCloseMethodsTable;
  day_closes: DayClosesTable;
  receipt_prints: ReceiptPrintsTable;
  sale_line_returns: SaleLineReturnsTable;
  shift_cash_movements: ShiftCashMovementsTable;
  manual_entries: ManualEntriesTable;
  manual_entry_lines: ManualEntryLinesTable;
  document_reversals: DocumentReversalsTable;
  year_end_close_documents: YearEndCloseDocumentsTable;
  year_end_closes: YearEndClosesTable;
  rollup_product_day: RollupProductDayTable;
  rollup_category_day: RollupCategoryDayTable;
  rollup_till_hour: RollupTillHourTable;
  rollup_payment_day: RollupPaymentDayTable;
  rollup_account_day: RollupAccountDayTable;
  rollup_tax_day: RollupTaxDayTable;
  rollup_product_month: RollupProductMonthTable;
  settlement_imports: SettlementImportsTable;
  settlement_rows: SettlementRowsTable;
  tax_rates: TaxRatesTable;
}

/** The company's tax rates (0018), in basis points; the only rates a product may carry. */
export interface TaxRatesTable {
  company_id: string;
  rate: number;
  name: string;
  name_en: string;
  active: number;
  is_default: number;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

/** Per-company or per-store settings as JSON values under a key (抹零 mode, oversell policy...). */
export interface SettingsTable {
  scope: string;
  key: string;
  value_json: string;
  updated_at: string;
}

/** A register's working session (班次), from opening float to close (0006). */
export interface ShiftsTable {
  id: string;
  company_id: string;
  store_id: string;
  register_id: string;
  /** 'open' | 'closed'; at most one open shift per register. */
  status: string;
  opening_float: number;
  opened_by: string;
  opened_at: string;
  business_date: string;
  closed_by: string | null;
  closed_at: string | null;
}

/** What a sale document's header cannot hold (0006); written with the document, immutable. */
export interface SalesTable {
  document_id: string;
  store_id: string;
  register_id: string;
  shift_id: string;
  offline: number;
  /** When the till rang the sale up (ISO-8601), as the till's clock said. */
  client_time: string;
  member_code: string | null;
  subtotal: number;
  /** 抹零, signed: due − subtotal. */
  rounding: number;
  due: number;
  change: number;
  tax: number;
  cost: number;
  /** 'sale' | 'return' | 'exchange' | 'void' (0008); returns and voids carry signed (negative) amounts. */
  kind: Generated<string>;
  /** The sale a return / exchange / void reverses; null for a sale or a return without receipt. */
  original_document_id: string | null;
}

/** Per sale line, sold vs returned so far (0008); the one mutable checkout table (guarded UPDATE). */
export interface SaleLineReturnsTable {
  document_id: string;
  line_no: number;
  store_id: string;
  product_id: string;
  sold_qty: number;
  returned_qty: number;
}

/** One tender of a sale (split tender = several rows); cash `amount` is what was handed over. */
export interface SalePaymentsTable {
  document_id: string;
  payment_no: number;
  store_id: string;
  shift_id: string;
  method: string;
  amount: number;
  account_code: string;
  provider_ref: string | null;
  reference: string | null;
}

/** Something a sale was accepted with that a person should review (offline price, negative stock...). */
export interface SaleFlagsTable {
  document_id: string;
  flag_no: number;
  store_id: string;
  /** 0 = the whole sale. */
  line_no: number;
  kind: string;
  detail_json: string;
  created_at: string;
}

/** A review flag marked as looked at (0025): one row per flag, immutable. */
export interface SaleFlagReviewsTable {
  document_id: string;
  flag_no: number;
  store_id: string;
  note: string;
  reviewed_by: string;
  reviewed_at: string;
}

/** A shift's close (交接班, 0009): the drawer count and the X report frozen at close; immutable. */
export interface ShiftClosesTable {
  shift_id: string;
  document_id: string;
  company_id: string;
  store_id: string;
  register_id: string;
  business_date: string;
  closed_by: string;
  closed_at: string;
  expected_cash: number;
  counted_cash: number;
  /** Σ (counted − expected) over every method: + over (长款), − short (短款). */
  over_short: number;
  cash_count_json: string;
  report_json: string;
}

/** A paid-in / paid-out document with the register's shift open when it was posted (0014; null: none). */
export interface ShiftCashMovementsTable {
  document_id: string;
  store_id: string;
  register_id: string;
  shift_id: string | null;
  /** 'in' | 'out' */
  direction: string;
  amount: number;
}

/** Expected vs counted per payment method at a shift's close (0009). */
export interface ShiftCloseMethodsTable {
  shift_id: string;
  method: string;
  store_id: string;
  expected: number;
  counted: number;
  difference: number;
}

/** A store's day close (日结, 0009), one per business date, summary frozen at close. */
export interface DayClosesTable {
  id: string;
  company_id: string;
  store_id: string;
  business_date: string;
  closed_by: string;
  closed_at: string;
  summary_json: string;
}

/** A reprint (重印 COPY) of a receipt, numbered per document (0009). */
export interface ReceiptPrintsTable {
  document_id: string;
  print_no: number;
  store_id: string;
  format: string;
  printed_by: string;
  printed_at: string;
}

/** A manual journal entry (手工凭证, 0012): a draft until another user approves or rejects it. */
export interface ManualEntriesTable {
  id: string;
  company_id: string;
  store_id: string;
  business_date: string;
  memo: string;
  /** 'draft' | 'posted' | 'rejected' */
  status: string;
  /** Bumped by every edit: an approval posts the version the approver saw. */
  version: number;
  total: number;
  payload_hash: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  decided_by: string | null;
  decided_at: string | null;
  reject_reason: string | null;
  document_id: string | null;
}

export interface ManualEntryLinesTable {
  entry_id: string;
  line_no: number;
  account_code: string;
  debit: number;
  credit: number;
  memo: string;
}

/** A document and its reversal (0012); the primary key reverses a document at most once. */
export interface DocumentReversalsTable {
  original_document_id: string;
  reversal_document_id: string;
  company_id: string;
}

/** The `year_end_close` documents of each closed year (0012), one per store with activity. */
export interface YearEndCloseDocumentsTable {
  document_id: string;
  company_id: string;
  store_id: string;
  year: number;
}

/** A closed year (年结, 0012). */
export interface YearEndClosesTable {
  company_id: string;
  year: number;
  closed_by: string;
  closed_at: string;
  profit: number;
}

/** Till lines per store × business date × product (0013, docs/analytics.md); returns positive, voids net off sales. */
export interface RollupProductDayTable {
  store_id: string;
  business_date: string;
  product_id: string;
  category_id: string | null;
  sold_qty: number;
  returned_qty: number;
  sales: number;
  returns: number;
  tax: number;
  cost: number;
  discounts: number;
  lines: number;
}

/** The product rows summed per store × business date × category ('' = none) (0019). */
export type RollupCategoryDayTable = Omit<RollupProductDayTable, 'product_id' | 'category_id'> & { category_id: string };

/** The product rows summed per store × month (YYYY-MM) × product (0021). */
export type RollupProductMonthTable = Omit<RollupProductDayTable, 'business_date' | 'category_id'> & { month: string };

/** Till lines per company × store × business date × VAT rate (bp): Σ amount (gross) and Σ tax, signed (0020). */
export interface RollupTaxDayTable {
  company_id: string;
  store_id: string;
  business_date: string;
  tax_rate: number;
  gross: number;
  tax: number;
}

/** Till documents per store × business date × local hour × cashier (0013). */
export interface RollupTillHourTable {
  store_id: string;
  business_date: string;
  hour: number;
  cashier_id: string;
  tickets: number;
  return_tickets: number;
  items: number;
  sales: number;
  returns: number;
  tax: number;
  cost: number;
  discounts: number;
}

/** Tenders per store × business date × method, cash net of change (0013). */
export interface RollupPaymentDayTable {
  store_id: string;
  business_date: string;
  method: string;
  amount: number;
  payments: number;
}

/** Journal lines per company × business date × store × account; kind 'close' = year-end close (0013). */
export interface RollupAccountDayTable {
  company_id: string;
  business_date: string;
  store_id: string;
  account_code: string;
  kind: string;
  debit: number;
  credit: number;
}

/** One provider settlement file (对账单) as imported (0017); append-only. */
export interface SettlementImportsTable {
  id: string;
  company_id: string;
  store_id: string | null;
  /** 'wechat' | 'alipay' */
  provider: string;
  file_name: string;
  /** sha256 of the file's bytes, unique per company. */
  file_hash: string;
  period_from: string;
  period_to: string;
  row_count: number;
  amount: number;
  fee: number;
  /** The client id the fee document posts under (idempotent posting). */
  fee_client_id: string;
  imported_by: string;
  imported_at: string;
}

/** A transaction of a settlement file, fen, refunds negative (0017); append-only. */
export interface SettlementRowsTable {
  import_id: string;
  row_no: number;
  /** 'payment' | 'refund' */
  kind: string;
  occurred_at: string;
  business_date: string;
  provider_ref: string;
  merchant_order_no: string;
  refund_ref: string;
  amount: number;
  fee: number;
}
