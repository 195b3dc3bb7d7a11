import { assertFen, mulDivRound } from '../money/round';
import { err, ok, type Result } from '../result';
import { assertSafeInteger } from '../safe-integer';
import { hasValidCheckDigit } from './ean';

export type ScaleValueKind = 'amount' | 'weight';

export interface ScaleBarcodeSettings {
  /** What the value digits of a 13-digit label are, as the store's scales print them. */
  readonly kind13: ScaleValueKind;
  /** Leading digits that mark a scale label, all of one length. Default '20'…'29'. */
  readonly flags?: readonly string[];
  /** Digits of the PLU after the flag. Default 5. */
  readonly pluLength?: number;
}

export const DEFAULT_SCALE_FLAGS: readonly string[] = ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29'];
export const DEFAULT_PLU_LENGTH = 5;

/** amounts in fen, weights in grams, as printed on the label. */
export type DecodedScaleBarcode =
  | { readonly kind: 'weight'; readonly plu: string; readonly weight: number }
  | { readonly kind: 'amount'; readonly plu: string; readonly amount: number }
  | { readonly kind: 'amount_and_weight'; readonly plu: string; readonly amount: number; readonly weight: number };

export type ScaleBarcodeErrorCode = 'non_digit' | 'bad_length' | 'bad_flag' | 'bad_check_digit';

// 18-digit labels end in a 5-digit weight before the check digit (up to 99.999 kg); the amount
// takes the digits between PLU and weight, so a longer PLU shortens the amount, never the weight.
const WEIGHT_DIGITS_18 = 5;

/**
 * Reads a scale label (称重码, §9 rule 7): 13 digits `FF PPPPP VVVVV C`, V an amount or a
 * weight per the store setting, or 18 digits `FF PPPPP AAAAA WWWWW C`. The checks run in the
 * order a cashier can act on: a mistyped character, a wrong length, not a scale label at all
 * (an ordinary product EAN, look it up instead), then a misread.
 */
export function decodeScaleBarcode(code: string, settings: ScaleBarcodeSettings): Result<DecodedScaleBarcode, ScaleBarcodeErrorCode> {
  const { flags, pluLength } = layout(settings);
  const flagLength = flags[0].length;

  if (!/^\d*$/.test(code)) return err('non_digit', 'barcode', 'a scale barcode has digits only');
  if (code.length !== 13 && code.length !== 18) {
    return err('bad_length', 'barcode', `a scale barcode has 13 or 18 digits, this one ${code.length}`);
  }
  if (!flags.includes(code.slice(0, flagLength))) {
    return err('bad_flag', 'barcode', `flag ${code.slice(0, flagLength)} does not mark a scale barcode`);
  }
  if (!hasValidCheckDigit(code)) return err('bad_check_digit', 'barcode', 'the check digit does not match: scan again');

  const valuesAt = flagLength + pluLength;
  const plu = code.slice(flagLength, valuesAt);
  if (code.length === 13) {
    const value = Number(code.slice(valuesAt, 12));
    return ok(settings.kind13 === 'weight' ? { kind: 'weight', plu, weight: value } : { kind: 'amount', plu, amount: value });
  }
  const weightAt = 17 - WEIGHT_DIGITS_18;
  return ok({ kind: 'amount_and_weight', plu, amount: Number(code.slice(valuesAt, weightAt)), weight: Number(code.slice(weightAt, 17)) });
}

export interface ScaleItem {
  readonly plu: string;
  /** Thousandths of a kg, i.e. grams. */
  readonly qty: number;
  readonly amount: number;
}

/**
 * Quantity and amount of a scanned label, for a product priced per kg (§9 rule 7). A weight label
 * is priced here; an amount label charges what it says and derives the weight for stock; an
 * 18-digit label is taken as printed, because that is the price the customer saw.
 */
export function priceScaleItem(decoded: DecodedScaleBarcode, unitPricePerKg: number): Result<ScaleItem, 'no_unit_price'> {
  assertFen(unitPricePerKg, 'unitPricePerKg');
  if (unitPricePerKg < 0) throw new RangeError(`unitPricePerKg cannot be negative, got ${unitPricePerKg}`);
  switch (decoded.kind) {
    case 'weight':
      return ok({ plu: decoded.plu, qty: decoded.weight, amount: mulDivRound(unitPricePerKg, decoded.weight, 1000) });
    case 'amount':
      if (unitPricePerKg === 0) {
        return err('no_unit_price', 'unitPricePerKg', `PLU ${decoded.plu} has no price per kg to derive the weight from`);
      }
      return ok({ plu: decoded.plu, qty: mulDivRound(decoded.amount, 1000, unitPricePerKg), amount: decoded.amount });
    case 'amount_and_weight':
      return ok({ plu: decoded.plu, qty: decoded.weight, amount: decoded.amount });
  }
}

// A bad layout is a configuration bug, not something a cashier can fix: it throws.
function layout(settings: ScaleBarcodeSettings): { flags: readonly string[]; pluLength: number } {
  const flags = settings.flags ?? DEFAULT_SCALE_FLAGS;
  const pluLength = settings.pluLength ?? DEFAULT_PLU_LENGTH;
  if (flags.length === 0 || !flags.every((f) => /^\d+$/.test(f) && f.length === flags[0].length)) {
    throw new RangeError(`scale flags must be digit strings of one length, got ${JSON.stringify(flags)}`);
  }
  assertSafeInteger(pluLength, 'pluLength');
  const amountDigits18 = 17 - WEIGHT_DIGITS_18 - flags[0].length - pluLength;
  if (pluLength < 1 || amountDigits18 < 1) {
    throw new RangeError(`a ${flags[0].length}-digit flag and a ${pluLength}-digit PLU leave no room for the values`);
  }
  return { flags, pluLength };
}
