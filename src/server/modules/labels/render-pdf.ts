// Shelf labels (价签) as a PDF: the fields China's price-marking rules (明码标价) ask of a shelf
// tag — name, spec, unit, origin, retail price — plus the member price and a scannable barcode.
// Two layouts: A4 sheets of 3 × 8 labels of 70 × 37 mm (the common 24-up label stock), and one
// 60 × 40 mm label per page for thermal label printers.
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { formatFen } from '../../../core/money/round';
import { fitLines } from '../../export/pdf-text';
import { Problem } from '../../http/problem';
import { drawBarcode, type LabelBarcode } from './barcode';

export interface LabelData {
  name: string;
  spec: string;
  unit: string;
  origin: string;
  sku: string;
  /** Fen. */
  price: number;
  memberPrice: number | null;
  barcode: LabelBarcode | null;
}

export type LabelLayout = 'a4-3x8' | 'single-60x40';

/** Debian's fonts-noto-cjk; the label text is Chinese, the PDF base fonts have no CJK glyphs. */
export const CJK_FONT_FILE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const CJK_FONT_NAME = 'NotoSansCJKsc-Regular';

const MM = 72 / 25.4;

interface Sheet {
  pageWidth: number;
  pageHeight: number;
  cols: number;
  rows: number;
  labelWidth: number;
  labelHeight: number;
  top: number;
  left: number;
}

const SHEETS: Record<LabelLayout, Sheet> = {
  // 3 × 70 mm fill the 210 mm width; 8 × 37 mm leave 0.5 mm top and bottom.
  'a4-3x8': { pageWidth: 210 * MM, pageHeight: 297 * MM, cols: 3, rows: 8, labelWidth: 70 * MM, labelHeight: 37 * MM, top: 0.5 * MM, left: 0 },
  'single-60x40': { pageWidth: 60 * MM, pageHeight: 40 * MM, cols: 1, rows: 1, labelWidth: 60 * MM, labelHeight: 40 * MM, top: 0, left: 0 },
};

// Read once (19 MB); pdfkit embeds only the glyphs a document uses.
const fontCache = new Map<string, Buffer>();

function cjkFont(file: string): Buffer {
  const hit = fontCache.get(file);
  if (hit) return hit;
  if (!fs.existsSync(file)) {
    throw new Problem(503, 'label_font_missing', `Labels need the CJK font ${file}: install the Debian package fonts-noto-cjk`);
  }
  const font = fs.readFileSync(file);
  fontCache.set(file, font);
  return font;
}

export async function renderLabels(labels: LabelData[], layout: LabelLayout, title: string, fontFile = CJK_FONT_FILE): Promise<Buffer> {
  const sheet = SHEETS[layout];
  const font = cjkFont(fontFile);
  const doc = new PDFDocument({ autoFirstPage: false, margin: 0, info: { Title: title, Producer: 'Cangshou', Creator: 'Cangshou' } });
  doc.registerFont('cjk', font, CJK_FONT_NAME);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const perPage = sheet.cols * sheet.rows;
  labels.forEach((label, i) => {
    const slot = i % perPage;
    if (slot === 0) doc.addPage({ size: [sheet.pageWidth, sheet.pageHeight], margin: 0 });
    const x = sheet.left + (slot % sheet.cols) * sheet.labelWidth;
    const y = sheet.top + Math.floor(slot / sheet.cols) * sheet.labelHeight;
    drawLabel(doc, label, x, y, sheet.labelWidth, sheet.labelHeight, layout === 'a4-3x8');
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const GREY = '#666666';
const RULE = '#999999';

function drawLabel(doc: PDFKit.PDFDocument, l: LabelData, x: number, y: number, w: number, h: number, cutLines: boolean) {
  const pad = 2.5 * MM;
  const inner = w - 2 * pad;
  // Cut guides on plain A4 paper; on die-cut stock they fall on the gaps.
  if (cutLines) doc.save().lineWidth(0.3).dash(2, { space: 2 }).strokeColor('#bbbbbb').rect(x, y, w, h).stroke().undash().restore();

  // Name: the largest text after the price; a long one takes two smaller lines, then an ellipsis.
  doc.fillColor('#000000').font('cjk').fontSize(10.5);
  if (doc.widthOfString(l.name) <= inner) doc.text(l.name, x + pad, y + pad + 2, { lineBreak: false });
  else fitLines(doc.fontSize(9), l.name, inner, 2).forEach((line, i) => doc.text(line, x + pad, y + pad - 1 + i * 11, { lineBreak: false }));
  const ruleY = y + pad + 24;
  doc.save().moveTo(x + pad, ruleY).lineTo(x + w - pad, ruleY).lineWidth(0.5).strokeColor(RULE).stroke().restore();

  // Middle: the price-marking fields on the left, the price on the right.
  const colW = inner * 0.5;
  const right = x + w - pad;
  const fieldY = ruleY + 3;
  const field = (label: string, value: string, row: number) => {
    const fy = fieldY + row * 9.5;
    doc.font('cjk').fontSize(6.5).fillColor(GREY).text(label, x + pad, fy, { lineBreak: false });
    doc.fillColor('#000000').text(fitLines(doc, value || '—', colW - 17, 1)[0], x + pad + 17, fy, { lineBreak: false });
  };
  field('规格', l.spec, 0);
  field('单位', l.unit, 1);
  field('产地', l.origin, 2);

  doc.font('cjk').fontSize(6.5).fillColor(GREY).text('零售价', right - colW, fieldY, { width: colW, align: 'right', lineBreak: false });
  const digits = formatFen(l.price);
  let size = 26;
  doc.font('Helvetica-Bold');
  // A long price (12345.00 on a small label) shrinks instead of running into the fields.
  while (size > 12 && doc.fontSize(size).widthOfString(digits) + 12 > colW) size -= 1;
  const digitsW = doc.fontSize(size).widthOfString(digits);
  const priceY = fieldY + 9;
  doc.fillColor('#000000').text(digits, right - digitsW, priceY, { lineBreak: false });
  doc.fontSize(size * 0.5).text('¥', right - digitsW - doc.widthOfString('¥') - 1, priceY + size * 0.38, { lineBreak: false });

  // Bottom: the barcode on the left; the member price (a blank line to fill in by hand when
  // there is none) and the SKU on the right.
  const bandY = fieldY + 34;
  const bandW = inner * 0.6;
  if (l.barcode) {
    doc.fillColor('#000000');
    drawBarcode(doc, l.barcode, x + pad - 1, bandY, bandW, y + h - pad + 1 - bandY, 1.0);
  }
  const restX = x + pad + bandW + 4;
  const restW = right - restX;
  doc.font('cjk').fontSize(6.5).fillColor(GREY).text('会员价', restX, bandY + 1, { lineBreak: false });
  if (l.memberPrice !== null) {
    const mp = `¥${formatFen(l.memberPrice)}`;
    doc.font('Helvetica-Bold').fontSize(11).fillColor('#000000').text(mp, right - doc.widthOfString(mp), bandY + 9, { lineBreak: false });
  } else {
    doc.save().moveTo(restX, bandY + 19).lineTo(right, bandY + 19).lineWidth(0.5).strokeColor(RULE).stroke().restore();
  }
  // The SKU, unless the barcode already spells it out.
  if (l.barcode?.type !== 'code128') {
    const sku = fitLines(doc.font('cjk').fontSize(5.5), l.sku, restW, 1)[0];
    doc.fillColor(GREY).text(sku, right - doc.widthOfString(sku), y + h - pad - 6, { lineBreak: false });
  }
}
