// CSV as spreadsheets write it (RFC 4180: quoted cells, doubled quotes, line breaks inside quotes,
// CRLF or LF) and as we write it: every cell quoted, formula-safe.

export interface CsvRecord {
  /** The spreadsheet row number the user sees (1 = the first line). */
  rowNo: number;
  cells: string[];
}

const QUOTE = 34;
const CR = 13;
const LF = 10;
const DELIMITERS = [',', '\t', ';'];

/** The delimiter the header line uses most (outside quotes); Excel's "Unicode text" uses tabs. */
export function detectDelimiter(text: string): string {
  const counts = new Map(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

export function parseCsv(text: string, delimiter = detectDelimiter(text)): CsvRecord[] {
  const sep = delimiter.charCodeAt(0);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    cells.push(unescapeFormula(cell));
    records.push({ rowNo: records.length + 1, cells });
    cells = [];
    cell = '';
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE && cell === '') {
      // Quoted cell: runs to the next lone quote; "" is one quote.
      i++;
      let start = i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          cell += text.slice(start);
          i = n;
          break;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          cell += text.slice(start, q + 1);
          i = q + 2;
          start = i;
          continue;
        }
        cell += text.slice(start, q);
        i = q + 1;
        break;
      }
      continue;
    }
    if (c === sep) {
      cells.push(unescapeFormula(cell));
      cell = '';
      i++;
    } else if (c === LF || c === CR) {
      endRecord();
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    } else {
      // Plain run up to the next delimiter, quote or line break.
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === sep || d === LF || d === CR || d === QUOTE) break;
        j++;
      }
      cell += text.slice(i, j);
      i = j;
    }
  }
  if (cell !== '' || cells.length) endRecord();
  return records;
}

/** Undo our own formula guard ('=SUM… written by csvCell) so an export re-imports unchanged. */
function unescapeFormula(cell: string): string {
  return cell.length > 1 && cell.charCodeAt(0) === 39 && /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/**
 * One quoted CSV cell. Cells starting with = + - @ (or a tab / CR) get a leading apostrophe so a
 * spreadsheet shows them as text instead of running them as a formula (CSV injection).
 */
export function csvCell(v: unknown): string {
  let s = String(v ?? '');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** Rows → CSV text with CRLF line ends (what Excel writes and expects). */
export function toCsv(rows: unknown[][]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** UTF-8 with a byte order mark, so Excel on a Chinese Windows does not read it as GBK. */
export const UTF8_BOM = '\uFEFF';
