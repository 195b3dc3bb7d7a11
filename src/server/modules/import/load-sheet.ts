// The uploaded file → header + data rows, or a 400 that says what is wrong with the file itself.
import { IMPORT_MAX_FILE_BYTES } from '../../../contracts/import';
import { parseCsv } from '../../import/csv';
import { sniffFile, type TextEncoding } from '../../import/decode';
import { isBlankRow, type SheetRow } from '../../import/sheet';
import { readFirstSheet } from '../../import/xlsx';
import { Problem, badRequest } from '../../http/problem';

export interface LoadedSheet {
  format: 'csv' | 'xlsx';
  encoding: TextEncoding | null;
  header: SheetRow;
  rows: SheetRow[];
  /** Bytes of the file, for the audit trail (which file was imported). */
  bytes: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export async function loadSheet(fileName: string, contentBase64: string): Promise<LoadedSheet> {
  const b64 = contentBase64.replace(/\s+/g, '');
  if (b64.length % 4 !== 0 || !BASE64.test(b64)) throw badRequest('bad_base64', 'contentBase64 is not valid base64', 'contentBase64');
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length > IMPORT_MAX_FILE_BYTES) {
    throw new Problem(413, 'file_too_large', `The file is ${bytes.length} bytes; the limit is ${IMPORT_MAX_FILE_BYTES}`, [{ field: 'contentBase64', message: 'File too large' }]);
  }
  const sniffed = sniffFile(bytes, fileName);
  if (!sniffed.ok) throw badRequest(sniffed.code, sniffed.detail, 'contentBase64');

  let all: SheetRow[];
  if (sniffed.format === 'xlsx') {
    try {
      all = await readFirstSheet(bytes);
    } catch (err) {
      throw badRequest('unreadable_file', `The workbook cannot be read: ${(err as Error).message}`, 'contentBase64');
    }
  } else {
    all = parseCsv(sniffed.text);
  }
  const nonBlank = all.filter((r) => !isBlankRow(r));
  const [header, ...rows] = nonBlank;
  if (!header) throw badRequest('empty_file', 'The file has no rows', 'contentBase64');
  if (!rows.length) throw badRequest('empty_file', 'The file has a header row but no products', 'contentBase64');
  return { format: sniffed.format, encoding: sniffed.format === 'csv' ? sniffed.encoding : null, header, rows, bytes };
}
