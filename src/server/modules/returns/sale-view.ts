// A posted sale as the till shows it for a return: the receipt as it was answered at checkout, and
// per line what has gone back and what is left to return, plus the returns and void that followed.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { findOriginalSale, type SaleRef } from './original-sale';

export async function saleForReturn(db: Kysely<DB>, auth: AuthContext, ref: SaleRef) {
  const sale = await findOriginalSale(db, auth, 'sales.read', ref);
  const [doc, followUps] = await Promise.all([
    db.selectFrom('documents').select('result_json').where('id', '=', sale.documentId).executeTakeFirstOrThrow(),
    db
      .selectFrom('sales')
      .innerJoin('documents', 'documents.id', 'sales.document_id')
      .select(['documents.id', 'documents.number', 'sales.kind', 'sales.due', 'documents.posted_at'])
      .where('sales.original_document_id', '=', sale.documentId)
      .orderBy('documents.posted_at')
      .execute(),
  ]);
  const body = JSON.parse(doc.result_json) as Record<string, unknown> & { lines?: Record<string, unknown>[] };
  return {
    ...body,
    lines: (body.lines ?? []).map((l, i) => ({
      ...l,
      returnedQty: sale.returned[i],
      returnableQty: sale.lines[i].qty - sale.returned[i],
    })),
    voided: sale.voidedBy !== null,
    voidedBy: sale.voidedBy,
    followUps: followUps.map((f) => ({ documentId: f.id, number: f.number, kind: f.kind, due: Number(f.due), postedAt: f.posted_at })),
  };
}
