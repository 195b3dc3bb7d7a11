import { assertSafeInteger } from './safe-integer';

/** Throws a RangeError unless `n` is a safe integer: quantities are thousandths, never floats (§2). */
export function assertQty(n: number, field = 'qty'): void {
  assertSafeInteger(n, `${field} (thousandths)`);
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * '0.538' → 538, '2' → 2000: parsed from the digits, not through a float, so '1.005' is 1005
 * and never 1004.999…. Finer than a thousandth is refused unless the extra digits are zeros:
 * a scale or a CSV cell saying 0.5385 kg holds a quantity the books cannot record.
 */
export function qtyFromDecimal(text: string): number {
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`not a decimal quantity: ${JSON.stringify(text)}`);
  const [, sign, whole, fraction = ''] = match;
  if (/[1-9]/.test(fraction.slice(3))) {
    throw new RangeError(`quantity ${text} is finer than a thousandth`);
  }
  const magnitude = Number(whole) * 1000 + Number(fraction.slice(0, 3).padEnd(3, '0'));
  assertQty(magnitude, `quantity ${text}`);
  return sign && magnitude !== 0 ? -magnitude : magnitude;
}

/** 538 → '0.538', 2000 → '2', 1500 → '1.5': the shortest exact decimal, for labels and receipts. */
export function formatQty(qty: number): string {
  assertQty(qty);
  const magnitude = Math.abs(qty);
  const fraction = magnitude % 1000;
  const whole = (magnitude - fraction) / 1000;
  const decimals = fraction === 0 ? '' : `.${String(fraction).padStart(3, '0').replace(/0+$/, '')}`;
  return `${qty < 0 ? '-' : ''}${whole}${decimals}`;
}
