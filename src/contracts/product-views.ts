// What the catalog API returns for a product in a list (GET /products, search): built by the
// server and read by the office. Money in fen; taxRate in basis points.

export interface BarcodeView {
  code: string;
  unit: string;
  kind: string;
}

export interface ProductSummary {
  id: string;
  sku: string;
  name: string;
  spec: string;
  brand: string;
  unit: string;
  categoryId: string | null;
  price: number;
  memberPrice: number | null;
  taxRate: number;
  weighable: boolean;
  plu: string | null;
  status: string;
  pinyinInitials: string;
  barcodes: BarcodeView[];
}
