// One spreadsheet row → a product to create, or the reasons it cannot be. Pure: checks against
// the rest of the file and the database happen in the import service.
import { eanCheckDigit, isValidGtin } from '../../core/barcode/ean';
import { BarcodeCode, Sku } from '../../contracts/catalog';
import type { ColumnMapping, ImportField } from './columns';
import { parseQty, parseTaxRate, parseYuan, type Parsed } from './numbers';
import { rowError, type RowError } from './reasons';
import type { SheetRow } from './sheet';

export interface ProductRow {
  rowNo: number;
  sku: string;
  name: string;
  unit: string;
  spec: string;
  brand: string;
  origin: string;
  /** Fen. */
  price: number;
  memberPrice: number | null;
  /** Basis points. */
  taxRate: number;
  /** A category code or name as written; resolved against the database later. */
  category: string | null;
  barcodes: string[];
  /** Opening stock in thousandths (0 = none). */
  stock: number;
  /** Opening unit cost in fen. */
  cost: number | null;
}

/** 件 (piece) when the file has no unit. */
export const DEFAULT_UNIT = '件';
/** No VAT or sales tax rate is anywhere near this; a bigger number is a price in the tax column. */
export const MAX_TAX_RATE = 3000;

const MAX_LENGTH: Partial<Record<ImportField, number>> = { sku: 64, name: 200, spec: 100, brand: 100, origin: 100, unit: 16, category: 100 };
const GTIN_LENGTHS = new Set([8, 12, 13, 14]);
const SCIENTIFIC = /^\d(\.\d+)?e\+\d+$/i;
/** Several barcodes in one cell: "6901234567892; 6901234567908" (also / | , 、 or spaces). */
const BARCODE_SEPARATORS = /[\s,;|/，；、]+/;

export interface RowOutcome {
  /** Set when the row has no errors of its own. */
  product: ProductRow | null;
  errors: RowError[];
  /** What the row claims even when it has errors, for the duplicate checks across the file. */
  sku: string | null;
  barcodes: string[];
  category: string | null;
}

/** `defaultTaxRate`: the company's default rate (settings), for a row without one. */
export function readRow(row: SheetRow, mapping: ColumnMapping, defaultTaxRate: number): RowOutcome {
  const errors: RowError[] = [];
  const text = (f: ImportField): string | null => {
    const i = mapping[f];
    if (i === undefined) return '';
    const problem = row.problems?.[i];
    if (problem) {
      errors.push(rowError(problem, f, row.cells[i]));
      return null;
    }
    const v = (row.cells[i] ?? '').trim();
    const max = MAX_LENGTH[f];
    if (max !== undefined && v.length > max) {
      errors.push(rowError('too_long', f, `${v.length} characters, at most ${max}`));
      return null;
    }
    return v;
  };
  const number = (f: ImportField, raw: string | null, parse: (t: string) => Parsed, negative: 'negative_price' | 'negative_stock' | 'negative_cost'): number | null => {
    if (raw === null || raw === '') return null;
    const p = parse(raw);
    if (!p.ok) {
      errors.push(rowError(p.code, f, raw));
      return null;
    }
    if (p.value < 0) {
      errors.push(rowError(negative, f, raw));
      return null;
    }
    return p.value;
  };

  const sku = text('sku');
  if (sku === '') errors.push(rowError('missing_sku', 'sku'));
  else if (sku !== null && !Sku.safeParse(sku).success) errors.push(rowError('bad_sku', 'sku', sku));

  const name = text('name');
  if (name === '') errors.push(rowError('missing_name', 'name'));

  const priceText = text('price');
  if (priceText === '') errors.push(rowError('missing_price', 'price'));
  const price = number('price', priceText, parseYuan, 'negative_price');
  const memberPrice = number('memberPrice', text('memberPrice'), parseYuan, 'negative_price');

  const taxText = text('taxRate');
  let taxRate = defaultTaxRate;
  if (taxText) {
    const p = parseTaxRate(taxText);
    if (!p.ok) errors.push(rowError(p.code, 'taxRate', taxText));
    else if (p.value < 0 || p.value > MAX_TAX_RATE) errors.push(rowError('tax_rate_out_of_range', 'taxRate', taxText));
    else taxRate = p.value;
  }

  const stock = number('stock', text('stock'), parseQty, 'negative_stock') ?? 0;
  const cost = number('cost', text('cost'), parseYuan, 'negative_cost');
  const costText = mapping.cost === undefined ? '' : (row.cells[mapping.cost] ?? '').trim();
  if (stock > 0 && cost === null && costText === '') errors.push(rowError('missing_cost', 'cost'));

  const barcodes = readBarcodes(text('barcode'), errors);
  const unit = text('unit');
  const spec = text('spec');
  const brand = text('brand');
  const origin = text('origin');
  const category = text('category');

  const claims = { sku: sku && !errors.some((e) => e.field === 'sku') ? sku : null, barcodes, category: category || null };
  if (errors.length) return { product: null, errors, ...claims };
  return {
    errors,
    ...claims,
    product: {
      rowNo: row.rowNo,
      sku: sku!,
      name: name!,
      unit: unit || DEFAULT_UNIT,
      spec: spec ?? '',
      brand: brand ?? '',
      origin: origin ?? '',
      price: price!,
      memberPrice,
      taxRate,
      category: category || null,
      barcodes,
      stock,
      cost,
    },
  };
}

function readBarcodes(cell: string | null, errors: RowError[]): string[] {
  if (!cell) return [];
  const codes = new Set<string>();
  for (const raw of cell.normalize('NFKC').split(BARCODE_SEPARATORS)) {
    if (!raw) continue;
    if (SCIENTIFIC.test(raw)) errors.push(rowError('barcode_in_scientific_notation', 'barcode', raw));
    else if (!BarcodeCode.safeParse(raw).success) errors.push(rowError('bad_barcode', 'barcode', raw));
    // A code of GTIN length in digits is a GTIN and must carry its check digit; other codes are
    // the shop's own (自编码) and carry none.
    else if (/^\d+$/.test(raw) && GTIN_LENGTHS.has(raw.length) && !isValidGtin(raw)) errors.push(rowError('barcode_check_digit', 'barcode', `${raw} should end in ${eanCheckDigit(raw.slice(0, -1))}`));
    else codes.add(raw);
  }
  return [...codes];
}
