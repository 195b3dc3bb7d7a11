// PDF: an A4 table (landscape when the columns need it) with the title and subtitle on the first
// page, the header row repeated on every page, numbers right-aligned, a bold totals row and
// "page / pages" at the foot. Cells are one line; a text too long for its column ends in "…".
import PDFDocument from 'pdfkit';
import { findPdfFonts } from './pdf-font';
import { fitLines } from './pdf-text';
import { cellText, isNumericKind, type Cell, type ExportGrid } from './table-export';

const MARGIN = 36;
const FONT_SIZE = 8.5;
const ROW_HEIGHT = 14;
const PAD = 3;
const FOOTER = 18;
/** Points per width character at FONT_SIZE (a Latin digit; a CJK character counts two). */
const CHAR_PT = FONT_SIZE * 0.55;
const A4: [number, number] = [595.28, 841.89];

export async function writePdfExport(grid: ExportGrid, fontFiles?: readonly string[]): Promise<Buffer> {
  const fonts = findPdfFonts(fontFiles);
  const wanted = grid.columns.reduce((s, c) => s + c.width * CHAR_PT + 2 * PAD, 0);
  const landscape = wanted > A4[0] - 2 * MARGIN;
  const doc = new PDFDocument({
    size: 'A4',
    layout: landscape ? 'landscape' : 'portrait',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: grid.title, Subject: grid.subtitle ?? '', Producer: 'Cangshou', Creator: 'Cangshou' },
  });
  doc.registerFont('body', fonts.regular.src, fonts.regular.family);
  doc.registerFont('bold', fonts.bold.src, fonts.bold.family);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const pageWidth = doc.page.width;
  const pageHeight = doc.page.height;
  const usable = pageWidth - 2 * MARGIN;
  // Columns share the page width in proportion to what they asked for.
  const widths = grid.columns.map((c) => ((c.width * CHAR_PT + 2 * PAD) / wanted) * usable);
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((s, w) => s + w, 0));
  const bottom = pageHeight - MARGIN - FOOTER;

  const rule = (y: number, weight: number) => doc.save().moveTo(MARGIN, y).lineTo(pageWidth - MARGIN, y).lineWidth(weight).strokeColor('#888888').stroke().restore();

  const drawRow = (texts: string[], y: number, font: 'body' | 'bold') => {
    doc.font(font).fontSize(FONT_SIZE).fillColor('#000000');
    texts.forEach((t, i) => {
      const inner = widths[i] - 2 * PAD;
      const shown = !t || doc.widthOfString(t) <= inner ? t : fitLines(doc, t, inner, 1)[0];
      if (!shown) return;
      doc.text(shown, xs[i] + PAD, y + 3, { width: inner, align: isNumericKind(grid.columns[i].kind) ? 'right' : 'left', lineBreak: false });
    });
  };
  const drawHeader = (y: number) => {
    drawRow(
      grid.columns.map((c) => c.header),
      y,
      'bold',
    );
    rule(y + ROW_HEIGHT, 0.8);
    return y + ROW_HEIGHT + 1;
  };

  let y = MARGIN;
  doc.font('bold').fontSize(14).text(grid.title, MARGIN, y, { width: usable, lineBreak: false });
  y += 20;
  if (grid.subtitle) {
    doc.font('body').fontSize(9).fillColor('#444444').text(grid.subtitle, MARGIN, y, { width: usable, lineBreak: false });
    y += 14;
  }
  y = drawHeader(y + 4);

  const texts = (cells: Cell[]) => cells.map((v, i) => cellText(grid.columns[i].kind, v));
  const place = () => {
    if (y + ROW_HEIGHT > bottom) {
      doc.addPage();
      y = drawHeader(MARGIN);
    }
  };
  for (const r of grid.rows) {
    place();
    drawRow(texts(r), y, 'body');
    y += ROW_HEIGHT;
  }
  if (grid.totals) {
    place();
    rule(y, 0.8);
    drawRow(texts(grid.totals), y, 'bold');
  }

  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc.font('body').fontSize(8).fillColor('#666666').text(`${i + 1} / ${count}`, MARGIN, pageHeight - MARGIN - 8, { width: usable, align: 'center', lineBreak: false });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
