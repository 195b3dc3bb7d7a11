import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../import/csv';
import { CJK_FONT_FILES } from './pdf-font';
import { writePdfExport } from './pdf-export';
import { contentDisposition, renderExport, toGrid, type ExportTable } from './table-export';

interface Line {
  code: string;
  name: string;
  qty: number;
  amount: number;
  rate: number;
  date: string;
}

const lines: Line[] = [
  { code: '1001', name: '库存现金', qty: 538, amount: 350, rate: 1300, date: '2026-11-23' },
  { code: '6001', name: '=SUM(A1)', qty: 12000, amount: -123456789, rate: 900, date: '2026-11-24' },
  { code: '2221', name: 'Output VAT', qty: -1000, amount: 1, rate: 1350, date: '2026-11-25' },
];

function table(rows: Iterable<Line> | AsyncIterable<Line> = lines): ExportTable<Line> {
  return {
    title: '试算平衡表 Trial balance',
    subtitle: '门店 S01 · 2026-11-01 — 2026-11-30',
    fileName: '试算平衡表-2026-11',
    columns: [
      { header: '科目', kind: 'text', value: (r) => r.code },
      { header: '名称', kind: 'text', value: (r) => r.name, width: 24 },
      { header: '数量', kind: 'qty', value: (r) => r.qty },
      { header: '金额', kind: 'money', value: (r) => r.amount },
      { header: '税率', kind: 'percentBp', value: (r) => r.rate },
      { header: '日期', kind: 'date', value: (r) => r.date },
    ],
    rows,
    totals: { code: '合计', name: '', qty: 11538, amount: -123456438, rate: 0, date: '' },
  };
}

/** Pages in a pdfkit file: its page objects are written uncompressed. */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

describe('table export', () => {
  it('writes CSV with the BOM, the header first and money to the fen as text', async () => {
    const file = await renderExport(table(), 'csv');
    expect(file.fileName).toBe('试算平衡表-2026-11.csv');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    const text = file.body as string;
    expect(text.startsWith('\uFEFF"科目","名称"')).toBe(true);
    const rows = parseCsv(text.slice(1)).map((r) => r.cells);
    expect(rows).toEqual([
      ['科目', '名称', '数量', '金额', '税率', '日期'],
      ['1001', '库存现金', '0.538', '3.50', '13%', '2026-11-23'],
      // The formula-looking name is guarded on the way out and unguarded on the way back in.
      ['6001', '=SUM(A1)', '12', '-1234567.89', '9%', '2026-11-24'],
      ['2221', 'Output VAT', '-1', '0.01', '13.5%', '2026-11-25'],
      ['合计', '', '11.538', '-1234564.38', '0%', ''],
    ]);
    expect(text).toContain(`"'=SUM(A1)"`);
  });

  it('writes XLSX that reads back with numbers as numbers and a bold totals row', async () => {
    const file = await renderExport(table(), 'xlsx');
    expect(file.fileName).toBe('试算平衡表-2026-11.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('试算平衡表 Trial balance');
    expect(ws.getCell('A1').value).toBe('试算平衡表 Trial balance');
    expect(ws.getCell('A2').value).toBe('门店 S01 · 2026-11-01 — 2026-11-30');
    expect(ws.getRow(4).values).toEqual([undefined, '科目', '名称', '数量', '金额', '税率', '日期']);
    expect(ws.getCell('D5').value).toBe(3.5);
    expect(ws.getCell('D5').numFmt).toBe('0.00');
    expect(ws.getCell('D6').value).toBe(-1234567.89);
    // Each figure is exactly the fen it came from.
    expect(Math.round((ws.getCell('D6').value as number) * 100)).toBe(-123456789);
    expect(ws.getCell('C5').value).toBe(0.538);
    expect(ws.getCell('E7').value).toBe(0.135);
    expect(ws.getCell('E7').numFmt).toBe('0.00%');
    expect(ws.getCell('F5').value).toEqual(new Date('2026-11-23T00:00:00Z'));
    expect(ws.getCell('A8').value).toBe('合计');
    expect(ws.getCell('D8').value).toBe(-1234564.38);
    expect(ws.getCell('D8').font?.bold).toBe(true);
    expect(ws.rowCount).toBe(8);
  });

  it('reads rows from an async iterable', async () => {
    async function* gen() {
      yield* lines;
    }
    const grid = await toGrid(table(gen()));
    expect(grid.rows.map((r) => r[3])).toEqual([350, -123456789, 1]);
  });

  it('writes a PDF with a header row on every page and page numbers', async () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ ...lines[0], code: String(1000 + i), name: `商品 ${i} 可口可乐 330ml 罐装`.repeat(i % 3 === 0 ? 4 : 1) }));
    const file = await renderExport(table(many), 'pdf');
    expect(file.contentType).toBe('application/pdf');
    const pdf = file.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // ~50 rows fit an A4 portrait page: 200 rows + totals need 4 or 5 pages.
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(5);
    if (CJK_FONT_FILES.some((f) => fs.existsSync(f))) expect(pdf.toString('latin1')).toContain('NotoSansCJKsc');
  });

  it('turns the page to landscape when the columns need the width', async () => {
    const wide: ExportTable<Line> = { ...table(), columns: Array.from({ length: 14 }, (_, i) => ({ header: `列 ${i}`, kind: 'money' as const, value: (r: Line) => r.amount })) };
    const pdf = (await renderExport(wide, 'pdf')).body as Buffer;
    // pdfkit writes the MediaBox of an A4 landscape page as 841.89 wide, 595.28 high.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
  });

  it('still writes a PDF with Chinese headers when no CJK font is installed', async () => {
    const grid = await toGrid(table());
    const pdf = await writePdfExport(grid, ['/nonexistent/NotoSansCJK-Regular.ttc']);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(pdf)).toBe(1);
    expect(pdf.toString('latin1')).toContain('Helvetica');
  });

  it('names the download in Chinese with an ASCII fallback', () => {
    expect(contentDisposition('试算平衡表-2026-11.xlsx')).toBe(
      `attachment; filename="_____-2026-11.xlsx"; filename*=UTF-8''%E8%AF%95%E7%AE%97%E5%B9%B3%E8%A1%A1%E8%A1%A8-2026-11.xlsx`,
    );
  });
});
