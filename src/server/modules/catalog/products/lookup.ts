// The till's hot path: a scanned or typed code → product, unit, pack factor and the price this
// store charges. One round trip: a UNION ALL of primary-key / unique-index lookups (barcode, then
// SKU, then PLU among active products), each joined to the store's price override.
import { sql, type Kysely } from 'kysely';
import { runSql } from '../../../../db/dialect';
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
 */
export async function lookupCodes(db: Kysely<DB>, companyId: string, storeId: string, codes: readonly string[]): Promise<{ get(code: string): LookupResult }> {
  const unique = [...new Set(codes)];
  const best = new Map<string, Row>();
  if (unique.length) {
    // A fixed text per basket shape through `runSql`: this runs for every sale posted.
    const list = unique.map(() => '?').join(', ');
    const plus = unique.filter((c) => PLU.test(c));
    const price = 'LEFT JOIN store_prices sp ON sp.store_id = ? AND sp.product_id = p.id';
    const arms = [
      `SELECT 1 AS match_rank, b.code AS matched_code, b.unit AS scan_unit, COALESCE(u.factor, 1000) AS factor, ${COLUMN_LIST}
       FROM barcodes b JOIN products p ON p.id = b.product_id
       LEFT JOIN product_units u ON u.product_id = b.product_id AND u.unit = b.unit ${price}
       WHERE b.company_id = ? AND b.code IN (${list})`,
      `SELECT 2 AS match_rank, p.sku AS matched_code, p.unit AS scan_unit, 1000 AS factor, ${COLUMN_LIST}
       FROM products p ${price} WHERE p.company_id = ? AND p.sku IN (${list})`,
    ];
    const params: unknown[] = [storeId, companyId, ...unique, storeId, companyId, ...unique];
    if (plus.length) {
      arms.push(`SELECT 3 AS match_rank, p.plu AS matched_code, p.unit AS scan_unit, 1000 AS factor, ${COLUMN_LIST}
       FROM products p ${price} WHERE p.company_id = ? AND p.plu IN (${plus.map(() => '?').join(', ')}) AND p.status = 'active'`);
      params.push(storeId, companyId, ...plus);
    }
    const { rows } = await runSql<Row>(db, arms.join(' UNION ALL '), params);
    for (const r of rows) {
      const prior = best.get(r.matched_code);
      if (!prior || Number(r.match_rank) < Number(prior.match_rank)) best.set(r.matched_code, r);
    }
  }
  return { get: (code) => toResult(code, best.get(code)) };
}

const PLU = /^\d{5}$/;
const COLUMN_LIST = `p.id, p.sku, p.name, p.spec, p.unit, p.category_id, p.tax_rate, p.weighable, p.plu, p.track_batches, p.status,
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
