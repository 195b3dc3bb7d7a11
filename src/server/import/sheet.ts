// One shape for an uploaded table, whether it came from CSV or from an .xlsx sheet.

/** A cell whose shown value cannot be known from the file. */
export type CellProblem = 'formula_without_value' | 'cell_error';

export interface SheetRow {
  /** The spreadsheet row number the user sees. */
  rowNo: number;
  /** Cell texts as shown; a formula without a cached result shows as its formula ('=B2*2'). */
  cells: string[];
  /** Per column, set where the cell's value is unknown. */
  problems?: (CellProblem | undefined)[];
}

export function isBlankRow(r: SheetRow): boolean {
  return r.cells.every((c) => c.trim() === '') && !r.problems?.some(Boolean);
}
