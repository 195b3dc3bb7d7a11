import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvCell, detectDelimiter, parseCsv, toCsv } from './csv';
import { decodeText, sniffFile } from './decode';

describe('reading CSV as spreadsheets write it', () => {
  it('splits quoted cells with commas, doubled quotes and line breaks', () => {
    const rows = parseCsv('sku,name,price\r\nA1,"Cola, 330ml","3.50"\r\nA2,"12"" pizza","line one\nline two"\r\n');
    expect(rows).toEqual([
      { rowNo: 1, cells: ['sku', 'name', 'price'] },
      { rowNo: 2, cells: ['A1', 'Cola, 330ml', '3.50'] },
      { rowNo: 3, cells: ['A2', '12" pizza', 'line one\nline two'] },
    ]);
  });

  it('keeps empty cells, LF-only files and a last line without a newline', () => {
    expect(parseCsv('a,,c\nd,e,').map((r) => r.cells)).toEqual([
      ['a', '', 'c'],
      ['d', 'e', ''],
    ]);
  });

  it('counts blank lines so row numbers match the spreadsheet', () => {
    expect(parseCsv('h\n\nx\n').map((r) => [r.rowNo, r.cells])).toEqual([
      [1, ['h']],
      [2, ['']],
      [3, ['x']],
    ]);
  });

  it('detects tab- and semicolon-separated files from the header line', () => {
    expect(detectDelimiter('商品编码\t商品名称\t零售价\n')).toBe('\t');
    expect(detectDelimiter('sku;name;price\n')).toBe(';');
    expect(detectDelimiter('"a;b",c\n')).toBe(',');
    expect(parseCsv('a\tb\n1\t2').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('writes formula-safe cells and reads its own guard back unchanged', () => {
    expect(csvCell('=SUM(A1)')).toBe(`"'=SUM(A1)"`);
    expect(csvCell('-5')).toBe(`"'-5"`);
    expect(csvCell('@x')).toBe(`"'@x"`);
    expect(csvCell('a"b')).toBe('"a""b"');
    const text = toCsv([['=1+1', '+86 123', 'plain', "'kept"]]);
    expect(parseCsv(text)[0].cells).toEqual(['=1+1', '+86 123', 'plain', "'kept"]);
  });
});

describe('decoding uploaded bytes', () => {
  const text = '商品编码,商品名称,零售价\r\nA1,可口可乐,3.50\r\n';

  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(Buffer.from(text, 'utf8'))).toEqual({ encoding: 'utf-8', text });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toEqual({ encoding: 'utf-8-bom', text });
  });

  it('falls back to GB18030 for GBK bytes (Chinese Excel "CSV")', () => {
    expect(decodeText(iconv.encode(text, 'gbk'))).toEqual({ encoding: 'gb18030', text });
  });

  it('reads UTF-16 "Unicode text" with its BOM', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]))).toEqual({ encoding: 'utf-16le', text });
  });

  it('tells empty, old .xls and binary files apart', () => {
    expect(sniffFile(Buffer.alloc(0), 'a.csv')).toMatchObject({ ok: false, code: 'empty_file' });
    expect(sniffFile(Buffer.from('\r\n  \r\n'), 'a.csv')).toMatchObject({ ok: false, code: 'empty_file' });
    expect(sniffFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]), 'a.xls')).toMatchObject({ ok: false, code: 'unsupported_file_format' });
    expect(sniffFile(Buffer.from([0, 1, 2, 3, 0, 0]), 'a.csv')).toMatchObject({ ok: false, code: 'unreadable_file' });
    expect(sniffFile(Buffer.from('not a zip'), 'a.xlsx')).toMatchObject({ ok: false, code: 'unreadable_file' });
    expect(sniffFile(Buffer.from([0x50, 0x4b, 0x03, 0x04]), 'a.bin')).toEqual({ ok: true, format: 'xlsx' });
  });
});
