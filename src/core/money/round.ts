import { assertSafeInteger } from '../safe-integer';

/** Throws a RangeError unless `n` is a safe integer: amounts are integer fen, never floats (§2). */
export function assertFen(n: number, field = 'amount'): void {
  assertSafeInteger(n, `${field} (fen)`);
}

/**
 * −x without producing −0: `-0 !== 0` under Object.is, which leaks into equality checks and
 * sorting, and a zero refund or discount must be the same zero as any other.
 */
export function negateFen(fen: number): number {
  return fen === 0 ? 0 : -fen;
}

export interface FloorDivision {
  readonly quotient: number;
  /** Always in [0, c), so remainders of shares of the same whole compare exactly. */
  readonly remainder: number;
}

/**
 * floor(a × b / c) and its remainder, exact on integers: plain numbers while every intermediate
 * stays a safe integer, BigInt otherwise (a × b of two large amounts passes 2^53 easily).
 */
export function mulDivFloor(a: number, b: number, c: number): FloorDivision {
  assertSafeInteger(a, 'a');
  assertSafeInteger(b, 'b');
  assertSafeInteger(c, 'c');
  if (c <= 0) throw new RangeError(`divisor must be positive, got ${c}`);

  const product = a * b;
  // |product| + c bounded keeps `product - remainder` exact as well.
  if (Number.isSafeInteger(product) && Math.abs(product) <= Number.MAX_SAFE_INTEGER - c) {
    let remainder = product % c;
    if (remainder < 0) remainder += c;
    return { quotient: (product - remainder) / c, remainder };
  }

  const big = BigInt(a) * BigInt(b);
  const divisor = BigInt(c);
  let quotient = big / divisor;
  let remainder = big % divisor;
  if (remainder < 0n) {
    quotient -= 1n;
    remainder += divisor;
  }
  const q = Number(quotient);
  assertSafeInteger(q, 'a × b / c');
  return { quotient: q, remainder: Number(remainder) };
}

/**
 * round(a × b / c) for c > 0, exact on integers. §9 says "round half up"; for negative values
 * this rounds half away from zero, so that round(−x) = −round(x) and a refund or a negative
 * document mirrors its sale to the fen.
 */
export function mulDivRound(a: number, b: number, c: number): number {
  const { quotient, remainder } = mulDivFloor(Math.abs(a), Math.abs(b), c);
  // remainder < c ≤ 2^53, so doubling it is exact.
  const magnitude = 2 * remainder >= c ? quotient + 1 : quotient;
  assertSafeInteger(magnitude, 'a × b / c');
  return (a < 0) !== (b < 0) ? negateFen(magnitude) : magnitude;
}

/** 1234 → "12.34", −5 → "-0.05": yuan with exactly two decimals, for receipts and messages. */
export function formatFen(fen: number): string {
  assertFen(fen, 'fen');
  const magnitude = Math.abs(fen);
  const cents = magnitude % 100;
  const yuan = (magnitude - cents) / 100;
  return `${fen < 0 ? '-' : ''}${yuan}.${String(cents).padStart(2, '0')}`;
}
