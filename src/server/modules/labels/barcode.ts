// Barcodes drawn as vector bars straight into the PDF: bwip-js encodes (bar widths per module),
// we draw. Vector bars stay sharp on any printer, where an embedded bitmap would be resampled.
import bwipjs from 'bwip-js/node';

export type LabelBarcode = { type: 'ean13'; code: string } | { type: 'code128'; code: string };

export interface BarcodeGeometry {
  /** Module widths of bars and spaces, alternating, starting with a bar. */
  widths: number[];
  /** Per bar: true for the EAN guard bars, drawn longer than the others. */
  guards: boolean[];
}

export function encodeBarcode(b: LabelBarcode): BarcodeGeometry {
  const [raw] = bwipjs.raw({ bcid: b.type, text: b.code }) as { sbs: number[]; bhs: number[] }[];
  const guards = raw.bhs.map((h) => h > Math.min(...raw.bhs));
  return { widths: raw.sbs, guards };
}

/** Code 128 carries ASCII only; a SKU in Chinese letters gets no barcode (its text is printed). */
export function encodable(sku: string): boolean {
  return /^[\x20-\x7e]+$/.test(sku);
}


/**
 * Draws the symbol with its human-readable digits below, inside (x, y, maxWidth, height).
 * Returns the width used. EAN-13 follows the GS1 layout: the first digit left of the start guard,
 * six digits under each half, guard bars reaching down between them.
 */
export function drawBarcode(doc: PDFKit.PDFDocument, b: LabelBarcode, x: number, y: number, maxWidth: number, height: number, maxModule: number): number {
  const g = encodeBarcode(b);
  const modules = g.widths.reduce((s, w) => s + w, 0);
  const leadModules = b.type === 'ean13' ? 9 : 0;
  const trailModules = b.type === 'ean13' ? 2 : 0;
  const m = Math.min(maxModule, maxWidth / (modules + leadModules + trailModules));
  const digitSize = Math.max(5, Math.min(9, m * 7.5));
  const barHeight = height - digitSize - 2;
  const left = x + leadModules * m;

  let at = left;
  let bar = 0;
  g.widths.forEach((w, i) => {
    if (i % 2 === 0) {
      const guard = b.type === 'ean13' && g.guards[bar];
      doc.rect(at, y, w * m, guard ? barHeight + digitSize * 0.55 : barHeight);
      bar++;
    }
    at += w * m;
  });
  doc.fill('#000000');

  doc.font('Helvetica').fontSize(digitSize);
  const textY = y + barHeight + 1.5;
  if (b.type === 'ean13') {
    const digit = (d: string, centreModule: number) => doc.text(d, left + centreModule * m - doc.widthOfString(d) / 2, textY, { lineBreak: false });
    digit(b.code[0], -5);
    for (let i = 0; i < 6; i++) digit(b.code[1 + i], 3 + 7 * i + 3.5);
    for (let i = 0; i < 6; i++) digit(b.code[7 + i], 50 + 7 * i + 3.5);
  } else {
    const w = doc.widthOfString(b.code);
    doc.text(b.code, left + (modules * m - w) / 2, textY, { lineBreak: false });
  }
  return (modules + leadModules + trailModules) * m;
}
