// Reading transfers: the list both stores share, and one transfer with its lines and documents.
import type { Kysely } from 'kysely';
import type { SortValue } from '../../../contracts/common';
import type { TRANSFER_SORTS } from '../../../contracts/transfers';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { orderBySort } from '../../lists/sort';
import { sumOf } from '../inventory/lookups';
import { OPEN_STATUSES } from './transfer-rows';

export interface TransferListQuery {
  storeId?: string;
  status?: string;
  sort?: SortValue<(typeof TRANSFER_SORTS)[number]>;
  page: number;
  pageSize: number;
}

const isOpen = (status: string) => (OPEN_STATUSES as readonly string[]).includes(status);

/** Transfers with their source (f) and destination (t) stores. */
const withStores = (db: Kysely<DB>) =>
  db.selectFrom('transfers').innerJoin('stores as f', 'f.id', 'transfers.from_store_id').innerJoin('stores as t', 't.id', 'transfers.to_store_id');

const HEADER_COLUMNS = [
  'transfers.id',
  'transfers.from_store_id',
  'f.code as from_code',
  'transfers.to_store_id',
  't.code as to_code',
  'transfers.status',
  'transfers.memo',
  'transfers.created_by',
  'transfers.created_at',
  'transfers.updated_at',
] as const;

/** Transfers from or to the stores the caller may read stock of (or from / to one named store). */
export async function listTransfers(db: Kysely<DB>, auth: AuthContext, q: TransferListQuery) {
  let query = withStores(db).where('transfers.company_id', '=', auth.user.companyId);
  if (q.storeId) {
    auth.requireStore('stock.read', q.storeId);
    const storeId = q.storeId;
    query = query.where((eb) => eb.or([eb('transfers.from_store_id', '=', storeId), eb('transfers.to_store_id', '=', storeId)]));
  } else {
    const scope = auth.storesWith('stock.read');
    if (scope !== 'all') {
      if (!scope.length) return { items: [], total: 0 };
      query = query.where((eb) => eb.or([eb('transfers.from_store_id', 'in', scope), eb('transfers.to_store_id', 'in', scope)]));
    }
  }
  if (q.status) query = query.where('transfers.status', '=', q.status);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .select(HEADER_COLUMNS)
    .$call((qb) => orderBySort(qb, q.sort ?? '-createdAt', { createdAt: 'transfers.created_at', updatedAt: 'transfers.updated_at', status: 'transfers.status' }, 'transfers.id'))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const sums = rows.length
    ? await db
        .selectFrom('transfer_lines')
        .select(['transfer_id', sumOf('qty_shipped').as('qty_shipped'), sumOf('qty_received').as('qty_received'), sumOf('cost_value').as('cost_value'), sumOf('cost_received').as('cost_received')])
        .select((eb) => eb.fn.countAll<number>().as('line_count'))
        .where('transfer_id', 'in', rows.map((r) => r.id))
        .groupBy('transfer_id')
        .execute()
    : [];
  const byId = new Map(sums.map((s) => [s.transfer_id, s]));
  return {
    items: rows.map((r) => {
      const s = byId.get(r.id);
      return {
        ...header(r),
        lineCount: Number(s?.line_count ?? 0),
        totals: totals(r.status, Number(s?.cost_value ?? 0), Number(s?.cost_received ?? 0)),
      };
    }),
    total: Number(total),
  };
}

/** One transfer (visibility already checked) with its lines and the documents it posted. */
export async function getTransfer(db: Kysely<DB>, id: string) {
  const r = await withStores(db).select(HEADER_COLUMNS).where('transfers.id', '=', id).executeTakeFirstOrThrow();
  const [lines, documents] = await Promise.all([
    db
      .selectFrom('transfer_lines')
      .innerJoin('products', 'products.id', 'transfer_lines.product_id')
      .leftJoin('batches', 'batches.id', 'transfer_lines.batch_id')
      .select([
        'transfer_lines.line_no',
        'transfer_lines.product_id',
        'products.sku',
        'products.name',
        'products.unit',
        'transfer_lines.batch_id',
        'batches.lot',
        'batches.expiry_date',
        'transfer_lines.qty_shipped',
        'transfer_lines.qty_received',
        'transfer_lines.cost_value',
        'transfer_lines.cost_received',
      ])
      .where('transfer_lines.transfer_id', '=', id)
      .orderBy('transfer_lines.line_no')
      .execute(),
    db
      .selectFrom('transfer_documents')
      .innerJoin('documents', 'documents.id', 'transfer_documents.document_id')
      .select(['documents.id', 'transfer_documents.kind', 'documents.type', 'documents.number', 'documents.store_id', 'documents.posted_at', 'documents.posted_by', 'documents.total', 'documents.memo'])
      .where('transfer_documents.transfer_id', '=', id)
      .orderBy('documents.posted_at')
      .orderBy('documents.id')
      .execute(),
  ]);
  const costValue = lines.reduce((s, l) => s + Number(l.cost_value), 0);
  const costReceived = lines.reduce((s, l) => s + Number(l.cost_received), 0);
  return {
    ...header(r),
    totals: totals(r.status, costValue, costReceived),
    lines: lines.map((l) => ({
      lineNo: Number(l.line_no),
      productId: l.product_id,
      sku: l.sku,
      name: l.name,
      unit: l.unit,
      batchId: l.batch_id,
      lot: l.lot ?? null,
      expiryDate: l.expiry_date ?? null,
      qtyShipped: Number(l.qty_shipped),
      qtyReceived: Number(l.qty_received),
      costValue: Number(l.cost_value),
      costReceived: Number(l.cost_received),
    })),
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      type: d.type,
      number: d.number,
      storeId: d.store_id,
      postedAt: d.posted_at,
      postedBy: d.posted_by,
      total: Number(d.total),
      memo: d.memo,
    })),
  };
}

function header(r: {
  id: string;
  from_store_id: string;
  from_code: string;
  to_store_id: string;
  to_code: string;
  status: string;
  memo: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}) {
  return {
    id: r.id,
    fromStoreId: r.from_store_id,
    fromStoreCode: r.from_code,
    toStoreId: r.to_store_id,
    toStoreCode: r.to_code,
    status: r.status,
    memo: r.memo,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** In transit while open; once closed, what never arrived (it went to 1901 on closing). */
function totals(status: string, costValue: number, costReceived: number) {
  const rest = costValue - costReceived;
  return {
    costValue,
    costReceived,
    inTransitValue: isOpen(status) ? rest : 0,
    notReceivedValue: status === 'closed' ? rest : 0,
  };
}
