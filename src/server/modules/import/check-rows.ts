// Every row against the rest of the file (duplicate SKUs and barcodes: later rows are the
// duplicates) and against the database (SKU exists, barcode taken, category known). Rows are read
// in slices with a yield between them so a 100,000-row file does not hold the event loop.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { ColumnMapping } from '../../import/columns';
import { readRow, type ProductRow, type RowOutcome } from '../../import/read-row';
import { rowError, type RowError } from '../../import/reasons';
import { DEFAULT_TAX_RATE } from '../tax-rates/defaults';
import type { SheetRow } from '../../import/sheet';

export interface CheckedRow {
  row: SheetRow;
  errors: RowError[];
  /** Present when the row has no errors. */
  product: (ProductRow & { categoryId: string | null }) | null;
}

const SLICE = 5000;
const IN_CHUNK = 1000;

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function checkRows(db: Kysely<DB>, companyId: string, rows: SheetRow[], mapping: ColumnMapping): Promise<CheckedRow[]> {
  // Like the products API: only an active company rate (docs/catalog.md "Tax rates"); a row
  // without one takes the company's default.
  const rates = await db.selectFrom('tax_rates').select(['rate', 'is_default']).where('company_id', '=', companyId).where('active', '=', 1).execute();
  const activeRates = new Set(rates.map((r) => Number(r.rate)));
  const defaultRate = Number(rates.find((r) => Number(r.is_default) === 1)?.rate ?? DEFAULT_TAX_RATE);
  const outcomes: RowOutcome[] = [];
  for (let i = 0; i < rows.length; i += SLICE) {
    for (const r of rows.slice(i, i + SLICE)) outcomes.push(readRow(r, mapping, defaultRate));
    await yieldToEventLoop();
  }

  const firstSku = new Map<string, number>();
  const firstBarcode = new Map<string, number>();
  const extra: RowError[][] = outcomes.map(() => []);
  outcomes.forEach((o, i) => {
    const rowNo = rows[i].rowNo;
    if (o.sku !== null) {
      const seen = firstSku.get(o.sku);
      if (seen === undefined) firstSku.set(o.sku, rowNo);
      else extra[i].push(rowError('duplicate_sku', 'sku', `${o.sku} is on row ${seen}`));
    }
    for (const code of o.barcodes) {
      const seen = firstBarcode.get(code);
      if (seen === undefined) firstBarcode.set(code, rowNo);
      else extra[i].push(rowError('duplicate_barcode', 'barcode', `${code} is on row ${seen}`));
    }
  });

  const existing = await existingSkus(db, companyId, [...firstSku.keys()]);
  const taken = await barcodeOwners(db, companyId, [...firstBarcode.keys()]);
  const categories = await categoryIndex(db, companyId);

  const checked: CheckedRow[] = [];
  outcomes.forEach((o, i) => {
    const errors = [...o.errors, ...extra[i]];
    if (o.sku !== null && existing.has(o.sku)) errors.push(rowError('sku_exists', 'sku', o.sku));
    for (const code of o.barcodes) {
      const owner = taken.get(code);
      // The product's own barcode (an export re-imported) is not "taken": sku_exists says it all.
      if (owner !== undefined && owner !== o.sku) errors.push(rowError('barcode_taken', 'barcode', `${code} belongs to ${owner}`));
    }
    if (o.product && !activeRates.has(o.product.taxRate)) errors.push(rowError('tax_rate_not_active', 'taxRate', `${o.product.taxRate / 100}%`));
    let categoryId: string | null = null;
    const ref = o.category;
    if (ref) {
      const found = categories(ref);
      if (found === 'unknown') errors.push(rowError('unknown_category', 'category', ref));
      else if (found === 'ambiguous') errors.push(rowError('ambiguous_category', 'category', ref));
      else categoryId = found;
    }
    checked.push({ row: rows[i], errors, product: errors.length || !o.product ? null : { ...o.product, categoryId } });
  });
  return checked;
}

async function existingSkus(db: Kysely<DB>, companyId: string, skus: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < skus.length; i += IN_CHUNK) {
    const rows = await db.selectFrom('products').select('sku').where('company_id', '=', companyId).where('sku', 'in', skus.slice(i, i + IN_CHUNK)).execute();
    for (const r of rows) found.add(r.sku);
    await yieldToEventLoop();
  }
  return found;
}

/** Barcode → SKU of the product that owns it. */
async function barcodeOwners(db: Kysely<DB>, companyId: string, codes: string[]): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  for (let i = 0; i < codes.length; i += IN_CHUNK) {
    const rows = await db
      .selectFrom('barcodes')
      .innerJoin('products', 'products.id', 'barcodes.product_id')
      .select(['barcodes.code', 'products.sku'])
      .where('barcodes.company_id', '=', companyId)
      .where('barcodes.code', 'in', codes.slice(i, i + IN_CHUNK))
      .execute();
    for (const r of rows) owners.set(r.code, r.sku);
    await yieldToEventLoop();
  }
  return owners;
}

/** A category by its code, else by its name (case-insensitive); a name shared by two is ambiguous. */
async function categoryIndex(db: Kysely<DB>, companyId: string): Promise<(ref: string) => string | 'unknown' | 'ambiguous'> {
  const rows = await db.selectFrom('categories').select(['id', 'code', 'name']).where('company_id', '=', companyId).execute();
  const byCode = new Map(rows.map((r) => [r.code.toLowerCase(), r.id]));
  const byName = new Map<string, string[]>();
  for (const r of rows) {
    const key = r.name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), r.id]);
  }
  return (ref) => {
    const key = ref.trim().toLowerCase();
    const code = byCode.get(key);
    if (code) return code;
    const named = byName.get(key) ?? [];
    if (named.length === 1) return named[0];
    return named.length ? 'ambiguous' : 'unknown';
  };
}
