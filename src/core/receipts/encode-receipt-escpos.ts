// ESC/POS bytes of a receipt for thermal printers (network or USB), from the same blocks as the
// HTML receipt. Text goes through the caller's encoder — GBK for Chinese printers: the server
// passes iconv-lite's, a browser till its own table — so this file stays pure.
import { code128Segments } from '../barcode/code128';
import { receiptBlocks, type ReceiptBlock } from './receipt-layout';
import type { ReceiptModel, ReceiptPrintOptions } from './receipt-model';

export interface EscPosOptions extends ReceiptPrintOptions {
  /** Kick the cash drawer (ESC p) before printing: a cash sale or a refund opens the drawer. */
  drawer?: boolean;
  /** String → printer bytes; GBK (or GB18030) on Chinese printers. */
  encodeText: (text: string) => Uint8Array;
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;

/** The command sequences used, exported so tests (and printer diagnostics) can look for them. */
export const ESCPOS = {
  init: [ESC, 0x40],
  /** FS &: Chinese character mode, so two-byte GBK codes print as one hanzi. */
  chineseMode: [FS, 0x26],
  /** ESC p 0 25 250: pulse drawer pin 2 for 50 ms, then 500 ms off. */
  drawerKick: [ESC, 0x70, 0x00, 0x19, 0xfa],
  alignLeft: [ESC, 0x61, 0x00],
  alignCenter: [ESC, 0x61, 0x01],
  boldOn: [ESC, 0x45, 0x01],
  boldOff: [ESC, 0x45, 0x00],
  /** GS ! 0x11: double width and height; GS ! 0: normal. */
  sizeDouble: [GS, 0x21, 0x11],
  sizeNormal: [GS, 0x21, 0x00],
  reverseOn: [GS, 0x42, 0x01],
  reverseOff: [GS, 0x42, 0x00],
  /** ESC d 4 then GS V 1: feed past the cutter, partial cut. */
  feedAndCut: [ESC, 0x64, 0x04, GS, 0x56, 0x01],
} as const;

/** Characters per line in font A (12 × 24 dots): 32 on 58 mm paper, 48 on 80 mm. */
export const ESCPOS_COLUMNS = { 58: 32, 80: 48 } as const;

/**
 * Printer columns a string takes: ASCII one, everything else two — in GBK every non-ASCII
 * character is two bytes and a Chinese printer prints it double width (hanzi, ×, ￥ alike).
 */
export function printWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x80 ? 1 : 2;
  return w;
}

export function encodeReceiptEscPos(model: ReceiptModel, options: EscPosOptions): Uint8Array {
  const columns = ESCPOS_COLUMNS[options.width];
  if (columns === undefined) throw new RangeError(`receipt width must be 58 or 80, got ${String(options.width)}`);
  const out: number[] = [...ESCPOS.init, ...ESCPOS.chineseMode];
  if (options.drawer) out.push(...ESCPOS.drawerKick);
  const text = (s: string) => out.push(...options.encodeText(s));
  const line = (s: string) => {
    text(s);
    out.push(LF);
  };

  for (const block of receiptBlocks(model, { copy: options.copy })) {
    switch (block.type) {
      case 'banner':
        out.push(...ESCPOS.alignCenter, ...ESCPOS.boldOn, ...ESCPOS.reverseOn);
        line(` *** ${block.text} *** `);
        out.push(...ESCPOS.reverseOff, ...ESCPOS.boldOff, ...ESCPOS.alignLeft);
        break;
      case 'title':
        out.push(...ESCPOS.alignCenter, ...ESCPOS.boldOn, ...(block.large ? ESCPOS.sizeDouble : []));
        line(block.text);
        out.push(...(block.large ? ESCPOS.sizeNormal : []), ...ESCPOS.boldOff, ...ESCPOS.alignLeft);
        break;
      case 'center':
        out.push(...ESCPOS.alignCenter);
        line(block.text);
        out.push(...ESCPOS.alignLeft);
        break;
      case 'text':
        line(block.text);
        break;
      case 'pair':
      case 'columns':
        if (block.bold) out.push(...ESCPOS.boldOn);
        for (const row of blockRows(block, columns)) line(row);
        if (block.bold) out.push(...ESCPOS.boldOff);
        break;
      case 'rule':
        line('-'.repeat(columns));
        break;
      case 'barcode':
        out.push(...ESCPOS.alignCenter, ...barcodeCommand(block.data, options.width), LF, ...ESCPOS.alignLeft);
        break;
    }
  }
  out.push(...ESCPOS.feedAndCut);
  return Uint8Array.from(out);
}

/** A pair right-aligns its amount; when both do not fit, the label gets a row of its own. */
function blockRows(block: Extract<ReceiptBlock, { type: 'pair' | 'columns' }>, columns: number): string[] {
  if (block.type === 'columns') {
    const [a, b, c] = block.cells;
    const third = Math.floor(columns / 3);
    return [padEnd(a, columns - 2 * third) + padStart(b, third) + padStart(c, third)];
  }
  const gap = columns - printWidth(block.left) - printWidth(block.right);
  if (gap >= 1) return [block.left + ' '.repeat(gap) + block.right];
  return [block.left, padStart(block.right, columns)];
}

const padStart = (s: string, w: number) => ' '.repeat(Math.max(0, w - printWidth(s))) + s;
const padEnd = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - printWidth(s)));

/**
 * GS h / GS w / GS H, then GS k 73 (CODE128, function B): the data names its code sets with
 * `{B` / `{C`, and set C digits are sent as one byte per pair, as the printer expects.
 */
function barcodeCommand(data: string, width: 58 | 80): number[] {
  const payload: number[] = [];
  for (const seg of code128Segments(data)) {
    payload.push(0x7b, seg.set === 'B' ? 0x42 : 0x43);
    if (seg.set === 'B') for (const ch of seg.text) payload.push(ch.charCodeAt(0));
    else for (let i = 0; i < seg.text.length; i += 2) payload.push(Number(seg.text.slice(i, i + 2)));
  }
  return [
    GS, 0x68, 80, // height 80 dots (10 mm)
    GS, 0x77, width === 58 ? 2 : 3, // module width in dots
    GS, 0x48, 0x02, // human-readable number below
    GS, 0x6b, 73, payload.length, ...payload,
  ];
}
