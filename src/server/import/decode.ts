// Bytes of an uploaded file → what it is and its text. Chinese Excel saves "CSV" in the system
// code page (GBK, a subset of GB18030) and "Unicode text" as UTF-16 with a BOM; everything else we
// meet is UTF-8, with or without a BOM. Strict UTF-8 is tried first: GBK bytes are almost never
// valid UTF-8, while valid UTF-8 would decode as GB18030 into mojibake without any error.
import iconv from 'iconv-lite';

export type FileFormat = 'csv' | 'xlsx';
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

export type Sniffed =
  | { ok: true; format: 'xlsx' }
  | { ok: true; format: 'csv'; encoding: TextEncoding; text: string }
  | { ok: false; code: 'empty_file' | 'unsupported_file_format' | 'unreadable_file'; detail: string };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(buf: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => buf[i] === b);
}

export function sniffFile(buf: Buffer, fileName: string): Sniffed {
  if (buf.length === 0) return { ok: false, code: 'empty_file', detail: 'The file is empty' };
  if (startsWith(buf, ZIP)) return { ok: true, format: 'xlsx' };
  if (startsWith(buf, OLE) || /\.xls$/i.test(fileName)) {
    return { ok: false, code: 'unsupported_file_format', detail: 'Old .xls workbooks are not read: save the sheet as .xlsx or .csv' };
  }
  if (/\.(xlsx|xlsm)$/i.test(fileName)) {
    return { ok: false, code: 'unreadable_file', detail: `${fileName} is not a valid .xlsx workbook` };
  }
  const decoded = decodeText(buf);
  if (decoded.text.includes('\u0000')) return { ok: false, code: 'unreadable_file', detail: 'The file is neither CSV text nor an .xlsx workbook' };
  if (!decoded.text.trim()) return { ok: false, code: 'empty_file', detail: 'The file has no rows' };
  return { ok: true, format: 'csv', ...decoded };
}

export function decodeText(buf: Buffer): { encoding: TextEncoding; text: string } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8-bom', text: buf.subarray(3).toString('utf8') };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', text: iconv.decode(buf.subarray(2), 'utf-16le') };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', text: iconv.decode(buf.subarray(2), 'utf-16be') };
  try {
    return { encoding: 'utf-8', text: new TextDecoder('utf-8', { fatal: true }).decode(buf) };
  } catch {
    return { encoding: 'gb18030', text: iconv.decode(buf, 'gb18030') };
  }
}
