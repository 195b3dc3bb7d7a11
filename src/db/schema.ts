// Table types, written once for Kysely. Money columns are integer fen, quantities integer
// thousandths, instants ISO-8601 UTC strings, business dates 'YYYY-MM-DD', JSON stored as text,
// booleans as 0/1 (both dialects read them the same way).
export interface CompaniesTable {
  id: string;
  name: string;
  currency: string;
  created_at: string;
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
  kind: string;
  created_at: string;
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
  unit: string;
  tax_rate: number;
  price: number;
  status: string;
  created_at: string;
}

export interface AccountsTable {
  company_id: string;
  code: string;
  name: string;
  name_en: string;
  type: string;
  created_at: string;
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
  payload_json: string;
  created_at: string;
  published_at: string | null;
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
}

/** Per-company or per-store settings as JSON values under a key (抹零 mode, oversell policy...). */
export interface SettingsTable {
  scope: string;
  key: string;
  value_json: string;
  updated_at: string;
}
