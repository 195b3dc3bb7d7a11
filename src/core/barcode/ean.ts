export type BarcodeKind = 'ean13' | 'ean8' | 'upca' | 'gtin14' | 'internal';

const DIGITS = /^\d+$/;

/**
 * GS1 mod-10 check digit of the digits that precede it: weights 3, 1, 3, … counted from the
 * right, so one function serves EAN-8, UPC-A, EAN-13, GTIN-14 and 18-digit scale labels alike.
 */
export function eanCheckDigit(digitsWithoutCheck: string): number {
  if (!DIGITS.test(digitsWithoutCheck)) {
    throw new RangeError(`check digit needs digits only, got ${JSON.stringify(digitsWithoutCheck)}`);
  }
  let sum = 0;
  for (let i = 0; i < digitsWithoutCheck.length; i++) {
    const digit = digitsWithoutCheck.charCodeAt(digitsWithoutCheck.length - 1 - i) - 48;
    sum += i % 2 === 0 ? 3 * digit : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit is the check digit of the others (any length ≥ 2, digits only). */
export function hasValidCheckDigit(code: string): boolean {
  return code.length >= 2 && DIGITS.test(code) && eanCheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

const GTIN_KINDS: Readonly<Record<number, Exclude<BarcodeKind, 'internal'>>> = {
  8: 'ean8',
  12: 'upca',
  13: 'ean13',
  14: 'gtin14',
};

/** An EAN-8, UPC-A, EAN-13 or GTIN-14 with a correct check digit. */
export function isValidGtin(code: string): boolean {
  return code.length in GTIN_KINDS && hasValidCheckDigit(code);
}

/**
 * What a product code is, for storing and validating it in the catalog. Anything that is not a
 * well-formed GTIN is the shop's own code (自编码): no check digit is imposed on it. In-store
 * EAN-13s (prefixes 20–29, scale labels included) are still `ean13`: their check digit holds.
 */
export function classifyBarcode(code: string): BarcodeKind {
  return isValidGtin(code) ? GTIN_KINDS[code.length] : 'internal';
}
