// Response shapes of the /api/v1 endpoints the office reads. src/contracts holds the request
// schemas (and the role list); when it grows response schemas, infer these from them instead.
import { ROLES, type Role } from '../../contracts/roles';

export type RoleName = Role;
export const ROLE_NAMES: readonly RoleName[] = ROLES;

/** A role held in one store, or in every store when storeId is null. */
export interface RoleAssignment {
  role: RoleName;
  storeId: string | null;
}

export interface StoreRef {
  id: string;
  code: string;
  name: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  companyId: string;
  roles: RoleAssignment[];
  permissions: string[];
  stores: StoreRef[];
}

export interface LoginResult {
  token: string;
  user: Me;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  hasPin: boolean;
  roles: RoleAssignment[];
  createdAt: string;
}

export interface Store {
  id: string;
  code: string;
  name: string;
  timezone: string;
  currency: string;
  receiptHeader: string;
  createdAt: string;
}

export interface Register {
  id: string;
  storeId: string;
  code: string;
  name: string;
  paired: boolean;
}

export interface AuditEvent {
  chainId: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  storeId: string | null;
  data: unknown;
  hash: string;
  prevHash: string;
}

export interface DocumentSummary {
  id: string;
  clientId: string;
  storeId: string;
  type: string;
  number: string;
  businessDate: string;
  postedAt: string;
  postedBy: string;
  postedByName: string;
  /** fen */
  total: number;
  registerId?: string | null;
  approvedBy?: string | null;
  memo?: string | null;
}

/** A document line: a product line (qty × price) or, on journal documents, an account line. */
export interface DocumentLine {
  lineNo: number;
  productId: string | null;
  productName: string | null;
  account: string | null;
  /** thousandths */
  qty: number;
  /** fen */
  unitPrice: number;
  /** fen */
  amount: number;
  data?: unknown;
}

export interface StockMove {
  moveNo?: number;
  lineNo?: number;
  batchId?: string | null;
  productId: string;
  productName: string;
  locationId: string;
  /** thousandths */
  qty: number;
  /** fen */
  costValue: number;
}

export interface JournalLine {
  account: string;
  accountName: string;
  accountNameEn?: string | null;
  /** fen */
  debit: number;
  /** fen */
  credit: number;
  memo?: string | null;
}

export interface JournalEntry {
  entryId: string;
  memo?: string | null;
  lines: JournalLine[];
}

export interface DocumentDetail extends DocumentSummary {
  lines: DocumentLine[];
  moves: StockMove[];
  journal: JournalEntry[];
}

export interface Health {
  status: string;
  db: string;
  version: string;
}

export interface InvariantCheck {
  name: string;
  ok: boolean;
  message: string;
}

export interface VerifyResult {
  ok: boolean;
  checks: InvariantCheck[];
}
