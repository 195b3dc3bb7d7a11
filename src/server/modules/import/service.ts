// Product import from CSV / XLSX. Create-only: a row whose SKU exists is refused (sku_exists);
// changing existing products goes through the catalog and price changes, which are audited
// and approved one by one. There are no import jobs: a dry run validates the whole file and
// returns the report; a commit sends the same file again with `commit: true`.
//
// A commit writes the catalog (products, first prices, barcodes) in ONE transaction, then posts
// the opening stock as opening-balance documents. Everything that could refuse those documents
// (store, permission, products, quantities, costs) is checked before the catalog is written.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { ImportBody } from '../../../contracts/import';
import { uuidv7 } from '../../../core/id/uuidv7';
import { isUniqueViolation } from '../../../db/dialect';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import type { Clock } from '../../clock';
import { Problem, badRequest, conflict, notFound, unprocessable } from '../../http/problem';
import { IMPORT_FIELDS, missingRequired, resolveMapping, HEADER_ALIASES, type ColumnMapping, type ImportField } from '../../import/columns';
import { errorReportCsv } from '../../import/error-report';
import type { RowError } from '../../import/reasons';
import type { DocumentsService } from '../documents/service';
import { checkRows, type CheckedRow } from './check-rows';
import { loadSheet } from './load-sheet';
import { postOpeningStock, type OpeningDocument } from './post-opening-stock';
import { writeCatalog, type ImportProduct } from './write-catalog';

export type ImportInput = z.output<typeof ImportBody>;

export interface ImportReport {
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  /** Field → the header of the column it was read from. */
  mapping: Partial<Record<ImportField, string>>;
  ignoredColumns: string[];
  rows: number;
  goodRows: number;
  badRows: number;
  errors: { row: number; sku: string | null; errors: (RowError & { column: string | null })[] }[];
  /** The bad rows as they were plus an error column, to fix and import again; null when none. */
  errorReportCsv: string | null;
  committed: boolean;
  created: { products: number; barcodes: number; openingLines: number } | null;
  openingDocuments: OpeningDocument[];
  elapsedMs: number;
  rowsPerSecond: number;
}

export class ImportService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
  ) {}

  async run(auth: AuthContext, input: ImportInput): Promise<ImportReport> {
    const started = performance.now();
    if (input.storeId) await this.requireStore(auth, input.storeId);
    const sheet = await loadSheet(input.fileName, input.contentBase64);
    const mapping = this.mapping(sheet.header.cells, input.mapping ?? {});

    const checked = await checkRows(this.db, auth.user.companyId, sheet.rows, mapping);
    const good = checked.filter((c) => c.product).map((c) => c.product!);
    const bad = checked.filter((c) => !c.product);
    const withStock = good.filter((p) => p.stock > 0);
    if (withStock.length) this.requireOpeningRights(auth, input.storeId, withStock[0].rowNo);

    const report: ImportReport = {
      fileName: input.fileName,
      format: sheet.format,
      encoding: sheet.encoding,
      mapping: Object.fromEntries(Object.entries(mapping).map(([f, i]) => [f, sheet.header.cells[i]])),
      ignoredColumns: sheet.header.cells.filter((_, i) => !Object.values(mapping).includes(i)),
      rows: checked.length,
      goodRows: good.length,
      badRows: bad.length,
      errors: bad.map((b) => describeBadRow(b, sheet.header.cells, mapping)),
      errorReportCsv: bad.length ? errorReportCsv(sheet.header, bad, mapping) : null,
      committed: false,
      created: null,
      openingDocuments: [],
      elapsedMs: 0,
      rowsPerSecond: 0,
    };

    if (input.commit) {
      if (bad.length && !input.skipBadRows) {
        throw unprocessable('import_has_errors', `${bad.length} of ${checked.length} rows cannot be imported; fix them or commit with skipBadRows`, 'contentBase64', { report: finish(report, started) });
      }
      if (!good.length) throw unprocessable('nothing_to_import', 'No row can be imported', 'contentBase64', { report: finish(report, started) });
      const sha256 = createHash('sha256').update(sheet.bytes).digest('hex');
      const written = await this.writeCatalog(auth, good, { importId: uuidv7(), fileName: input.fileName, sha256 });
      const ids = new Map(good.map((p, i) => [p.sku, written.productIds[i]]));
      report.openingDocuments = withStock.length
        ? await postOpeningStock(
            this.documents,
            auth,
            input.storeId!,
            withStock.map((p) => ({ productId: ids.get(p.sku)!, qty: p.stock, unitCost: p.cost ?? 0 })),
            input.fileName,
          )
        : [];
      report.committed = true;
      report.created = { products: good.length, barcodes: written.barcodes, openingLines: withStock.length };
    }
    return finish(report, started);
  }

  private mapping(headers: string[], override: NonNullable<ImportInput['mapping']>): ColumnMapping {
    const resolved = resolveMapping(headers, override);
    if (!resolved.ok) {
      throw badRequest('unknown_column', `No column headed "${resolved.header}" in the file`, `mapping.${resolved.field}`);
    }
    const missing = missingRequired(resolved.mapping);
    if (missing.length) {
      throw new Problem(
        400,
        'missing_columns',
        `The file has no column for: ${missing.join(', ')}. Name the columns (e.g. ${missing.map((f) => HEADER_ALIASES[f][0]).join(', ')}) or map them`,
        missing.map((f) => ({ field: `mapping.${f}`, message: `No column for ${f}; headers understood: ${HEADER_ALIASES[f].join(', ')}` })),
        { missing, headers },
      );
    }
    // Keep the fields in their canonical order so reports read the same for every file.
    return Object.fromEntries(IMPORT_FIELDS.filter((f) => resolved.mapping[f] !== undefined).map((f) => [f, resolved.mapping[f]]));
  }

  private async requireStore(auth: AuthContext, storeId: string) {
    auth.requireStore('import.run', storeId);
    const store = await this.db.selectFrom('stores').select('id').where('id', '=', storeId).where('company_id', '=', auth.user.companyId).executeTakeFirst();
    if (!store) throw notFound('Store', 'storeId');
  }

  /** Opening stock posts to the books (inventory against opening equity): it needs opening.post. */
  private requireOpeningRights(auth: AuthContext, storeId: string | undefined, rowNo: number) {
    if (!storeId) throw badRequest('store_required', `Row ${rowNo} has opening stock: say which store receives it`, 'storeId');
    if (!auth.can('opening.post', storeId)) {
      throw new Problem(403, 'opening_stock_forbidden', 'Opening stock is posted to the books and needs the opening.post permission (owner or finance); import without the stock column', [
        { field: 'storeId', message: 'No opening.post permission in this store' },
      ]);
    }
  }

  private async writeCatalog(auth: AuthContext, products: ImportProduct[], audit: { importId: string; fileName: string; sha256: string }) {
    const at = this.clock().toISOString();
    try {
      const written = await this.db.transaction().execute((trx) => writeCatalog(trx, auth, products, at, audit));
      // Fresh planner statistics after a bulk load: without them SQLite answers
      // "company_id = ? AND id IN (…)" (the opening documents' product check) by scanning every
      // product of the company instead of looking the ids up, and each document gets slower.
      await sql`ANALYZE products`.execute(this.db);
      return written;
    } catch (err) {
      // Someone created one of these SKUs or barcodes since the rows were checked: nothing was
      // written; the next dry run names the rows.
      if (isUniqueViolation(err)) throw conflict('import_conflict', 'A SKU or barcode in the file was created by someone else meanwhile; run the dry run again');
      throw err;
    }
  }
}

/** A bad row for the report: its number, its SKU as written, and each reason with its column's header. */
function describeBadRow(b: CheckedRow, headers: string[], mapping: ColumnMapping): ImportReport['errors'][number] {
  const headerOf = (f: ImportField | null) => (f && mapping[f] !== undefined ? headers[mapping[f]!] : null);
  const sku = mapping.sku === undefined ? '' : (b.row.cells[mapping.sku] ?? '').trim();
  return { row: b.row.rowNo, sku: sku || null, errors: b.errors.map((e) => ({ ...e, column: headerOf(e.field) })) };
}

function finish(report: ImportReport, started: number): ImportReport {
  const ms = performance.now() - started;
  report.elapsedMs = Math.round(ms);
  report.rowsPerSecond = ms > 0 ? Math.round((report.rows * 1000) / ms) : report.rows;
  return report;
}
