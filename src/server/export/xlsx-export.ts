// XLSX: title and subtitle above a bold, frozen header row; numbers stay numbers (money as yuan
// with format 0.00, quantities as units, basis points as a percent) so the sheet sums and sorts;
// the header row repeats on every printed page.
import ExcelJS from 'exceljs';
import { isNumericKind, type Cell, type ColumnKind, type ExportGrid } from './table-export';

const NUM_FMT: Partial<Record<ColumnKind, string>> = { money: '0.00', percentBp: '0.00%', date: 'yyyy-mm-dd' };

/** Excel refuses sheet names over 31 characters or with any of : \ / ? * [ ]. */
export function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 31) || 'Sheet1';
}

function xlsxValue(kind: ColumnKind, v: Cell): ExcelJS.CellValue {
  // An empty text is an empty cell, as in a sheet typed by hand.
  if (v === null || v === '') return null;
  if (typeof v === 'string') {
    // A calendar date becomes a real date (sorts and filters as one); anything else stays text.
    return kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : v;
  }
  switch (kind) {
    case 'money':
      return v / 100;
    case 'qty':
      return v / 1000;
    case 'percentBp':
      return v / 10000;
    default:
      return v;
  }
}

export async function writeXlsxExport(grid: ExportGrid): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Cangshou';
  wb.title = grid.title;
  if (grid.subtitle) wb.subject = grid.subtitle;
  const headerRowNo = grid.subtitle ? 4 : 3;
  const landscape = grid.columns.reduce((s, c) => s + c.width, 0) > 100;
  const ws = wb.addWorksheet(sheetName(grid.title), {
    views: [{ state: 'frozen', ySplit: headerRowNo }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRowNo}:${headerRowNo}`,
    },
  });
  ws.columns = grid.columns.map((c) => ({ width: c.width + 2, style: NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind] } : {} }));

  ws.getCell(1, 1).value = grid.title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  if (grid.subtitle) ws.getCell(2, 1).value = grid.subtitle;

  const header = ws.getRow(headerRowNo);
  grid.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.border = { bottom: { style: 'thin' } };
    if (isNumericKind(c.kind)) cell.alignment = { horizontal: 'right' };
  });

  const values = (cells: Cell[]) => cells.map((v, i) => xlsxValue(grid.columns[i].kind, v));
  for (const r of grid.rows) ws.addRow(values(r));
  if (grid.totals) {
    const totals = ws.addRow(values(grid.totals));
    totals.font = { bold: true };
    totals.eachCell((cell) => {
      cell.border = { top: { style: 'thin' } };
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
