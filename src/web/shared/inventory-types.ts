// Response shapes of the catalog and inventory APIs as the office reads them (docs/catalog.md,
// docs/inventory.md, docs/transfers-stocktakes.md, docs/import-export.md). Money in fen,
// quantities in thousandths of the product's base unit.

import type { ProductSummary } from '../../contracts/product-views';

export type { BarcodeView as Barcode, ProductSummary } from '../../contracts/product-views';

export interface Product extends ProductSummary {
  origin: string;
  costMethod: string;
  trackBatches: boolean;
  shelfLifeDays: number | null;
  units: { unit: string; factor: number }[];
  stockLimits: { storeId: string; minQty: number; maxQty: number }[];
  createdAt: string;
  updatedAt: string;
}

export interface Category {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  children?: Category[];
}

export interface Supplier {
  id: string;
  code: string;
  name: string;
  contact: string;
  phone: string;
  taxId: string;
  paymentTermsDays: number;
  status: 'active' | 'inactive' | string;
}

export interface PriceChange {
  id: string;
  status: 'draft' | 'scheduled' | 'applying' | 'applied' | 'cancelled' | string;
  storeIds: 'all' | string[];
  effectiveAt: string | null;
  reason: string;
  createdBy: string;
  createdAt: string;
  approvedBy: string | null;
  appliedAt: string | null;
  lines: { productId: string; sku: string; name: string; price: number; memberPrice?: number | null }[];
  documents: { id: string; number: string; storeId: string }[];
}

export interface PriceHistoryRow {
  storeId: string | null;
  price: number;
  memberPrice: number | null;
  effectiveAt: string;
  documentId: string | null;
  documentNumber: string | null;
}

export interface OnHandRow {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  locationId: string;
  locationCode: string;
  batchId: string | null;
  lot: string | null;
  expiryDate: string | null;
  qty: number;
  value: number;
}

export interface BatchRow {
  batchId: string;
  lot: string;
  productId: string;
  sku: string;
  name: string;
  unit: string;
  productionDate: string | null;
  expiryDate: string | null;
  daysToExpiry: number | null;
  qty: number;
  value: number;
}

export interface StockCardRow {
  businessDate: string;
  postedAt: string;
  documentId: string;
  documentNumber: string;
  documentType: string;
  moveNo: number;
  locationCode: string;
  lot: string | null;
  qtyIn: number;
  qtyOut: number;
  value: number;
  runningQty: number;
  runningValue: number;
}

export interface StockCard {
  sku: string;
  name: string;
  unit: string;
  opening: { qty: number; value: number };
  closing: { qty: number; value: number };
  items: StockCardRow[];
  total: number;
}

export type { StockAlert } from '../../contracts/inventory';

export interface TransferSummary {
  id: string;
  fromStoreId: string;
  fromStoreCode: string;
  toStoreId: string;
  toStoreCode: string;
  status: 'shipped' | 'partially_received' | 'received' | 'closed';
  memo: string | null;
  createdAt: string;
  lineCount?: number;
  totals: { costValue: number; costReceived: number; inTransitValue: number; notReceivedValue: number };
}

export interface TransferLine {
  lineNo: number;
  productId: string;
  sku: string;
  name: string;
  unit: string;
  lot: string | null;
  expiryDate: string | null;
  qtyShipped: number;
  qtyReceived: number;
  costValue: number;
  costReceived: number;
}

export interface TransferDetail extends TransferSummary {
  lines: TransferLine[];
  documents: { id: string; kind: string; type: string; number: string; storeId: string; postedAt: string }[];
}

export interface StocktakeHeader {
  id: string;
  storeId: string;
  scope: 'full' | 'category' | 'location';
  categoryId: string | null;
  locationId: string | null;
  status: 'counting' | 'approved' | 'cancelled';
  blind: boolean;
  startedAt: string;
  documentId: string | null;
}

export interface StocktakeLine {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  locationId: string;
  locationCode: string;
  countedQty: number | null;
  scans: number;
  snapshotQty?: number;
  snapshotValue?: number;
}

export interface StocktakeDetail extends StocktakeHeader {
  showsBook: boolean;
  summary: { lines: number; countedLines: number; devices: string[] };
  lines: StocktakeLine[];
}

export interface VarianceLine extends StocktakeLine {
  expectedQty: number;
  varianceQty: number;
  varianceValue: number;
}

export interface Variances {
  stocktakeId: string;
  status: string;
  lines: VarianceLine[];
  totals: {
    lines: number;
    countedLines: number;
    surplusLines: number;
    shortageLines: number;
    surplusValue: number;
    shortageValue: number;
    netValue: number;
  };
}

export interface CountResult {
  lines?: { productId: string; locationId: string; countedQty: number; sku?: string; name?: string; unit?: string }[];
  [key: string]: unknown;
}

export interface ImportRowError {
  row: number;
  sku: string | null;
  errors: { code: string; field: string; column: string | null; message: string }[];
}

export interface ImportReport {
  fileName: string;
  format: string;
  encoding?: string;
  mapping: Record<string, string>;
  ignoredColumns: string[];
  rows: number;
  goodRows: number;
  badRows: number;
  errors: ImportRowError[];
  errorReportCsv: string | null;
  committed: boolean;
  created?: { products: number; barcodes: number; openingLines: number };
  openingDocuments?: { id: string; number: string; lines: number; total: number }[];
  elapsedMs: number;
  rowsPerSecond: number;
}

export interface Location {
  id: string;
  storeId: string;
  code: string;
  name: string;
  parentId?: string | null;
}
