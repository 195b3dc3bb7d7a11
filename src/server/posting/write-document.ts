// Writes one document inside an open transaction: header, lines, stock moves, balance increments,
// journal entries, audit event, outbox row (ARCHITECTURE §3). Nothing here commits; the engine does.
import type { Kysely } from 'kysely';
import { BATCH_MAX_PARAMS, insertStatement, runBatch, runSql, type SqlStatement } from '../../db/dialect';
import { uuidv7 } from '../../core/id/uuidv7';
import { holdBooksShared } from './books-lock';
import { businessDate } from '../../core/time/business-date';
import { addDays } from '../../core/time/calendar-date';
import type { DB } from '../../db/schema';
import { auditEvent, auditHeadStatement, chains } from '../audit/chain';
import { conflict } from '../http/problem';
import { DOCUMENT_TYPES } from './document-types';
import type { PostedDocument, PostOutcome, PostingPlan, PostingRequest } from './types';
import { assertPlanBalanced } from './validate-plan';

const DOCUMENT_COLUMNS = [
  'id', 'client_id', 'company_id', 'store_id', 'register_id', 'type', 'number_scope', 'number_seq', 'number',
  'business_date', 'posted_at', 'posted_by', 'approved_by', 'payload_hash', 'total', 'memo', 'result_json',
];

export interface StoreRef {
  code: string;
  timezone: string;
  companyId: string;
}
export interface RegisterRef {
  code: string;
  storeId: string;
}

export interface WriteContext {
  store: StoreRef;
  register: RegisterRef | null;
  now: Date;
  /**
   * Given when the caller commits right after this document (PostgreSQL, one document per
   * transaction): the document's write is handed over still running instead of awaited, so the
   * COMMIT is sent behind it in the same round trip (docs/decisions/0005). Not used when more
   * statements follow the write (`afterDocument`, a batch too large for one statement).
   */
  pipelineWrite?(pending: Promise<unknown>): void;
}

/** Same client id seen before: same payload replays the stored body, a different one is refused. */
export async function findPosted(trx: Kysely<DB>, req: Pick<PostingRequest, 'companyId' | 'clientId' | 'payloadHash'>): Promise<PostOutcome | null> {
  const stmt = postedStatement(req);
  const { rows } = await runSql<PostedRow>(trx, stmt.text, stmt.params);
  return postedOutcome(rows[0], req);
}

interface PostedRow {
  payload_hash: string;
  result_json: string;
}

/** The read behind `findPosted`, for a caller that batches it with others. */
export function postedStatement(req: Pick<PostingRequest, 'companyId' | 'clientId'>): SqlStatement {
  return { text: 'SELECT payload_hash, result_json FROM documents WHERE company_id = ? AND client_id = ?', params: [req.companyId, req.clientId], returns: true };
}

/** `findPosted`'s answer from the row its statement found. */
export function postedOutcome(prior: PostedRow | undefined, req: Pick<PostingRequest, 'clientId' | 'payloadHash'>): PostOutcome | null {
  if (!prior) return null;
  if (prior.payload_hash !== req.payloadHash) {
    throw conflict(
      'idempotency_conflict',
      `Document ${req.clientId} was already posted with a different payload`,
      'id',
    );
  }
  return { replayed: true, document: JSON.parse(prior.result_json) as PostedDocument };
}

export async function writeDocument(trx: Kysely<DB>, req: PostingRequest, ctx: WriteContext): Promise<PostOutcome> {
  const spec = DOCUMENT_TYPES[req.type];
  const numberScope =
    spec.numbering === 'register' ? `register:${req.registerId}` : `store:${req.storeId}:${req.type}`;
  const chainId = req.registerId ? chains.register(req.registerId) : chains.store(req.storeId);

  // The claim, one round trip on PostgreSQL (docs/decisions/0004-sale-round-trips.md): the replay
  // check, the lock date, the receipt counter and the audit chain's next seq, and the row locks the
  // request asks for (docs/decisions/0005). Counter and chain are bumped only when the id was not
  // posted before, so a replay spends no number; a rolled-back document gives both back.
  // Held to commit so no lock-date change crosses this posting (books-lock.ts).
  await holdBooksShared(trx, req.companyId);
  const posted = postedStatement(req);
  const [priorRows, lockRows, counterRows, headRows] = await runBatch(trx, [
    posted,
    { text: 'SELECT books_lock_date FROM companies WHERE id = ?', params: [req.companyId], returns: true },
    {
      text: `INSERT INTO counters (scope, value) SELECT CAST(? AS text), 1 WHERE NOT EXISTS (${posted.text}) ON CONFLICT (scope) DO UPDATE SET value = counters.value + 1 RETURNING value`,
      params: [numberScope, ...posted.params],
      returns: true,
    },
    auditHeadStatement(chainId, posted),
    ...(req.claimLocks ?? []),
  ]);
  const prior = postedOutcome(priorRows[0] as unknown as PostedRow | undefined, req);
  if (prior) return prior;
  const { date, periodLocked } = openBusinessDate(req, ctx, spec.numbering === 'register', (lockRows[0]?.books_lock_date as string | null) ?? null);
  const seq = Number(counterRows[0].value);
  const number =
    spec.numbering === 'register'
      ? `${ctx.store.code}-${ctx.register?.code}-${String(seq).padStart(6, '0')}`
      : `${spec.prefix}-${ctx.store.code}-${String(seq).padStart(6, '0')}`;

  const documentId = uuidv7();
  const plan = await req.build(trx, { documentId, number });
  assertPlanBalanced(plan);

  const approvedBy = plan.approvedBy ?? null;
  const postedAt = ctx.now.toISOString();
  const document: PostedDocument = {
    id: documentId,
    clientId: req.clientId,
    type: req.type,
    number,
    storeId: req.storeId,
    registerId: req.registerId ?? null,
    businessDate: date,
    postedAt,
    postedBy: req.actorId,
    approvedBy,
    total: plan.total,
    memo: plan.memo ?? '',
    ...plan.result,
    ...(periodLocked ? { periodLocked } : {}),
  };

  const audit = auditEvent(headRows[0] as { seq: number; hash: string }, {
    chainId,
    companyId: req.companyId,
    actorId: req.actorId,
    action: `document.${req.type}.posted`,
    subjectType: 'document',
    subjectId: documentId,
    storeId: req.storeId,
    at: postedAt,
    data: { number, total: plan.total, approvedBy, ...plan.auditData, ...(periodLocked ? { periodLocked } : {}) },
  });

  // Everything the document writes, in one batch: one statement on PostgreSQL, fixed prepared
  // texts on SQLite. The document row comes first (SQLite checks foreign keys in order).
  const body = JSON.stringify(document);
  const write: SqlStatement[] = [
    insertStatement('documents', DOCUMENT_COLUMNS, [
      [documentId, req.clientId, req.companyId, req.storeId, req.registerId ?? null, req.type, numberScope, seq, number, date, postedAt, req.actorId, approvedBy, req.payloadHash, plan.total, plan.memo ?? '', body],
    ]),
    ...(plan.lines.length
      ? [
          insertStatement(
            'document_lines',
            ['document_id', 'line_no', 'product_id', 'account_code', 'qty', 'unit_price', 'amount', 'data_json'],
            plan.lines.map((l, i) => [documentId, i + 1, l.productId ?? null, l.accountCode ?? null, l.qty, l.unitPrice, l.amount, l.data ? JSON.stringify(l.data) : null]),
          ),
        ]
      : []),
    ...stockStatements(req, plan, documentId, date, postedAt),
    ...journalStatements(req, plan, documentId, date, postedAt),
    ...(plan.rows ?? []),
    ...audit.statements,
    // No copy of the body: the relay reads it from the document (migration 0023).
    insertStatement('outbox', ['id', 'topic', 'document_id', 'created_at'], [[uuidv7(), `document.${req.type}.posted`, documentId, postedAt]]),
  ];
  if (ctx.pipelineWrite && !plan.afterDocument && fitsOneBatch(write)) {
    // runBatch has put its one statement on the wire by the time it returns (nothing else is
    // running on this transaction), so the caller's COMMIT is sent after it.
    ctx.pipelineWrite(runBatch(trx, write));
    return { replayed: false, document };
  }
  await runBatch(trx, write);
  if (plan.afterDocument) await plan.afterDocument(trx);

  return { replayed: false, document };
}

const fitsOneBatch = (statements: readonly SqlStatement[]) => statements.reduce((n, s) => n + s.params.length, 0) <= BATCH_MAX_PARAMS;

/**
 * The document's business date, checked against the company's lock date (关账). A closed period
 * takes no new postings (409 `period_locked`), except a till document that happened offline in it:
 * the till already handed over the goods and took the money, so the sale is never refused; it
 * posts on the first open date and records the date it happened (`periodLocked`).
 */
function openBusinessDate(req: PostingRequest, ctx: WriteContext, tillDocument: boolean, lockDate: string | null) {
  const date = businessDate(req.occurredAt ?? ctx.now, ctx.store.timezone);
  if (!lockDate || date > lockDate) return { date, periodLocked: null };
  if (tillDocument && req.occurredAt) {
    const openDate = addDays(lockDate, 1);
    return { date: openDate, periodLocked: { occurredOn: date, postedOn: openDate, lockDate } };
  }
  throw periodLockedProblem(lockDate, date);
}

const periodLockedProblem = (lockDate: string, date: string, field = 'businessDate') =>
  conflict('period_locked', `The books are closed up to ${lockDate}; business date ${date} is in a closed period`, field, { lockDate, businessDate: date });

/** The same 409 `period_locked` refusal, for a date a person picks before anything posts (a draft). */
export async function assertDateOpen(db: Kysely<DB>, companyId: string, date: string, field: string): Promise<void> {
  const { rows } = await runSql<{ books_lock_date: string | null }>(db, 'SELECT books_lock_date FROM companies WHERE id = ?', [companyId]);
  const lockDate = rows[0]?.books_lock_date ?? null;
  if (lockDate && date <= lockDate) throw periodLockedProblem(lockDate, date, field);
}

function stockStatements(req: PostingRequest, plan: PostingPlan, documentId: string, date: string, postedAt: string): SqlStatement[] {
  if (!plan.moves.length) return [];
  const moves = insertStatement(
    'stock_moves',
    ['document_id', 'move_no', 'line_no', 'store_id', 'location_id', 'product_id', 'batch_id', 'qty', 'cost_value', 'business_date', 'posted_at'],
    plan.moves.map((m, i) => [documentId, i + 1, m.lineNo, req.storeId, m.locationId, m.productId, m.batchId ?? '', m.qty, m.costValue, date, postedAt]),
  );

  // One increment per balance key: PostgreSQL refuses to touch a row twice in one upsert.
  const byKey = new Map<string, { location_id: string; product_id: string; batch_id: string; qty: number; cost_value: number }>();
  for (const m of plan.moves) {
    const batch = m.batchId ?? '';
    const key = `${m.locationId}\u0000${m.productId}\u0000${batch}`;
    const acc = byKey.get(key) ?? { location_id: m.locationId, product_id: m.productId, batch_id: batch, qty: 0, cost_value: 0 };
    acc.qty += m.qty;
    acc.cost_value += m.costValue;
    byKey.set(key, acc);
  }
  // Atomic increments, never read-modify-write: concurrent documents cannot lose each other's moves.
  const balances = insertStatement(
    'stock_balances',
    ['store_id', 'location_id', 'product_id', 'batch_id', 'qty', 'cost_value'],
    [...byKey.values()].map((b) => [req.storeId, b.location_id, b.product_id, b.batch_id, b.qty, b.cost_value]),
    'ON CONFLICT (store_id, location_id, product_id, batch_id) DO UPDATE SET qty = stock_balances.qty + excluded.qty, cost_value = stock_balances.cost_value + excluded.cost_value',
  );
  return [moves, balances];
}

function journalStatements(req: PostingRequest, plan: PostingPlan, documentId: string, date: string, postedAt: string): SqlStatement[] {
  if (!plan.journal.length) return [];
  const entries = plan.journal.map((e) => ({ id: uuidv7(), entry: e }));
  return [
    insertStatement(
      'journal_entries',
      ['id', 'company_id', 'store_id', 'document_id', 'business_date', 'posted_at', 'memo'],
      entries.map(({ id, entry }) => [id, req.companyId, req.storeId, documentId, date, postedAt, entry.memo]),
    ),
    insertStatement(
      'journal_lines',
      ['entry_id', 'line_no', 'company_id', 'store_id', 'account_code', 'debit', 'credit', 'memo'],
      entries.flatMap(({ id, entry }) => entry.lines.map((l, i) => [id, i + 1, req.companyId, req.storeId, l.account, l.debit, l.credit, l.memo ?? ''])),
    ),
  ];
}
