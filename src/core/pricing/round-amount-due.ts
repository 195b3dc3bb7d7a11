import { assertFen, negateFen } from '../money/round';

/**
 * Amount-due rounding (抹零), a store setting:
 * - `none`
 * - `drop_fen` (抹分): down to a multiple of 10 fen (whole jiao)
 * - `drop_jiao` (抹角): down to a multiple of 100 fen (whole yuan)
 * - `round_jiao` (四舍五入到角): to the nearest 10 fen, 5 fen rounding up
 * - `ceil_jiao` (见分进角): up to the next multiple of 10 fen
 */
export type RoundingMode = 'none' | 'drop_fen' | 'drop_jiao' | 'round_jiao' | 'ceil_jiao';

export const ROUNDING_MODES: readonly RoundingMode[] = [
  'none',
  'drop_fen',
  'drop_jiao',
  'round_jiao',
  'ceil_jiao',
];

export interface RoundedDue {
  readonly due: number;
  /** rounded − unrounded, signed: its own receipt line and account, never hidden in prices. */
  readonly rounding: number;
}

/**
 * Rounds the amount due (§9 rule 5). A negative amount (a refund) is rounded as the mirror of
 * the positive one, so dropping fen never pays out more on a refund than it forgave on a sale.
 */
export function roundAmountDue(due: number, mode: RoundingMode): RoundedDue {
  assertFen(due, 'due');
  const magnitude = roundMagnitude(Math.abs(due), mode);
  const rounded = due < 0 ? negateFen(magnitude) : magnitude;
  return { due: rounded, rounding: rounded - due };
}

function roundMagnitude(fen: number, mode: RoundingMode): number {
  const fenDigit = fen % 10;
  switch (mode) {
    case 'none':
      return fen;
    case 'drop_fen':
      return fen - fenDigit;
    case 'drop_jiao':
      return fen - (fen % 100);
    case 'round_jiao':
      return fenDigit >= 5 ? fen - fenDigit + 10 : fen - fenDigit;
    case 'ceil_jiao':
      return fenDigit === 0 ? fen : fen - fenDigit + 10;
    default:
      throw new RangeError(`unknown rounding mode: ${String(mode satisfies never)}`);
  }
}
