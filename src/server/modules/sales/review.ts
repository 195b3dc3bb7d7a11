// The review list: sales accepted with something a manager should look at (offline prices that
// differ from the server's, stock sold below zero, overrides without approval...), newest first,
// and the review step that marks flags as looked at (a row per flag in sale_flag_reviews).
import type { Kysely } from 'kysely';
import type { SaleFlagKind, SaleFlagStatus, SaleFlagsReviewInput } from '../../../contracts/sales';
import { isUniqueViolation } from '../../../db/dialect';
import type { DB } from '../../../db/schema';
import { appendAudit, chains } from '../../audit/chain';
import type { AuthContext } from '../../auth/auth-context';
import { badRequest, conflict, notFound } from '../../http/problem';

export interface ReviewQuery {
  storeId: string;
  kind?: SaleFlagKind;
  status: SaleFlagStatus;
  page: number;
  pageSize: number;
}

export async function listSaleFlags(db: Kysely<DB>, auth: AuthContext, q: ReviewQuery) {
  if (!auth.can('sales.review', q.storeId)) throw notFound('Store', 'storeId');
  let query = db
    .selectFrom('sale_flags')
    .innerJoin('documents', 'documents.id', 'sale_flags.document_id')
    .innerJoin('sales', 'sales.document_id', 'sale_flags.document_id')
    .leftJoin('sale_flag_reviews as r', (j) => j.onRef('r.document_id', '=', 'sale_flags.document_id').onRef('r.flag_no', '=', 'sale_flags.flag_no'))
    .where('sale_flags.store_id', '=', q.storeId)
    .where('documents.company_id', '=', auth.user.companyId);
  if (q.kind) query = query.where('sale_flags.kind', '=', q.kind);
  if (q.status === 'open') query = query.where('r.document_id', 'is', null);
  if (q.status === 'reviewed') query = query.where('r.document_id', 'is not', null);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .leftJoin('users as u', 'u.id', 'r.reviewed_by')
    .select([
      'sale_flags.document_id',
      'sale_flags.flag_no',
      'sale_flags.line_no',
      'sale_flags.kind',
      'sale_flags.detail_json',
      'sale_flags.created_at',
      'documents.number',
      'documents.register_id',
      'documents.business_date',
      'documents.posted_at',
      'sales.offline',
      'sales.shift_id',
      'r.note',
      'r.reviewed_at',
      'r.reviewed_by',
      'u.display_name as reviewer',
    ])
    .orderBy('sale_flags.created_at', 'desc')
    .orderBy('sale_flags.document_id', 'desc')
    .orderBy('sale_flags.flag_no')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      documentId: r.document_id,
      flagNo: Number(r.flag_no),
      number: r.number,
      registerId: r.register_id,
      shiftId: r.shift_id,
      businessDate: r.business_date,
      postedAt: r.posted_at,
      offline: !!Number(r.offline),
      lineNo: Number(r.line_no),
      kind: r.kind,
      detail: JSON.parse(r.detail_json) as Record<string, unknown>,
      review: r.reviewed_at ? { reviewedAt: r.reviewed_at, reviewedBy: r.reviewed_by, reviewer: r.reviewer, note: r.note } : null,
    })),
    total: Number(total),
  };
}

/**
 * Mark flags of one store as reviewed, all or none: a flag that is not the store's is 404, one
 * reviewed before (now or by a concurrent request) is 409, each naming `flags[i]`. One audit event
 * per sale in the store's chain.
 */
export async function reviewSaleFlags(db: Kysely<DB>, auth: AuthContext, input: SaleFlagsReviewInput, now: Date) {
  if (!auth.can('sales.review_resolve', input.storeId)) throw notFound('Store', 'storeId');
  const seen = new Set<string>();
  input.flags.forEach((f, i) => {
    if (seen.has(flagKey(f))) throw badRequest('flag_listed_twice', 'This flag is listed twice', `flags.${i}`);
    seen.add(flagKey(f));
  });
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom('sale_flags as f')
      .innerJoin('documents as d', 'd.id', 'f.document_id')
      .leftJoin('sale_flag_reviews as r', (j) => j.onRef('r.document_id', '=', 'f.document_id').onRef('r.flag_no', '=', 'f.flag_no'))
      .select(['f.document_id', 'f.flag_no', 'd.number', 'r.reviewed_at'])
      .where('f.store_id', '=', input.storeId)
      .where('d.company_id', '=', auth.user.companyId)
      .where('f.document_id', 'in', [...new Set(input.flags.map((f) => f.documentId))])
      .execute();
    const byKey = new Map(found.map((r) => [flagKey({ documentId: r.document_id, flagNo: Number(r.flag_no) }), r]));
    input.flags.forEach((f, i) => {
      const row = byKey.get(flagKey(f));
      if (!row) throw notFound('Review flag', `flags.${i}`);
      if (row.reviewed_at) throw alreadyReviewed(i, row.reviewed_at);
    });
    // The primary key settles a race with another reviewer: the loser's insert fails and its
    // transaction rolls back whole; the check above names the flag for everyone else.
    try {
      await trx
        .insertInto('sale_flag_reviews')
        .values(input.flags.map((f) => ({ document_id: f.documentId, flag_no: f.flagNo, store_id: input.storeId, note: input.note, reviewed_by: auth.user.id, reviewed_at: at })))
        .execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw alreadyReviewed(0, null);
      throw err;
    }
    const bySale = new Map<string, number[]>();
    for (const f of input.flags) bySale.set(f.documentId, [...(bySale.get(f.documentId) ?? []), f.flagNo]);
    const numbers = new Map(found.map((r) => [r.document_id, r.number]));
    for (const [documentId, flagNos] of bySale) {
      await appendAudit(trx, {
        chainId: chains.store(input.storeId),
        companyId: auth.user.companyId,
        actorId: auth.user.id,
        action: 'sale.flags_reviewed',
        subjectType: 'document',
        subjectId: documentId,
        storeId: input.storeId,
        at,
        data: { number: numbers.get(documentId), flagNos, note: input.note },
      });
    }
    return { reviewed: input.flags.length, reviewedAt: at };
  });
}

/** One flag of one sale, as a map key. */
const flagKey = (f: { documentId: string; flagNo: number }) => `${f.documentId}#${f.flagNo}`;

function alreadyReviewed(index: number, reviewedAt: string | null) {
  return conflict('already_reviewed', reviewedAt ? `This flag was reviewed at ${reviewedAt}` : 'A flag listed was reviewed meanwhile', `flags.${index}`);
}
