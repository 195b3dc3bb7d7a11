// Writes one document inside an open transaction: header, lines, stock moves, balance increments,
// journal entries, audit event, outbox row (ARCHITECTURE §3). Nothing here commits; the engine does.
import { sql, type Kysely } from 'kysely';
import { uuidv7 } from '../../core/id/uuidv7';
import { businessDate } from '../../core/time/business-date';
import type { DB } from '../../db/schema';
import { appendAudit, chains } from '../audit/chain';
import { conflict } from '../http/problem';
import { DOCUMENT_TYPES } from './document-types';
import type { PostedDocument, PostOutcome, PostingPlan, PostingRequest } from './types';
import { assertPlanBalanced } from './validate-plan';

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
}

/** Same client id seen before: same payload replays the stored body, a different one is refused. */
export async function findPosted(trx: Kysely<DB>, req: Pick<PostingRequest, 'companyId' | 'clientId' | 'payloadHash'>): Promise<PostOutcome | null> {
  const prior = await trx
    .selectFrom('documents')
    .select(['payload_hash', 'result_json'])
    .where('company_id', '=', req.companyId)
    .where('client_id', '=', req.clientId)
    .executeTakeFirst();
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
  const prior = await findPosted(trx, req);
  if (prior) return prior;

  const spec = DOCUMENT_TYPES[req.type];
  const numberScope =
    spec.numbering === 'register' ? `register:${req.registerId}` : `store:${req.storeId}:${req.type}`;
  // Counter row bumped inside the transaction: a rolled-back document gives its number back.
  const counter = await sql<{ value: number }>`
    INSERT INTO counters (scope, value) VALUES (${numberScope}, 1)
    ON CONFLICT (scope) DO UPDATE SET value = counters.value + 1
    RETURNING value`.execute(trx);
  const seq = Number(counter.rows[0].value);
  const number =
    spec.numbering === 'register'
      ? `${ctx.store.code}-${ctx.register?.code}-${String(seq).padStart(6, '0')}`
      : `${spec.prefix}-${ctx.store.code}-${String(seq).padStart(6, '0')}`;

  const documentId = uuidv7();
  const plan = await req.build(trx, { documentId, number });
  assertPlanBalanced(plan);

  const approvedBy = plan.approvedBy ?? null;
  const postedAt = ctx.now.toISOString();
  const date = businessDate(req.occurredAt ?? ctx.now, ctx.store.timezone);
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
  };

  await trx
    .insertInto('documents')
    .values({
      id: documentId,
      client_id: req.clientId,
      company_id: req.companyId,
      store_id: req.storeId,
      register_id: req.registerId ?? null,
      type: req.type,
      number_scope: numberScope,
      number_seq: seq,
      number,
      business_date: date,
      posted_at: postedAt,
      posted_by: req.actorId,
      approved_by: approvedBy,
      payload_hash: req.payloadHash,
      total: plan.total,
      memo: plan.memo ?? '',
      result_json: JSON.stringify(document),
    })
    .execute();

  if (plan.lines.length) {
    await trx
      .insertInto('document_lines')
      .values(
        plan.lines.map((l, i) => ({
          document_id: documentId,
          line_no: i + 1,
          product_id: l.productId ?? null,
          account_code: l.accountCode ?? null,
          qty: l.qty,
          unit_price: l.unitPrice,
          amount: l.amount,
          data_json: l.data ? JSON.stringify(l.data) : null,
        })),
      )
      .execute();
  }

  await writeStock(trx, req, plan, documentId, date, postedAt);
  await writeJournal(trx, req, plan, documentId, date, postedAt);
  if (plan.afterDocument) await plan.afterDocument(trx);

  await appendAudit(trx, {
    chainId: req.registerId ? chains.register(req.registerId) : chains.store(req.storeId),
    companyId: req.companyId,
    actorId: req.actorId,
    action: `document.${req.type}.posted`,
    subjectType: 'document',
    subjectId: documentId,
    storeId: req.storeId,
    at: postedAt,
    data: { number, total: plan.total, approvedBy, ...plan.auditData },
  });

  await trx
    .insertInto('outbox')
    .values({
      id: uuidv7(),
      topic: `document.${req.type}.posted`,
      document_id: documentId,
      payload_json: JSON.stringify(document),
      created_at: postedAt,
      published_at: null,
    })
    .execute();

  return { replayed: false, document };
}

async function writeStock(
  trx: Kysely<DB>,
  req: PostingRequest,
  plan: PostingPlan,
  documentId: string,
  date: string,
  postedAt: string,
) {
  if (!plan.moves.length) return;
  await trx
    .insertInto('stock_moves')
    .values(
      plan.moves.map((m, i) => ({
        document_id: documentId,
        move_no: i + 1,
        line_no: m.lineNo,
        store_id: req.storeId,
        location_id: m.locationId,
        product_id: m.productId,
        batch_id: m.batchId ?? '',
        qty: m.qty,
        cost_value: m.costValue,
        business_date: date,
        posted_at: postedAt,
      })),
    )
    .execute();

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
  await trx
    .insertInto('stock_balances')
    .values([...byKey.values()].map((b) => ({ store_id: req.storeId, ...b })))
    .onConflict((oc) =>
      oc.columns(['store_id', 'location_id', 'product_id', 'batch_id']).doUpdateSet({
        qty: sql`stock_balances.qty + excluded.qty`,
        cost_value: sql`stock_balances.cost_value + excluded.cost_value`,
      }),
    )
    .execute();
}

async function writeJournal(
  trx: Kysely<DB>,
  req: PostingRequest,
  plan: PostingPlan,
  documentId: string,
  date: string,
  postedAt: string,
) {
  if (!plan.journal.length) return;
  const entries = plan.journal.map((e) => ({ id: uuidv7(), entry: e }));
  await trx
    .insertInto('journal_entries')
    .values(
      entries.map(({ id, entry }) => ({
        id,
        company_id: req.companyId,
        store_id: req.storeId,
        document_id: documentId,
        business_date: date,
        posted_at: postedAt,
        memo: entry.memo,
      })),
    )
    .execute();
  await trx
    .insertInto('journal_lines')
    .values(
      entries.flatMap(({ id, entry }) =>
        entry.lines.map((l, i) => ({
          entry_id: id,
          line_no: i + 1,
          company_id: req.companyId,
          store_id: req.storeId,
          account_code: l.account,
          debit: l.debit,
          credit: l.credit,
          memo: l.memo ?? '',
        })),
      ),
    )
    .execute();
}
