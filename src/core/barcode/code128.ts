// Code 128 for receipt numbers: printable ASCII in code set B, a trailing digit run in set C,
// modulo-103 check symbol, stop. The receipt barcode is scanned back at the till to start a
// return, so the HTML receipt (server or offline till) carries it without a barcode library.

// Bar/space widths of symbols 0–105 (bar first), then the 7-element stop pattern.
const PATTERNS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232',
];
const STOP = '2331112';
const START_B = 104;
const START_C = 105;
const CODE_C = 99;

export interface Code128Segment {
  set: 'B' | 'C';
  /** Characters (set B) or an even number of digits (set C, two per symbol). */
  text: string;
}

/**
 * How `text` is split over code sets: printable ASCII in B, and a trailing run of four or more
 * digits in C (two digits per symbol). Receipt numbers end in six digits (S01-R01-000042), and set
 * C keeps their barcode narrow enough for 58 mm paper at two printer dots per module.
 * Throws a RangeError for characters outside printable ASCII (32–126).
 */
export function code128Segments(text: string): Code128Segment[] {
  if (!text.length) throw new RangeError('Code 128 needs at least one character');
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (ch.length !== 1 || code < 32 || code > 126) throw new RangeError(`Code 128 B cannot encode ${JSON.stringify(ch)}`);
  }
  const run = /\d*$/.exec(text)![0];
  const digits = run.length >= 4 ? run.slice(run.length % 2) : '';
  const head = text.slice(0, text.length - digits.length);
  return [...(head ? [{ set: 'B' as const, text: head }] : []), ...(digits ? [{ set: 'C' as const, text: digits }] : [])];
}

/** Symbol values from start to check symbol (stop excluded). */
function code128Values(text: string): number[] {
  const values: number[] = [];
  code128Segments(text).forEach((seg, i) => {
    if (seg.set === 'B') {
      values.push(...(i === 0 ? [START_B] : []), ...[...seg.text].map((ch) => ch.charCodeAt(0) - 32));
    } else {
      values.push(i === 0 ? START_C : CODE_C);
      for (let d = 0; d < seg.text.length; d += 2) values.push(Number(seg.text.slice(d, d + 2)));
    }
  });
  const check = values.reduce((sum, v, i) => sum + v * Math.max(i, 1), 0) % 103;
  return [...values, check];
}

/** The bar and space widths (in modules, bar first) of `text` in Code 128, quiet zones excluded. */
export function code128Widths(text: string): number[] {
  return [...code128Values(text).map((v) => PATTERNS[v]), STOP].flatMap((p) => [...p].map(Number));
}

/** An SVG of the barcode, `moduleWidth` user units per module, with 10-module quiet zones. */
export function code128Svg(text: string, options: { moduleWidth?: number; height?: number } = {}): string {
  const module = options.moduleWidth ?? 1;
  const height = options.height ?? 40;
  const quiet = 10 * module;
  let x = quiet;
  const bars: string[] = [];
  code128Widths(text).forEach((w, i) => {
    if (i % 2 === 0) bars.push(`M${x} 0h${w * module}v${height}h${-w * module}z`);
    x += w * module;
  });
  const width = x + quiet;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" width="${width}" height="${height}" role="img" aria-label="${text.replace(/[&<>"]/g, '')}"><path d="${bars.join('')}" fill="#000"/></svg>`;
}
