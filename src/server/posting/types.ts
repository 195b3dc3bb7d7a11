import type { Kysely } from 'kysely';
import type { SqlStatement } from '../../db/dialect';
import type { DB } from '../../db/schema';
import type { DocumentType } from './document-types';

export interface DocumentLineInput {
  productId?: string | null;
  accountCode?: string | null;
  qty: number;
  unitPrice: number;
  amount: number;
  data?: Record<string, unknown>;
}

export interface StockMoveInput {
  /** 1-based index into the plan's lines. */
  lineNo: number;
  locationId: string;
  productId: string;
  batchId?: string;
  /** Signed thousandths: + into stock, − out of stock. */
  qty: number;
  /** Signed fen, same sign as qty. */
  costValue: number;
}

export interface JournalLineInput {
  account: string;
  debit: number;
  credit: number;
  memo?: string;
}

export interface JournalEntryInput {
  memo: string;
  lines: JournalLineInput[];
}

/** What a document writes, computed inside the posting transaction (costs read current balances). */
export interface PostingPlan {
  total: number;
  memo?: string;
  lines: DocumentLineInput[];
  moves: StockMoveInput[];
  journal: JournalEntryInput[];
  auditData?: Record<string, unknown>;
  /** Who approved (a supervisor override consumed inside the transaction). */
  approvedBy?: string | null;
  /** Extra fields for the response body, stored with the document so a replay returns the same. */
  result?: Record<string, unknown>;
  /**
   * Inserts of rows that reference the document (a sale's `sales` and `sale_payments` rows),
   * written in the same batch as the document itself: no extra round trip on PostgreSQL.
   */
  rows?: SqlStatement[];
  /**
   * Writes rows that reference the document (workflow state, history with a document_id), run in
   * the same transaction once the document row exists: foreign keys to documents are checked per
   * statement, so `build` itself cannot write them.
   */
  afterDocument?(trx: Kysely<DB>): Promise<void>;
}

export interface PostingContext {
  documentId: string;
  number: string;
}

export interface PostingRequest {
  clientId: string;
  companyId: string;
  storeId: string;
  registerId?: string | null;
  type: DocumentType;
  actorId: string;
  /** Hash of the canonical request: same client id + different payload is a conflict. */
  payloadHash: string;
  /**
   * When the business event happened, if not now: an offline sale synced later belongs to the day
   * (business date) the till rang it up. Default: the posting time.
   */
  occurredAt?: Date;
  /**
   * Row locks `build` relies on, taken in the claim's round trip (a sale's stock rows, in a fixed
   * order) instead of one of their own. Statements that lock and read nothing else: what they
   * return is ignored, and `build` reads the locked rows afresh (docs/decisions/0005).
   */
  claimLocks?: SqlStatement[];
  build(trx: Kysely<DB>, ctx: PostingContext): Promise<PostingPlan>;
}

export interface PostedDocument {
  id: string;
  clientId: string;
  type: string;
  number: string;
  storeId: string;
  registerId: string | null;
  businessDate: string;
  postedAt: string;
  postedBy: string;
  approvedBy: string | null;
  total: number;
  memo: string;
  [extra: string]: unknown;
}

export interface PostOutcome {
  /** true when the client id had been posted before with the same payload. */
  replayed: boolean;
  document: PostedDocument;
}
