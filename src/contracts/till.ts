// The till's offline snapshot: products, barcodes and this store's prices, in pages, and only
// what changed since a cursor once the till holds a full copy (docs/till.md).
import { z } from 'zod';
import { Id } from './common';

export const TillSnapshotQuery = z.strictObject({
  storeId: Id,
  since: z.iso.datetime({ offset: true }).optional().describe('Cursor of the previous refresh: only products changed since (archived ones included, so the till drops them)'),
  after: Id.optional().describe('Last product id of the previous page'),
  limit: z.coerce.number().int().min(1).max(10_000).default(5000),
});
export type TillSnapshotQueryInput = z.infer<typeof TillSnapshotQuery>;

export interface TillBarcode {
  code: string;
  /** The unit the code is printed on (a case barcode → 箱) and its thousandths of the base unit. */
  unit: string;
  factor: number;
}

export interface TillProduct {
  id: string;
  sku: string;
  name: string;
  spec: string;
  unit: string;
  taxRate: number;
  weighable: boolean;
  plu: string | null;
  status: 'active' | 'archived';
  /** This store's price per base unit (per kg when weighed) and member price, in fen. */
  price: number;
  memberPrice: number | null;
  pinyinInitials: string;
  pinyinFull: string;
  barcodes: TillBarcode[];
}
