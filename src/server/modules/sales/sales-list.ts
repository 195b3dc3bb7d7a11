// The sales journal: every till document (sale, return, exchange, void) as its `sales` row with the
// document header, newest first. Filtered through the documents' (store_id, business_date) index;
// the `sales` row is joined by its primary key.
import type { Kysely } from 'kysely';
import type { SalesListInput } from '../../../contracts/sales';
import type { SaleKind, SalesJournalItem } from '../../../contracts/sales-journal';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { orderBySort } from '../../lists/sort';

export async function listSalesJournal(db: Kysely<DB>, auth: AuthContext, q: SalesListInput): Promise<{ items: SalesJournalItem[]; total: number }> {
  let query = db
    .selectFrom('documents')
    .innerJoin('sales', 'sales.document_id', 'documents.id')
    .where('documents.company_id', '=', auth.user.companyId);
  if (q.storeId) {
    auth.requireStore('sales.read', q.storeId);
    query = query.where('documents.store_id', '=', q.storeId);
  } else {
    const scope = auth.storesWith('sales.read');
    if (scope !== 'all') {
      if (!scope.length) return { items: [], total: 0 };
      query = query.where('documents.store_id', 'in', scope);
    }
  }
  if (q.from) query = query.where('documents.business_date', '>=', q.from);
  if (q.to) query = query.where('documents.business_date', '<=', q.to);
  if (q.registerId) query = query.where('documents.register_id', '=', q.registerId);
  if (q.cashierId) query = query.where('documents.posted_by', '=', q.cashierId);
  if (q.kind) query = query.where('sales.kind', '=', q.kind);
  if (q.number) query = query.where('documents.number', '=', q.number);

  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .leftJoin('users', 'users.id', 'documents.posted_by')
    .leftJoin('registers', 'registers.id', 'documents.register_id')
    .leftJoin('documents as original', 'original.id', 'sales.original_document_id')
    .select((eb) => [
      'documents.id',
      'documents.number',
      'documents.store_id',
      'documents.business_date',
      'documents.posted_at',
      'documents.posted_by',
      'users.display_name',
      'registers.code as register_code',
      'sales.register_id',
      'sales.shift_id',
      'sales.kind',
      'sales.offline',
      'sales.subtotal',
      'sales.rounding',
      'sales.due',
      'sales.tax',
      'sales.original_document_id',
      'original.number as original_number',
      eb
        .selectFrom('sale_flags')
        .select((f) => f.fn.countAll<number>().as('n'))
        .whereRef('sale_flags.document_id', '=', 'documents.id')
        .as('flags'),
    ])
    .$call((qb) =>
      orderBySort(qb, q.sort ?? '-businessDate', {
        businessDate: ['documents.business_date', 'documents.posted_at'],
        postedAt: 'documents.posted_at',
        number: 'documents.number',
        due: 'sales.due',
      }, 'documents.id'),
    )
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      documentId: r.id,
      number: r.number,
      kind: r.kind as SaleKind,
      storeId: r.store_id,
      registerId: r.register_id,
      registerCode: r.register_code,
      shiftId: r.shift_id,
      businessDate: r.business_date,
      postedAt: r.posted_at,
      cashierId: r.posted_by,
      cashierName: r.display_name,
      offline: !!Number(r.offline),
      subtotal: Number(r.subtotal),
      rounding: Number(r.rounding),
      due: Number(r.due),
      tax: Number(r.tax),
      originalDocumentId: r.original_document_id,
      originalNumber: r.original_number,
      flags: Number(r.flags ?? 0),
    })),
    total: Number(total),
  };
}
