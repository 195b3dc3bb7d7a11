// Products out as CSV or XLSX, in exactly the columns and headers the import reads, so an export
// edited in Excel imports back (as new products: the import is create-only). Active products
// only; barcodes printed on the base unit (pack-unit barcodes need the catalog, not a sheet).
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { ExportQuery } from '../../../contracts/import';
import { formatFen, mulDivRound } from '../../../core/money/round';
import { formatQty } from '../../../core/quantity';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import type { Clock } from '../../clock';
import { notFound } from '../../http/problem';
import { EXPORT_HEADERS, IMPORT_FIELDS, type ImportField } from '../../import/columns';
import { UTF8_BOM, toCsv } from '../../import/csv';
import { writeWorkbook, type XlsxColumn } from '../../import/xlsx';
import type { ExportFile } from '../../export/table-export';

type Cell = string | number | null;

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MONEY: ReadonlySet<ImportField> = new Set(['price', 'memberPrice', 'cost']);
const WIDTH: Partial<Record<ImportField, number>> = { sku: 18, name: 30, barcode: 22, spec: 14, category: 14 };

export class ProductExportService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async products(auth: AuthContext, q: z.output<typeof ExportQuery>): Promise<ExportFile> {
    auth.requireStore('stock.read', q.storeId);
    const store = await this.db.selectFrom('stores').select('code').where('id', '=', q.storeId).where('company_id', '=', auth.user.companyId).executeTakeFirst();
    if (!store) throw notFound('Store', 'storeId');
    const rows = await this.rows(auth.user.companyId, q.storeId);
    const stamp = this.clock().toISOString().slice(0, 10);
    const fileName = `products-${store.code}-${stamp}.${q.format}`;
    if (q.format === 'csv') {
      // Money as text with two decimals: a CSV has no types, and 3.50 must not turn into 3.5.
      const text = rows.map((r) =>
        IMPORT_FIELDS.map((f) => {
          const v = r[f];
          if (typeof v !== 'number') return v;
          return MONEY.has(f) ? formatFen(v) : f === 'stock' ? formatQty(v) : v;
        }),
      );
      return { fileName, contentType: 'text/csv; charset=utf-8', body: UTF8_BOM + toCsv([IMPORT_FIELDS.map((f) => EXPORT_HEADERS[f]), ...text]) };
    }
    const columns: XlsxColumn[] = IMPORT_FIELDS.map((f) => ({
      header: EXPORT_HEADERS[f],
      width: WIDTH[f] ?? 12,
      numFmt: MONEY.has(f) ? '0.00' : f === 'stock' ? '0.###' : undefined,
    }));
    // Numbers stay numbers in the workbook (fen / 100 is what Excel shows to 15 digits).
    const cells = rows.map((r) =>
      IMPORT_FIELDS.map((f): Cell => {
        const v = r[f];
        if (typeof v !== 'number') return v;
        return MONEY.has(f) ? v / 100 : f === 'stock' ? v / 1000 : v;
      }),
    );
    return { fileName, contentType: XLSX_MIME, body: await writeWorkbook('商品 Products', columns, cells) };
  }

  /** One record per active product, money in fen and stock in thousandths (formatted by the caller). */
  private async rows(companyId: string, storeId: string): Promise<Record<ImportField, Cell>[]> {
    const [products, barcodes, stock] = await Promise.all([
      this.db
        .selectFrom('products')
        .leftJoin('categories', 'categories.id', 'products.category_id')
        .leftJoin('cost_state', (j) => j.onRef('cost_state.product_id', '=', 'products.id').on('cost_state.store_id', '=', storeId))
        .select([
          'products.id',
          'products.sku',
          'products.name',
          'products.spec',
          'products.brand',
          'products.origin',
          'products.unit',
          'products.price',
          'products.member_price',
          'products.tax_rate',
          'categories.code as category',
          'cost_state.last_unit_cost',
        ])
        .where('products.company_id', '=', companyId)
        .where('products.status', '=', 'active')
        .orderBy('products.sku')
        .execute(),
      this.db
        .selectFrom('barcodes')
        .innerJoin('products', 'products.id', 'barcodes.product_id')
        .select(['barcodes.product_id', 'barcodes.code'])
        .where('barcodes.company_id', '=', companyId)
        .whereRef('barcodes.unit', '=', 'products.unit')
        .orderBy('barcodes.product_id')
        .orderBy('barcodes.created_at')
        .orderBy('barcodes.code')
        .execute(),
      this.db
        .selectFrom('stock_balances')
        .select(['product_id', sql<number>`CAST(SUM(qty) AS BIGINT)`.as('qty'), sql<number>`CAST(SUM(cost_value) AS BIGINT)`.as('value')])
        .where('store_id', '=', storeId)
        .groupBy('product_id')
        .execute(),
    ]);
    const codes = new Map<string, string[]>();
    for (const b of barcodes) codes.set(b.product_id, [...(codes.get(b.product_id) ?? []), b.code]);
    const onHand = new Map(stock.map((s) => [s.product_id, { qty: Number(s.qty), value: Number(s.value) }]));
    return products.map((p) => {
      const s = onHand.get(p.id);
      // Unit cost: the moving average of what is on hand, else the last known cost.
      const cost = s && s.qty > 0 ? mulDivRound(s.value, 1000, s.qty) : p.last_unit_cost !== null ? Number(p.last_unit_cost) : null;
      return {
        sku: p.sku,
        name: p.name,
        barcode: (codes.get(p.id) ?? []).join(';'),
        spec: p.spec,
        brand: p.brand,
        origin: p.origin,
        unit: p.unit,
        price: Number(p.price),
        memberPrice: p.member_price === null ? null : Number(p.member_price),
        taxRate: `${formatRate(p.tax_rate)}%`,
        category: p.category ?? '',
        stock: s ? s.qty : null,
        cost,
      };
    });
  }
}

/** 1300 → '13', 1350 → '13.5': percent with the shortest exact decimals (bp × 10 = thousandths of a percent). */
function formatRate(bp: number): string {
  return formatQty(bp * 10);
}
