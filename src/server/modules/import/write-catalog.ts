// The catalog part of a commit: products (with their first price, via the catalog's bulk insert),
// their barcodes and one audit event, in the caller's single transaction: all rows or none.
import type { Kysely } from 'kysely';
import { classifyBarcode } from '../../../core/barcode/ean';
import { insertRows } from '../../../db/dialect';
import type { DB } from '../../../db/schema';
import { appendAudit, chains } from '../../audit/chain';
import type { AuthContext } from '../../auth/auth-context';
import type { ProductRow } from '../../import/read-row';
import { insertProducts } from '../catalog/products/insert';
import { yieldToEventLoop } from './check-rows';

export type ImportProduct = ProductRow & { categoryId: string | null };

/** Products per slice: the event loop gets a turn between slices (other requests stay served). */
const SLICE = 2000;
/** 6 columns × 2000 rows stays under SQLite's 32,766 bound parameters per statement. */
const BARCODE_CHUNK = 2000;
const BARCODE_COLUMNS = ['company_id', 'code', 'product_id', 'unit', 'kind', 'created_at'] as const;

export interface CatalogWritten {
  productIds: string[];
  barcodes: number;
}

export async function writeCatalog(
  trx: Kysely<DB>,
  auth: AuthContext,
  products: ImportProduct[],
  at: string,
  audit: { importId: string; fileName: string; sha256: string },
): Promise<CatalogWritten> {
  const companyId = auth.user.companyId;
  const productIds: string[] = [];
  let barcodes = 0;
  for (let i = 0; i < products.length; i += SLICE) {
    const slice = products.slice(i, i + SLICE);
    const ids = await insertProducts(
      trx,
      companyId,
      slice.map((p) => ({
        sku: p.sku,
        name: p.name,
        unit: p.unit,
        taxRate: p.taxRate,
        price: p.price,
        memberPrice: p.memberPrice,
        spec: p.spec,
        brand: p.brand,
        origin: p.origin,
        categoryId: p.categoryId,
      })),
      at,
    );
    productIds.push(...ids);
    const codes = slice.flatMap((p, j) => p.barcodes.map((code) => [companyId, code, ids[j], p.unit, classifyBarcode(code), at]));
    for (let k = 0; k < codes.length; k += BARCODE_CHUNK) {
      await insertRows(trx, 'barcodes', BARCODE_COLUMNS, codes.slice(k, k + BARCODE_CHUNK));
    }
    barcodes += codes.length;
    await yieldToEventLoop();
  }
  await appendAudit(trx, {
    chainId: chains.company(companyId),
    companyId,
    actorId: auth.user.id,
    action: 'catalog.imported',
    subjectType: 'import',
    subjectId: audit.importId,
    at,
    data: { fileName: audit.fileName, sha256: audit.sha256, products: products.length, barcodes },
  });
  return { productIds, barcodes };
}
