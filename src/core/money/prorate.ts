import { assertSafeInteger } from '../safe-integer';
import { assertFen, mulDivFloor, negateFen } from './round';

/**
 * Splits `total` fen over `weights` in proportion, by the largest-remainder method, so the
 * shares add up to `total` exactly (§9 rule 3): each share is the floor of its exact proportion,
 * and the fen left over go one each to the largest remainders; equal remainders go to the
 * earlier index, so the split is deterministic and reproducible on any device.
 *
 * All-zero weights split as if equal: there is no proportion to follow, and an even split is the
 * answer nobody has to explain. A negative total splits as the mirror of its positive, so a
 * negative document allocates exactly like its positive counterpart.
 */
export function prorate(total: number, weights: readonly number[]): number[] {
  assertFen(total, 'total');
  let weightSum = 0;
  weights.forEach((w, i) => {
    assertSafeInteger(w, `weights[${i}]`);
    if (w < 0) throw new RangeError(`weights[${i}] must not be negative, got ${w}`);
    weightSum += w;
  });
  assertSafeInteger(weightSum, 'sum of weights');

  if (weights.length === 0) {
    if (total === 0) return [];
    throw new RangeError(`cannot prorate ${total} over no weights`);
  }
  if (total < 0) return prorate(negateFen(total), weights).map(negateFen);

  const effective = weightSum === 0 ? weights.map(() => 1) : weights;
  const divisor = weightSum === 0 ? weights.length : weightSum;
  const parts = effective.map((w) => mulDivFloor(total, w, divisor));
  const shares = parts.map((p) => p.quotient);

  let left = total - shares.reduce((sum, s) => sum + s, 0);
  const byRemainder = parts
    .map((p, index) => ({ index, remainder: p.remainder }))
    .sort((x, y) => y.remainder - x.remainder || x.index - y.index);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    shares[index] += 1;
    left -= 1;
  }
  return shares;
}
