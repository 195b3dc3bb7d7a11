// The till's hot path: a scanned or typed code → product, unit, pack factor and the price this
// store charges. One round trip: a UNION ALL of primary-key / unique-index lookups (barcode, then
// SKU, then PLU among active products), each joined to the store's price override.
import { sql, type Kysely } from 'kysely';
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
  const columns = sql`p.id, p.sku, p.name, p.spec, p.unit, p.category_id, p.tax_rate, p.weighable, p.plu, p.track_batches, p.status,
    p.price, p.member_price, sp.price AS store_price, sp.member_price AS store_member_price`;
  const storePrice = sql`LEFT JOIN store_prices sp ON sp.store_id = ${storeId} AND sp.product_id = p.id`;
  const arms = [
    sql`SELECT 1 AS match_rank, b.unit AS scan_unit, COALESCE(u.factor, 1000) AS factor, ${columns}
        FROM barcodes b
        JOIN products p ON p.id = b.product_id
        LEFT JOIN product_units u ON u.product_id = b.product_id AND u.unit = b.unit
        ${storePrice}
        WHERE b.company_id = ${companyId} AND b.code = ${code}`,
    sql`SELECT 2 AS match_rank, p.unit AS scan_unit, 1000 AS factor, ${columns}
        FROM products p ${storePrice}
        WHERE p.company_id = ${companyId} AND p.sku = ${code}`,
  ];
  // Only a 5-digit code can be a PLU; the partial unique index covers active products.
  if (/^\d{5}$/.test(code)) {
    arms.push(sql`SELECT 3 AS match_rank, p.unit AS scan_unit, 1000 AS factor, ${columns}
        FROM products p ${storePrice}
        WHERE p.company_id = ${companyId} AND p.plu = ${code} AND p.status = 'active'`);
  }
  const { rows } = await sql<Row>`${sql.join(arms, sql` UNION ALL `)} ORDER BY match_rank LIMIT 1`.execute(db);
  const r = rows[0];
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
