// A printable HTML receipt: one self-contained page (inline CSS and SVG barcode, no scripts or
// external assets) sized for 58 mm or 80 mm thermal paper, so the till can print it offline
// through the browser's print dialog and the server can serve the same bytes.
import { code128Svg } from '../barcode/code128';
import { receiptBlocks, RECEIPT_TITLES, type ReceiptBlock } from './receipt-layout';
import type { ReceiptModel, ReceiptPrintOptions } from './receipt-model';

// Printable width of the paper: the print heads of 58 mm printers cover 48 mm, of 80 mm ones 72 mm.
const PRINTABLE_MM = { 58: 48, 80: 72 } as const;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function renderReceiptHtml(model: ReceiptModel, options: ReceiptPrintOptions): string {
  const width = options.width;
  if (width !== 58 && width !== 80) throw new RangeError(`receipt width must be 58 or 80, got ${String(width)}`);
  const body = receiptBlocks(model, { copy: options.copy }).map(blockHtml).join('\n');
  const title = `${RECEIPT_TITLES[model.kind]} ${model.number}${options.copy ? ' (COPY)' : ''}`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
@page { size: ${width}mm auto; margin: 0; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { width: ${PRINTABLE_MM[width]}mm; margin: 0 auto; padding: 2mm 0 6mm;
  font: ${width === 58 ? 11 : 12}px/1.4 "SimSun", "Noto Sans Mono CJK SC", "Noto Sans CJK SC", monospace; }
.receipt-${width} { box-sizing: border-box; }
.banner { text-align: center; font-weight: bold; background: #000; color: #fff; padding: 1mm 0; margin: 1mm 0;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.title { text-align: center; font-weight: bold; margin: 1mm 0; }
.title.large { font-size: 1.4em; }
.center { text-align: center; }
.pair, .columns { display: flex; justify-content: space-between; gap: 2mm; }
.pair > span:last-child { white-space: nowrap; text-align: right; }
.columns > span { flex: 1; text-align: right; }
.columns > span:first-child { text-align: left; }
.bold { font-weight: bold; }
.rule { border-top: 1px dashed #000; margin: 1mm 0; }
.barcode { text-align: center; margin-top: 2mm; }
.barcode svg { width: 100%; height: 12mm; }
.barcode div { letter-spacing: 1px; }
@media print { body { padding-top: 0; } }
</style>
</head>
<body class="receipt receipt-${width}${options.copy ? ' copy' : ''}">
${body}
</body>
</html>
`;
}

function blockHtml(block: ReceiptBlock): string {
  switch (block.type) {
    case 'banner':
      return `<div class="banner">*** ${escapeHtml(block.text)} ***</div>`;
    case 'title':
      return `<div class="title${block.large ? ' large' : ''}">${escapeHtml(block.text)}</div>`;
    case 'center':
      return `<div class="center">${escapeHtml(block.text)}</div>`;
    case 'text':
      return `<div class="text">${escapeHtml(block.text).replace(/^ +/, (s) => '&nbsp;'.repeat(s.length))}</div>`;
    case 'pair':
      return `<div class="pair${block.bold ? ' bold' : ''}"><span>${escapeHtml(block.left).replace(/^ +/, (s) => '&nbsp;'.repeat(s.length))}</span><span>${escapeHtml(block.right)}</span></div>`;
    case 'columns':
      return `<div class="columns${block.bold ? ' bold' : ''}">${block.cells.map((c) => `<span>${escapeHtml(c)}</span>`).join('')}</div>`;
    case 'rule':
      return '<div class="rule"></div>';
    case 'barcode':
      return `<div class="barcode">${code128Svg(block.data, { moduleWidth: 1, height: 40 })}<div>${escapeHtml(block.data)}</div></div>`;
  }
}
