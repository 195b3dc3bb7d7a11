// One table → a CSV, XLSX or PDF file. Every report and list export describes its table once
// (columns with a kind, rows, an optional totals row) and gets all three formats, formatted the
// same way: money exact to the fen, quantities in thousandths, Chinese headers readable everywhere.
import type { FastifyReply } from 'fastify';
import { formatFen } from '../../core/money/round';
import { formatQty } from '../../core/quantity';
import { writeCsvExport } from './csv-export';
import { writePdfExport } from './pdf-export';
import { writeXlsxExport } from './xlsx-export';

export type ExportFormat = 'csv' | 'xlsx' | 'pdf';
export type ColumnKind = 'text' | 'money' | 'qty' | 'int' | 'date' | 'datetime' | 'percentBp';

export interface ExportColumn<Row> {
  /** Already in the caller's language. */
  header: string;
  /** money = integer fen, qty = integer thousandths, percentBp = basis points (1300 = 13%). */
  kind: ColumnKind;
  value: (row: Row) => string | number | null;
  /** Characters, for xlsx/pdf. */
  width?: number;
}

export interface ExportTable<Row> {
  /** Sheet name / PDF heading. */
  title: string;
  /** E.g. store and period, printed under the title. */
  subtitle?: string;
  /** Without extension. */
  fileName: string;
  columns: ExportColumn<Row>[];
  rows: Iterable<Row> | AsyncIterable<Row>;
  /** Optional last row, bold. */
  totals?: Row;
}

export interface ExportFile {
  /** With extension. */
  fileName: string;
  contentType: string;
  body: Buffer | string;
}

export type Cell = string | number | null;

/** A table with its rows read and its cells taken out: what each writer gets. */
export interface ExportGrid {
  title: string;
  subtitle?: string;
  columns: { header: string; kind: ColumnKind; width: number }[];
  rows: Cell[][];
  totals?: Cell[];
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** Characters a column takes when the caller gives no width. */
const DEFAULT_WIDTH: Record<ColumnKind, number> = { text: 16, money: 13, qty: 10, int: 8, date: 11, datetime: 19, percentBp: 8 };

export async function renderExport<Row>(table: ExportTable<Row>, format: ExportFormat): Promise<ExportFile> {
  const grid = await toGrid(table);
  const body = format === 'csv' ? writeCsvExport(grid) : format === 'xlsx' ? await writeXlsxExport(grid) : await writePdfExport(grid);
  return { fileName: `${table.fileName}.${format}`, contentType: CONTENT_TYPES[format], body };
}

/** The file as a download; the name survives in Chinese (RFC 6266 filename*) with an ASCII fallback. */
export function sendExport(reply: FastifyReply, file: ExportFile): FastifyReply {
  return reply.type(file.contentType).header('content-disposition', contentDisposition(file.fileName)).send(file.body);
}

export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRFC5987(fileName)}`;
}

function encodeRFC5987(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export async function toGrid<Row>(table: ExportTable<Row>): Promise<ExportGrid> {
  const cellsOf = (row: Row) => table.columns.map((c) => c.value(row));
  const rows: Cell[][] = [];
  for await (const row of table.rows) rows.push(cellsOf(row));
  return {
    title: table.title,
    subtitle: table.subtitle,
    columns: table.columns.map((c) => ({ header: c.header, kind: c.kind, width: c.width ?? Math.max(DEFAULT_WIDTH[c.kind], displayWidth(c.header)) })),
    rows,
    totals: table.totals === undefined ? undefined : cellsOf(table.totals),
  };
}

/**
 * A cell as text (CSV and PDF): money with two decimals (3.50 stays 3.50), quantities with the
 * decimals they have, basis points as a percent. Strings pass through as the caller wrote them.
 */
export function cellText(kind: ColumnKind, v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  switch (kind) {
    case 'money':
      return formatFen(v);
    case 'qty':
      return formatQty(v);
    case 'percentBp':
      // bp × 10 = thousandths of a percent: 1350 → 13.5%.
      return `${formatQty(v * 10)}%`;
    default:
      return String(v);
  }
}

/** Columns a text takes in a fixed-width view: CJK and full-width characters count two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

export const isNumericKind = (kind: ColumnKind) => kind === 'money' || kind === 'qty' || kind === 'int' || kind === 'percentBp';
