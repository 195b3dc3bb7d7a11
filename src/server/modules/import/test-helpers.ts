// Building import files in tests: CSV in any encoding, XLSX through exceljs, sent base64 in JSON.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { toCsv } from '../../import/csv';
import type { TestApp } from '../../testing';

export function csvBytes(rows: string[][], encoding: 'utf-8' | 'utf-8-bom' | 'gbk' = 'utf-8'): Buffer {
  const text = toCsv(rows);
  if (encoding === 'gbk') return iconv.encode(text, 'gbk');
  const utf8 = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]) : utf8;
}

export async function xlsxBytes(build: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('商品'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function importFile(t: TestApp, token: string, fileName: string, bytes: Buffer | string, extra: Record<string, unknown> = {}) {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return t.call(token, 'POST', '/api/v1/imports', { fileName, contentBase64: buf.toString('base64'), ...extra });
}

export const HEADER = ['商品编码', '商品名称', '条码', '规格', '品牌', '产地', '单位', '零售价', '会员价', '税率', '分类', '期初库存', '成本'];
