// Pack conversions for receiving by the box: 1 箱 = 24 瓶 is stored as factor 24000 (thousandths
// of the base unit per pack), so 2 boxes (packQty 2000) are 2000 × 24000 / 1000 = 48000, i.e. 48
// bottles. Stock is kept in base-unit thousandths only, so a conversion that does not land on a
// whole thousandth is refused rather than rounded: rounding would invent or lose stock.
import type { Kysely } from 'kysely';
import { mulDivFloor } from '../../../core/money/round';
import type { DB } from '../../../db/schema';
import { badRequest } from '../../http/problem';

/** Factor of the base unit itself: one of it is 1000 thousandths. */
const BASE_FACTOR = 1000;

export type UnitFactors = Map<string, Map<string, number>>;

/** Pack factors of `productIds`, by product then unit. */
export async function loadUnitFactors(db: Kysely<DB>, productIds: string[]): Promise<UnitFactors> {
  const out: UnitFactors = new Map();
  if (!productIds.length) return out;
  const rows = await db.selectFrom('product_units').select(['product_id', 'unit', 'factor']).where('product_id', 'in', [...new Set(productIds)]).execute();
  for (const r of rows) {
    const units = out.get(r.product_id) ?? new Map<string, number>();
    units.set(r.unit, Number(r.factor));
    out.set(r.product_id, units);
  }
  return out;
}

/**
 * Base-unit thousandths for `packQty` thousandths of `unit`; `field` names the line for errors
 * (`lines.N`). The base unit converts with factor 1000.
 */
export function packToBaseQty(
  product: { id: string; unit: string },
  packQty: number,
  unit: string,
  factors: UnitFactors,
  field: string,
): number {
  const factor = unit === product.unit ? BASE_FACTOR : factors.get(product.id)?.get(unit);
  if (factor === undefined) {
    throw badRequest('unit_unknown', `The product has no unit ${JSON.stringify(unit)} (base unit ${product.unit})`, `${field}.unit`);
  }
  let division;
  try {
    division = mulDivFloor(packQty, factor, 1000);
  } catch {
    throw badRequest('qty_too_large', 'The converted quantity is too large', `${field}.packQty`);
  }
  if (division.remainder !== 0) {
    throw badRequest(
      'pack_qty_not_exact',
      `${packQty / 1000} ${unit} × ${factor / 1000} ${product.unit} is not a whole thousandth of ${product.unit}`,
      `${field}.packQty`,
    );
  }
  if (division.quotient <= 0) throw badRequest('qty_not_positive', 'The converted quantity is not positive', `${field}.packQty`);
  return division.quotient;
}
