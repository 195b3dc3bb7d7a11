// CSV: the header row first (no title lines) so the file loads straight into another tool; money
// as text with two decimals; the UTF-8 BOM so Excel on a Chinese Windows does not read it as GBK.
import { UTF8_BOM, toCsv } from '../import/csv';
import { cellText, type ExportGrid } from './table-export';

export function writeCsvExport(grid: ExportGrid): string {
  const text = (cells: ExportGrid['rows'][number]) => cells.map((v, i) => cellText(grid.columns[i].kind, v));
  const rows = [grid.columns.map((c) => c.header), ...grid.rows.map(text), ...(grid.totals ? [text(grid.totals)] : [])];
  return UTF8_BOM + toCsv(rows);
}
