// The error report: the bad rows exactly as they were, plus a column saying what is wrong, as a
// CSV the user can fix in Excel and import again (the extra column is ignored on import).
import type { ColumnMapping } from './columns';
import { UTF8_BOM, toCsv } from './csv';
import { describeError, type RowError } from './reasons';
import type { SheetRow } from './sheet';

export const ERROR_COLUMN = '错误 (Error)';

export function errorReportCsv(header: SheetRow, bad: { row: SheetRow; errors: RowError[] }[], mapping: ColumnMapping): string {
  const width = bad.reduce((w, b) => Math.max(w, b.row.cells.length), header.cells.length);
  const pad = (cells: string[]) => [...cells, ...Array<string>(width - cells.length).fill('')];
  const headerOf = (e: RowError) => (e.field && mapping[e.field] !== undefined ? header.cells[mapping[e.field]!] : undefined);
  return (
    UTF8_BOM +
    toCsv([
      [...pad(header.cells), ERROR_COLUMN],
      ...bad.map((b) => [...pad(b.row.cells), b.errors.map((e) => describeError(e, headerOf(e))).join('; ')]),
    ])
  );
}
