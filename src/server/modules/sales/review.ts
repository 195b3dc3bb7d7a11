// The review list: sales accepted with something a manager should look at (offline prices that
// differ from the server's, stock sold below zero, overrides without approval...), newest first.
import type { Kysely } from 'kysely';
import type { SaleFlagKind } from '../../../contracts/sales';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { notFound } from '../../http/problem';

export interface ReviewQuery {
  storeId: string;
  kind?: SaleFlagKind;
  page: number;
  pageSize: number;
}

export async function listSaleFlags(db: Kysely<DB>, auth: AuthContext, q: ReviewQuery) {
  if (!auth.can('sales.review', q.storeId)) throw notFound('Store', 'storeId');
  let query = db
    .selectFrom('sale_flags')
    .innerJoin('documents', 'documents.id', 'sale_flags.document_id')
    .innerJoin('sales', 'sales.document_id', 'sale_flags.document_id')
    .where('sale_flags.store_id', '=', q.storeId)
    .where('documents.company_id', '=', auth.user.companyId);
  if (q.kind) query = query.where('sale_flags.kind', '=', q.kind);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
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
      number: r.number,
      registerId: r.register_id,
      shiftId: r.shift_id,
      businessDate: r.business_date,
      postedAt: r.posted_at,
      offline: !!Number(r.offline),
      lineNo: Number(r.line_no),
      kind: r.kind,
      detail: JSON.parse(r.detail_json) as Record<string, unknown>,
    })),
    total: Number(total),
  };
}
