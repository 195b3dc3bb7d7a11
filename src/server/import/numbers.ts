// Numbers in spreadsheet cells, read from their digits (never through a float): prices in yuan
// with up to 2 decimals → fen, quantities → thousandths, tax rates → basis points.
// '12.30' is 1230 fen exactly; '0.1' + '0.2' problems cannot arise because no float is involved.

export type NumberProblem = 'bad_number' | 'too_many_decimals';
export type Parsed = { ok: true; value: number } | { ok: false; code: NumberProblem };

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/**
 * `text` × 10^places as an exact integer. Accepts full-width digits (NFKC), thousands separators
 * in their proper places ('1,234.50'), and trailing zeros beyond `places` ('3.500' with 2 places);
 * refuses any non-zero digit beyond `places` rather than rounding it away.
 */
const ASCII = /^[\x20-\x7e]*$/;

/** NFKC only when needed: most cells are plain ASCII, and a 100,000-row file has 300,000 numbers. */
function fold(text: string): string {
  return ASCII.test(text) ? text.trim() : text.normalize('NFKC').trim();
}

export function parseScaled(text: string, places: number): Parsed {
  let t = fold(text);
  if (GROUPED.test(t)) t = t.replace(/,/g, '');
  const m = DECIMAL.exec(t);
  if (!m || (!m[2] && !m[3])) return { ok: false, code: 'bad_number' };
  const [, sign, whole, fraction = ''] = m;
  if (/[1-9]/.test(fraction.slice(places))) return { ok: false, code: 'too_many_decimals' };
  const digits = (whole || '0') + fraction.slice(0, places).padEnd(places, '0');
  const magnitude = Number(digits);
  if (!Number.isSafeInteger(magnitude)) return { ok: false, code: 'bad_number' };
  return { ok: true, value: sign === '-' && magnitude !== 0 ? -magnitude : magnitude };
}

/** '¥3.50', '3.5元', '3.50' → 350 fen. */
export function parseYuan(text: string): Parsed {
  const t = fold(text).replace(/^[¥]\s*/, '').replace(/\s*元$/, '');
  return parseScaled(t, 2);
}

/** Thousandths of the unit: '2' → 2000, '0.538' → 538. */
export function parseQty(text: string): Parsed {
  return parseScaled(text, 3);
}

const EXEMPT = new Set(['免税', '不征税', '零税率', 'exempt', 'tax free', 'tax-free']);

/**
 * A tax rate in basis points. '13%' and '13' are percents; a bare number below 1 is a fraction
 * ('0.13' → 1300), as spreadsheets store a percent-formatted cell. So '1' means 1 % (the
 * small-scale taxpayer rate), never 100 %. 免税 / 不征税 read as 0.
 */
export function parseTaxRate(text: string): Parsed {
  const t = fold(text).toLowerCase();
  if (EXEMPT.has(t)) return { ok: true, value: 0 };
  if (t.endsWith('%')) return parseScaled(t.slice(0, -1).trim(), 2);
  const asPercent = parseScaled(t, 2);
  const asFraction = parseScaled(t, 4);
  if (asFraction.ok && asFraction.value >= 0 && asFraction.value < 10_000) return asFraction;
  return asPercent;
}

/**
 * What a user sees in an Excel cell holding a number. Excel keeps 15 significant digits, so a
 * computed 12.990000000000002 is shown (and meant) as 12.99; integers such as barcodes are kept
 * whole without exponent notation.
 */
export function excelNumberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? BigInt(n).toString() : String(n);
  const shown = Number(n.toPrecision(15));
  if (Number.isInteger(shown)) return BigInt(shown).toString();
  const s = String(shown);
  if (!/e/i.test(s)) return s;
  // Tiny magnitudes (1e-7) come out in exponent form; spell them out so the decimal parser reads them.
  return shown.toFixed(20).replace(/0+$/, '');
}
