// Goods coming back reverse the sale's own moves: the same location and batch, at the unit cost
// the sale took them out at (not today's average), so a full return restores stock and its value
// exactly. Units of a line come back in the order the sale took them (its first batch first),
// each move's cost by cumulative proration, so returns one by one add up to the sale's cost.
// Damaged goods come back and go straight out again as a write-off (reason damaged).
import { mulDivRound } from '../../../core/money/round';
import type { StockMoveInput } from '../../posting/types';

export interface ReturnedStock {
  moves: StockMoveInput[];
  /** Cost value that came back (restored to stock, including what is then written off). */
  cost: number;
  /** Cost of the damaged units written off again. */
  damagedCost: number;
}

/**
 * Moves for taking back `qty` of a sale line of which `before` is back already. `saleMoves` are
 * the sale's moves of that line (negative), in move order; `lineNo` is the return document's line.
 */
export function returnLineStock(saleMoves: readonly StockMoveInput[], before: number, qty: number, lineNo: number, damaged: boolean): ReturnedStock {
  const moves: StockMoveInput[] = [];
  const after = before + qty;
  let start = 0;
  let cost = 0;
  for (const m of saleMoves) {
    const mq = -m.qty;
    const mc = -m.costValue;
    const from = Math.max(before, start) - start;
    const to = Math.min(after, start + mq) - start;
    start += mq;
    if (to <= from) continue;
    const value = mulDivRound(mc, to, mq) - mulDivRound(mc, from, mq);
    moves.push({ lineNo, locationId: m.locationId, productId: m.productId, batchId: m.batchId, qty: to - from, costValue: value });
    cost += value;
  }
  if (start < after) throw new RangeError(`the sale moved ${start} of line, ${after} returned`);
  if (damaged) {
    for (const m of [...moves]) moves.push({ ...m, qty: -m.qty, costValue: m.costValue ? -m.costValue : 0 });
  }
  return { moves, cost, damagedCost: damaged ? cost : 0 };
}
