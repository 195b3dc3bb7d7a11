import { describe, expect, it } from 'vitest';
import { ESCPOS, ESCPOS_COLUMNS, encodeReceiptEscPos, printWidth } from './encode-receipt-escpos';
import { receiptS09 } from './receipt-fixture';

// UTF-8 stands in for the printer code page here; the server's GBK encoding is tested with it.
const utf8 = (s: string) => new TextEncoder().encode(s);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function indexOf(haystack: Uint8Array, needle: readonly number[], from = 0): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe('encodeReceiptEscPos', () => {
  it('starts with ESC @ and Chinese mode and ends with feed and cut', () => {
    const bytes = encodeReceiptEscPos(receiptS09(), { width: 58, encodeText: utf8 });
    expect([...bytes.slice(0, 4)]).toEqual([0x1b, 0x40, 0x1c, 0x26]);
    expect([...bytes.slice(-6)]).toEqual([0x1b, 0x64, 0x04, 0x1d, 0x56, 0x01]);
  });

  it('kicks the drawer only when asked', () => {
    expect(indexOf(encodeReceiptEscPos(receiptS09(), { width: 58, encodeText: utf8 }), ESCPOS.drawerKick)).toBe(-1);
    expect(indexOf(encodeReceiptEscPos(receiptS09(), { width: 58, drawer: true, encodeText: utf8 }), ESCPOS.drawerKick)).toBe(4);
  });

  it('prints the receipt number as CODE128 with a set C tail (GS k 73)', () => {
    const bytes = encodeReceiptEscPos(receiptS09(), { width: 58, encodeText: utf8 });
    const payload = [0x7b, 0x42, ...utf8('S01-R01-'), 0x7b, 0x43, 0, 0, 42];
    expect(indexOf(bytes, [0x1d, 0x6b, 73, payload.length, ...payload])).toBeGreaterThan(0);
  });

  it('right-aligns amounts to 32 columns on 58 mm and 48 on 80 mm, hanzi counting two', () => {
    for (const width of [58, 80] as const) {
      const text = decode(encodeReceiptEscPos(receiptS09(), { width, encodeText: utf8 }));
      const due = text.split('\n').find((l) => l.includes('应收'))!;
      expect(due.endsWith('106.40')).toBe(true);
      expect(printWidth(due.replace('\x1bE\x01', ''))).toBe(ESCPOS_COLUMNS[width]);
    }
  });

  it('gives a label too long for the paper its own row', () => {
    const long = receiptS09({ cashier: '欧阳娜娜娜娜娜娜娜' });
    const rows = decode(encodeReceiptEscPos(long, { width: 58, encodeText: utf8 })).split('\n');
    const i = rows.findIndex((r) => r.startsWith('收银台 R01'));
    expect(rows[i]).toBe('收银台 R01');
    expect(printWidth(rows[i + 1])).toBe(32);
  });

  it('prints the COPY banner reversed on a reprint', () => {
    const bytes = encodeReceiptEscPos(receiptS09(), { width: 80, copy: true, encodeText: utf8 });
    const at = indexOf(bytes, [...ESCPOS.reverseOn, ...utf8(' *** 重印 COPY *** ')]);
    expect(at).toBeGreaterThan(0);
    expect(indexOf(bytes, [...ESCPOS.reverseOn, ...utf8(' *** 重印 COPY *** ')], at + 1)).toBeGreaterThan(at);
  });
});
