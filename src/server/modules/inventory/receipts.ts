// Goods receipt (入库): stock comes into a location of a store at a cost, batches are found or
// created, and the books show Dr 1405 inventory / Cr 2202 accounts payable for the total (the
// payable account comes from the posting rules, kind supplier_receipt; 1405 is fixed, see
// docs/accounting.md "Posting rules").
import type { z } from 'zod';
import { mulDivRound } from '../../../core/money/round';
import type { ReceiptBody } from '../../../contracts/inventory';
import type { AuthContext } from '../../auth/auth-context';
import { badRequest } from '../../http/problem';
import { planReceipts } from '../../inventory/stock-moves';
import { payloadHash } from '../../posting/payload-hash';
import type { JournalEntryInput, PostOutcome, StockMoveInput } from '../../posting/types';
import { ACCOUNTS } from '../accounts/chart';
import { findOrCreateBatches, type BatchRef } from './batches';
import type { InventoryDeps } from './deps';
import { requireProducts, requireStore, requireSupplier, resolveLocation } from './lookups';
import { loadUnitFactors, packToBaseQty } from './pack-units';

export type ReceiptInput = z.infer<typeof ReceiptBody>;

interface PricedLine {
  productId: string;
  qty: number;
  /** Fen per base unit, as given or derived from the line cost (for display; value is exact). */
  unitCost: number;
  value: number;
  batch: ReceiptInput['lines'][number]['batch'];
  shelfLifeDays: number | null;
}

export async function postReceipt(deps: InventoryDeps, auth: AuthContext, input: ReceiptInput): Promise<PostOutcome> {
  const { db, engine } = deps;
  const companyId = auth.user.companyId;
  const store = await requireStore(db, auth, 'stock.receive', input.storeId);
  const locationId = await resolveLocation(db, store.id, input.locationId);
  const supplier = input.supplierId === undefined ? null : await requireSupplier(db, companyId, input.supplierId);
  const products = await requireProducts(db, companyId, input.lines);
  const factors = await loadUnitFactors(db, input.lines.filter((l) => l.packQty !== undefined).map((l) => l.productId));

  let total = 0;
  const lines: PricedLine[] = input.lines.map((l, i) => {
    const field = `lines.${i}`;
    const product = products.get(l.productId)!;
    if (product.track_batches && !l.batch) {
      throw badRequest('batch_required', `${product.sku} is tracked by batch: give the lot number`, `${field}.batch`);
    }
    const qty = l.qty ?? packToBaseQty(product, l.packQty!, l.unit!, factors, field);
    const value = l.lineCost ?? lineValue(qty, l.unitCost!, `${field}.unitCost`);
    total += value;
    if (!Number.isSafeInteger(total)) throw badRequest('amount_too_large', 'The receipt total is too large', `${field}.lineCost`);
    const unitCost = l.unitCost ?? mulDivRound(value, 1000, qty);
    return { productId: l.productId, qty, unitCost, value, batch: l.batch, shelfLifeDays: product.shelf_life_days };
  });

  return engine.post({
    clientId: input.id,
    companyId,
    storeId: store.id,
    type: 'receipt',
    actorId: auth.user.id,
    payloadHash: payloadHash(input),
    build: async (trx, ctx) => {
      const at = deps.clock().toISOString();
      const batched = lines.flatMap((l, i) => (l.batch ? [{ i, productId: l.productId, batch: l.batch, shelfLifeDays: l.shelfLifeDays, field: `lines.${i}.batch` }] : []));
      const refs = await findOrCreateBatches(trx, companyId, batched, at);
      const batches: (BatchRef | null)[] = lines.map(() => null);
      batched.forEach((b, k) => (batches[b.i] = refs[k]));
      const moves: StockMoveInput[] = await planReceipts(
        trx,
        lines.map((l, i) => ({ lineNo: i + 1, storeId: store.id, locationId, productId: l.productId, qty: l.qty, value: l.value, batchId: batches[i]?.id })),
      );
      const supplierMemo = supplier ? `Supplier ${supplier.code} ${supplier.name}` : '';
      const payable = (await deps.postingRules.get(trx, companyId)).payable();
      // A zero-value receipt (free goods, samples) moves stock but has nothing to book.
      const journal: JournalEntryInput[] =
        total > 0
          ? [
              {
                memo: `Goods receipt ${ctx.number}${input.reference ? ` (${input.reference})` : ''}`,
                lines: [
                  { account: ACCOUNTS.inventory, debit: total, credit: 0, memo: input.reference ?? '' },
                  { account: payable, debit: 0, credit: total, memo: supplierMemo },
                ],
              },
            ]
          : [];
      const resultLines = lines.map((l, i) => ({
        lineNo: i + 1,
        productId: l.productId,
        qty: l.qty,
        unitCost: l.unitCost,
        value: l.value,
        batchId: batches[i]?.id ?? null,
        lot: batches[i]?.lot ?? null,
        expiryDate: batches[i]?.expiryDate ?? null,
      }));
      return {
        total,
        memo: [input.reference, supplier?.name].filter(Boolean).join(' · '),
        lines: lines.map((l, i) => ({
          productId: l.productId,
          qty: l.qty,
          unitPrice: l.unitCost,
          amount: l.value,
          data: {
            locationId,
            ...(batches[i] ? { batchId: batches[i]!.id, lot: batches[i]!.lot, expiryDate: batches[i]!.expiryDate } : {}),
            ...(input.lines[i].packQty !== undefined ? { packQty: input.lines[i].packQty, unit: input.lines[i].unit } : {}),
          },
        })),
        moves,
        journal,
        auditData: { lines: lines.length, supplierId: supplier?.id ?? null, reference: input.reference ?? null },
        result: { locationId, supplierId: supplier?.id ?? null, reference: input.reference ?? null, lines: resultLines },
      };
    },
  });
}

/** round(qty × unit cost / 1000) (§9 rule 1); a product beyond 2^53 is bad input, not a crash. */
function lineValue(qty: number, unitCost: number, field: string): number {
  try {
    return mulDivRound(qty, unitCost, 1000);
  } catch {
    throw badRequest('amount_too_large', 'qty × unitCost is too large', field);
  }
}
