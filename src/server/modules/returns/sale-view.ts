// A posted sale as the till shows it for a return: the receipt as it was answered at checkout, and
// per line what has gone back and what is left to return, plus the returns and void that followed.
// An exchange's receipt shows its new goods (the lines a return of it can take back). A till
// (its register named, or its session's) also finds the receipts of the company's other stores
// when its store takes those back.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { conflict } from '../../http/problem';
import { requireTillRegister } from '../shifts/register-access';
import { readCheckoutSettings } from '../store-settings/service';
import { findOriginalSale, type SaleRef } from './original-sale';

export async function saleForReturn(db: Kysely<DB>, auth: AuthContext, ref: SaleRef, registerId?: string) {
  const tillRegister = registerId ?? auth.session.registerId ?? undefined;
  const register = tillRegister ? await requireTillRegister(db, auth, 'sales.read', tillRegister) : null;
  const sale = await findOriginalSale(db, auth, 'sales.read', ref, register ? { returningStoreId: register.storeId } : {});
  if (register && sale.storeId !== register.storeId && (await readCheckoutSettings(db, register.storeId)).otherStoreReturns === 'refuse') {
    throw conflict('other_store_return_refused', `This store takes back only its own receipts; return ${sale.number} at the store that sold it`, ref.saleId !== undefined ? 'saleId' : 'saleNumber');
  }
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
  const body = JSON.parse(doc.result_json) as Record<string, unknown> & { lines?: Record<string, unknown>[]; newLines?: Record<string, unknown>[] };
  // An exchange's receipt lines are its new goods, shown like a sale's lines (unit and quantity as rung up).
  const shown =
    sale.kind === 'exchange'
      ? (body.newLines ?? []).map((l, i) => ({ ...l, unit: sale.lines[i].data.unit, qty: sale.lines[i].data.qty ?? sale.lines[i].qty, baseQty: sale.lines[i].qty }))
      : (body.lines ?? []);
  return {
    ...body,
    ...(sale.kind === 'exchange' ? { due: sale.due, exchangeNet: body.due } : {}),
    lines: shown.map((l, i) => ({
      ...l,
      returnedQty: sale.returned[i],
      returnableQty: sale.lines[i].qty - sale.returned[i],
    })),
    voided: sale.voidedBy !== null,
    voidedBy: sale.voidedBy,
    followUps: followUps.map((f) => ({ documentId: f.id, number: f.number, kind: f.kind, due: Number(f.due), postedAt: f.posted_at })),
  };
}
