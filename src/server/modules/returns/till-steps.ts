// Steps returns, exchanges and voids share: the register's open shift, the receipt lines asked
// for, the answer's return fields, and wallet refunds after commit (asked again on a replay).
import type { Kysely } from 'kysely';
import { negateFen } from '../../../core/money/round';
import type { DB } from '../../../db/schema';
import type { CheckoutDeps } from '../../flows/checkout.flow';
import { badRequest, conflict, notFound } from '../../http/problem';
import type { PostedDocument, PostOutcome } from '../../posting/types';
import type { TillRegister } from '../shifts/register-access';
import { findShift } from '../shifts/service';
import type { PostingRules } from '../posting-rules/rules';
import { writeTillRows } from '../sales/till-rows';
import type { AuthContext } from '../../auth/auth-context';
import { readCheckoutSettings } from '../store-settings/service';
import { findOriginalSale, type OriginalSale, type SaleRef } from './original-sale';
import type { TenderRefund, WantedLine } from './return-plan';
import { refundWallets, type WalletRefundStatus } from './wallet-refunds';

export interface TillOutcome extends PostOutcome {
  walletRefunds: WalletRefundStatus[];
}

export async function requireOpenShift(db: Kysely<DB>, companyId: string, register: TillRegister, shiftId: string): Promise<string> {
  const shift = await findShift(db, companyId, shiftId);
  if (!shift || shift.register_id !== register.id) throw notFound('Shift', 'shiftId');
  if (shift.status !== 'open') throw conflict('shift_closed', 'The shift is closed; open a new shift first', 'shiftId');
  return shift.id;
}

export async function mainLocation(db: Kysely<DB>, storeId: string): Promise<string> {
  const location = await db.selectFrom('locations').select('id').where('store_id', '=', storeId).where('code', '=', 'MAIN').executeTakeFirst();
  if (!location) throw notFound('Store', 'registerId');
  return location.id;
}

/**
 * The receipt a return or exchange at this register takes goods back from: a sale or exchange of
 * the register's store, or of another store of the company when this store accepts those
 * (setting otherStoreReturns, default accept; else 409 `other_store_return_refused`). Goods of
 * another store's receipt go back into this store's MAIN location (`intoLocationId`); a voided
 * sale is 409 `sale_voided`.
 */
export async function originalForReturn(db: Kysely<DB>, auth: AuthContext, register: TillRegister, ref: SaleRef, field: string): Promise<{ sale: OriginalSale; intoLocationId?: string }> {
  const sale = await findOriginalSale(db, auth, 'sales.return', ref, { returningStoreId: register.storeId });
  if (sale.voidedBy) throw conflict('sale_voided', `${sale.number} was voided by ${sale.voidedBy.number}`, field);
  if (sale.storeId === register.storeId) return { sale };
  const settings = await readCheckoutSettings(db, register.storeId);
  if (settings.otherStoreReturns === 'refuse') throw conflict('other_store_return_refused', `This store takes back only its own receipts; return ${sale.number} at the store that sold it`, field);
  return { sale, intoLocationId: await mainLocation(db, register.storeId) };
}

/** Receipt lines asked for by number; an unknown line is 400 at `<prefix>.N.lineNo`. */
export function requestedLines(sale: OriginalSale, lines: readonly { lineNo: number; qty: number; damaged: boolean }[], prefix = 'lines'): WantedLine[] {
  return lines.map((l, i) => {
    if (!sale.lines.some((s) => s.lineNo === l.lineNo)) throw badRequest('unknown_line', `${sale.number} has no line ${l.lineNo}`, `${prefix}.${i}.lineNo`);
    return { lineNo: l.lineNo, qty: l.qty, damaged: l.damaged, field: `${prefix}.${i}.qty` };
  });
}

export function returnResult(r: {
  kind: 'return' | 'exchange' | 'void';
  shiftId: string;
  clientTime: string | null;
  original: OriginalSale | null;
  views: Record<string, unknown>[];
  amount: number;
  tax: number;
  rounding: number;
  refund: number;
  cost: number;
  refunds: TenderRefund[];
}): Record<string, unknown> {
  return {
    kind: r.kind,
    shiftId: r.shiftId,
    clientTime: r.clientTime,
    originalDocumentId: r.original?.documentId ?? null,
    originalNumber: r.original?.number ?? null,
    lines: r.views,
    subtotal: negateFen(r.amount),
    rounding: negateFen(r.rounding),
    due: negateFen(r.refund),
    tax: negateFen(r.tax),
    refund: r.refund,
    refunds: r.refunds,
  };
}

/** The `sales` / `sale_payments` rows of a return, with or without a receipt: every amount goes back (negative). */
export function writeReturnTillRows(
  t: Kysely<DB>,
  r: {
    documentId: string;
    register: TillRegister;
    shiftId: string;
    clientTime: string;
    original: OriginalSale | null;
    amount: number;
    tax: number;
    rounding: number;
    refund: number;
    cost: number;
    refunds: TenderRefund[];
    rules?: PostingRules;
  },
): Promise<void> {
  return writeTillRows(t, {
    offline: false,
    documentId: r.documentId,
    storeId: r.register.storeId,
    registerId: r.register.id,
    shiftId: r.shiftId,
    kind: 'return',
    originalDocumentId: r.original?.documentId ?? null,
    clientTime: r.clientTime,
    memberCode: r.original?.memberCode ?? null,
    subtotal: negateFen(r.amount),
    rounding: negateFen(r.rounding),
    due: negateFen(r.refund),
    change: 0,
    tax: negateFen(r.tax),
    cost: negateFen(r.cost),
    payments: r.refunds.map((x) => ({ method: x.method, amount: negateFen(x.amount), providerRef: x.providerRef, reference: x.reference })),
    rules: r.rules,
  });
}

export async function withWalletRefunds(deps: CheckoutDeps, clientId: string, outcome: PostOutcome): Promise<TillOutcome> {
  const refunds = ((outcome.document as PostedDocument & { refunds?: TenderRefund[] }).refunds ?? []) as TenderRefund[];
  return { ...outcome, walletRefunds: await refundWallets(deps.payments, clientId, refunds) };
}
