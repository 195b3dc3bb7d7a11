// The till's hot path: a scanned or typed code → product, unit, pack factor and the price this
// store charges. One round trip: a UNION ALL of primary-key / unique-index lookups (barcode, then
// SKU, then PLU among active products), each joined to the store's price override.
import { sql, type Kysely } from 'kysely';
import { runSql, type SqlStatement } from '../../../../db/dialect';
import { mulDivRound } from '../../../../core/money/round';
import type { DB } from '../../../../db/schema';
import { notFound, unprocessable } from '../../../http/problem';

export interface LookupResult {
  matchedBy: 'barcode' | 'sku' | 'plu';
  code: string;
  product: {
    id: string;
    sku: string;
    name: string;
    spec: string;
    unit: string;
    categoryId: string | null;
    taxRate: number;
    weighable: boolean;
    plu: string | null;
    trackBatches: boolean;
  };
  /** The unit the code stands for (a box barcode → 箱) and its thousandths of the base unit. */
  unit: string;
  factor: number;
  /** Price per base unit (per kg when weighed) in this store, and where it comes from. */
  price: number;
  memberPrice: number | null;
  priceSource: 'store' | 'company';
  /** Price of one scanned unit: round(price × factor / 1000). */
  unitPrice: number;
  unitMemberPrice: number | null;
}

interface Row {
  match_rank: number;
  company_id: string;
  matched_code: string;
  scan_unit: string;
  factor: number;
  id: string;
  sku: string;
  name: string;
  spec: string;
  unit: string;
  category_id: string | null;
  tax_rate: number;
  weighable: number;
  plu: string | null;
  track_batches: number;
  status: string;
  price: number;
  member_price: number | null;
  store_price: number | null;
  store_member_price: number | null;
}

const MATCHED_BY = { 1: 'barcode', 2: 'sku', 3: 'plu' } as const;

export async function lookupCode(db: Kysely<DB>, companyId: string, storeId: string, code: string): Promise<LookupResult> {
  const arms = [
    sql`SELECT 1 AS match_rank, b.code AS matched_code, b.unit AS scan_unit, COALESCE(u.factor, 1000) AS factor, ${COLUMNS}
        FROM barcodes b
        JOIN products p ON p.id = b.product_id
        LEFT JOIN product_units u ON u.product_id = b.product_id AND u.unit = b.unit
        ${storePrice(storeId)}
        WHERE b.company_id = ${companyId} AND b.code = ${code}`,
    sql`SELECT 2 AS match_rank, p.sku AS matched_code, p.unit AS scan_unit, 1000 AS factor, ${COLUMNS}
        FROM products p ${storePrice(storeId)}
        WHERE p.company_id = ${companyId} AND p.sku = ${code}`,
  ];
  // Only a 5-digit code can be a PLU; the partial unique index covers active products.
  if (PLU.test(code)) {
    arms.push(sql`SELECT 3 AS match_rank, p.plu AS matched_code, p.unit AS scan_unit, 1000 AS factor, ${COLUMNS}
        FROM products p ${storePrice(storeId)}
        WHERE p.company_id = ${companyId} AND p.plu = ${code} AND p.status = 'active'`);
  }
  const { rows } = await sql<Row>`${sql.join(arms, sql` UNION ALL `)} ORDER BY match_rank LIMIT 1`.execute(db);
  return toResult(code, rows[0]);
}

/**
 * `lookupCode` for several codes in one round trip (a basket of scanned lines): each code's answer,
 * or its refusal thrown when `get` asks for it, is exactly what `lookupCode` gives for it alone.
 * `productIds` (lines that name the product) are looked up as scans of their SKUs in the same
 * round trip; `skuOf` answers their SKUs (this company's products only).
 */
export async function lookupCodes(db: Kysely<DB>, companyId: string, storeId: string, codes: readonly string[], productIds: readonly string[] = []): Promise<CodeLookup> {
  const stmt = lookupCodesStatement(companyId, { storeId }, codes, productIds);
  return lookupCodesFrom(stmt ? (await runSql<Record<string, unknown>>(db, stmt.text, stmt.params)).rows : [], companyId, productIds);
}

export interface CodeLookup {
  get(code: string): LookupResult;
  skuOf: Map<string, string>;
}

/**
 * The read behind `lookupCodes` (null when there is nothing to look up), for a caller that batches
 * it with others; the store's prices may be named through a register (checkout reads both at once).
 */
export function lookupCodesStatement(companyId: string, store: { storeId: string } | { registerId: string }, codes: readonly string[], productIds: readonly string[]): SqlStatement | null {
  const unique = [...new Set(codes)];
  const ids = [...new Set(productIds)];
  if (!unique.length && !ids.length) return null;
  // A fixed text per basket shape through `runSql`: this runs for every sale posted.
  const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  const plus = unique.filter((c) => PLU.test(c));
  const [storeSql, storeParam] = 'storeId' in store ? ['?', store.storeId] : ['(SELECT store_id FROM registers WHERE id = ?)', store.registerId];
  const price = `LEFT JOIN store_prices sp ON sp.store_id = ${storeSql} AND sp.product_id = p.id`;
  const barcodeArm = (where: string) => `SELECT 1 AS match_rank, b.code AS matched_code, b.unit AS scan_unit, COALESCE(u.factor, 1000) AS factor, ${COLUMN_LIST}
     FROM barcodes b JOIN products p ON p.id = b.product_id
     LEFT JOIN product_units u ON u.product_id = b.product_id AND u.unit = b.unit ${price}
     WHERE b.company_id = ? AND ${where}`;
  const skuArm = (where: string) => `SELECT 2 AS match_rank, p.sku AS matched_code, p.unit AS scan_unit, 1000 AS factor, ${COLUMN_LIST}
     FROM products p ${price} WHERE ${where}`;
  const arms: string[] = [];
  const params: unknown[] = [];
  if (unique.length) {
    arms.push(barcodeArm(`b.code IN (${marks(unique.length)})`), skuArm(`p.company_id = ? AND p.sku IN (${marks(unique.length)})`));
    params.push(storeParam, companyId, ...unique, storeParam, companyId, ...unique);
  }
  if (ids.length) {
    // A named product is a scan of its SKU: its own row by primary key (with `company_id` in the
    // WHERE, SQLite scans the company's products; the company is checked on the rows), and any
    // barcode equal to that SKU, which would win the scan.
    arms.push(barcodeArm(`b.code IN (SELECT sku FROM products WHERE id IN (${marks(ids.length)}))`), skuArm(`p.id IN (${marks(ids.length)})`));
    params.push(storeParam, companyId, ...ids, storeParam, ...ids);
  }
  if (plus.length) {
    arms.push(`SELECT 3 AS match_rank, p.plu AS matched_code, p.unit AS scan_unit, 1000 AS factor, ${COLUMN_LIST}
     FROM products p ${price} WHERE p.company_id = ? AND p.plu IN (${marks(plus.length)}) AND p.status = 'active'`);
    params.push(storeParam, companyId, ...plus);
  }
  return { text: arms.join(' UNION ALL '), params, returns: true };
}

/** `lookupCodes`' answer from the rows its statement found. */
export function lookupCodesFrom(rows: readonly Record<string, unknown>[], companyId: string, productIds: readonly string[]): CodeLookup {
  const best = new Map<string, Row>();
  const skuOf = new Map<string, string>();
  const named = new Set(productIds);
  for (const r of rows as unknown as Row[]) {
    if (r.company_id !== companyId) continue;
    if (Number(r.match_rank) === 2 && named.has(r.id)) skuOf.set(r.id, r.sku);
    const prior = best.get(r.matched_code);
    if (!prior || Number(r.match_rank) < Number(prior.match_rank)) best.set(r.matched_code, r);
  }
  return { get: (code) => toResult(code, best.get(code)), skuOf };
}

const PLU = /^\d{5}$/;
const COLUMN_LIST = `p.id, p.company_id, p.sku, p.name, p.spec, p.unit, p.category_id, p.tax_rate, p.weighable, p.plu, p.track_batches, p.status,
    p.price, p.member_price, sp.price AS store_price, sp.member_price AS store_member_price`;
const COLUMNS = sql.raw(COLUMN_LIST);

function storePrice(storeId: string) {
  return sql`LEFT JOIN store_prices sp ON sp.store_id = ${storeId} AND sp.product_id = p.id`;
}

function toResult(code: string, r: Row | undefined): LookupResult {
  if (!r) throw notFound(`Code ${code}`, 'code');
  if (r.status !== 'active') throw unprocessable('product_archived', `${r.name} (${r.sku}) is no longer sold`, 'code', { productId: r.id });

  const override = r.store_price !== null;
  const price = Number(override ? r.store_price : r.price);
  const memberRaw = override ? r.store_member_price : r.member_price;
  const memberPrice = memberRaw === null ? null : Number(memberRaw);
  const factor = Number(r.factor);
  return {
    matchedBy: MATCHED_BY[Number(r.match_rank) as 1 | 2 | 3],
    code,
    product: {
      id: r.id,
      sku: r.sku,
      name: r.name,
      spec: r.spec,
      unit: r.unit,
      categoryId: r.category_id,
      taxRate: Number(r.tax_rate),
      weighable: !!Number(r.weighable),
      plu: r.plu,
      trackBatches: !!Number(r.track_batches),
    },
    unit: r.scan_unit,
    factor,
    price,
    memberPrice,
    priceSource: override ? 'store' : 'company',
    unitPrice: mulDivRound(price, factor, 1000),
    unitMemberPrice: memberPrice === null ? null : mulDivRound(memberPrice, factor, 1000),
  };
}
