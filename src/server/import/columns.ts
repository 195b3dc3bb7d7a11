// Which column holds what. Headers are guessed from the names Chinese retail software and
// spreadsheets use (商品编码, 品名, 条形码, 零售价 …) and their English equivalents; the client may
// override any field. Our own export writes `中文 (English)` headers that map back unchanged.

export const IMPORT_FIELDS = ['sku', 'name', 'barcode', 'spec', 'brand', 'origin', 'unit', 'price', 'memberPrice', 'taxRate', 'category', 'stock', 'cost'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const REQUIRED_FIELDS: readonly ImportField[] = ['sku', 'name', 'price'];

/** The header our export writes for each field. */
export const EXPORT_HEADERS: Record<ImportField, string> = {
  sku: '商品编码 (SKU)',
  name: '商品名称 (Name)',
  barcode: '条码 (Barcode)',
  spec: '规格 (Spec)',
  brand: '品牌 (Brand)',
  origin: '产地 (Origin)',
  unit: '单位 (Unit)',
  price: '零售价 (Price)',
  memberPrice: '会员价 (Member price)',
  taxRate: '税率 (Tax rate)',
  category: '分类 (Category)',
  stock: '库存 (Stock)',
  cost: '成本 (Cost)',
};

/** Header names per field, compared after `normalizeHeader`. Lists are disjoint. */
export const HEADER_ALIASES: Record<ImportField, readonly string[]> = {
  sku: ['商品编码', '编码', '商品代码', '商品编号', '货号', '自编码', '内部编码', 'sku', 'code', 'itemcode', 'productcode', 'itemno', 'articleno'],
  name: ['商品名称', '名称', '品名', '商品名', '商品', 'name', 'productname', 'itemname', 'product', 'description'],
  barcode: ['条码', '条形码', '商品条码', '国际条码', '条码号', 'barcode', 'barcodes', 'ean', 'ean13', 'upc', 'gtin'],
  spec: ['规格', '规格型号', '型号', 'spec', 'specification', 'size'],
  brand: ['品牌', 'brand'],
  origin: ['产地', '原产地', '生产地', 'origin', 'countryoforigin', 'madein'],
  unit: ['单位', '计量单位', '基本单位', '销售单位', 'unit', 'uom'],
  price: ['零售价', '售价', '销售价', '零售价格', '价格', '单价', '标准售价', 'price', 'retailprice', 'saleprice', 'sellingprice'],
  memberPrice: ['会员价', '会员价格', 'memberprice'],
  taxRate: ['税率', '销项税率', '增值税率', '税', 'tax', 'taxrate', 'vat', 'vatrate'],
  category: ['分类', '类别', '商品分类', '品类', '类目', '分类编码', 'category', 'categorycode'],
  stock: ['库存', '期初库存', '库存数量', '数量', '期初数量', '现存量', 'stock', 'qty', 'quantity', 'openingstock', 'onhand'],
  cost: ['成本', '进价', '成本价', '进货价', '采购价', '单位成本', '期初成本', 'cost', 'unitcost', 'costprice', 'purchaseprice'],
};

const ALIAS_TO_FIELD = new Map<string, ImportField>(IMPORT_FIELDS.flatMap((f) => HEADER_ALIASES[f].map((a) => [a, f] as const)));

/** '*商品名称 ' → '商品名称', 'Retail Price' → 'retailprice', full-width forms folded. */
export function normalizeHeader(h: string): string {
  return h.normalize('NFKC').toLowerCase().replace(/^[*＊\s]+/, '').replace(/\s+/g, '');
}

/** The field a header names: the whole header, else any part of `中文 (English)` / `A/B`. */
export function fieldOfHeader(header: string): ImportField | undefined {
  const whole = normalizeHeader(header);
  const direct = ALIAS_TO_FIELD.get(whole);
  if (direct) return direct;
  for (const part of whole.split(/[()[\]【】/|]+/)) {
    const f = part && ALIAS_TO_FIELD.get(part);
    if (f) return f;
  }
  return undefined;
}

export type ColumnMapping = Partial<Record<ImportField, number>>;
/** What the client sends: field → header text, or null to ignore a guessed column. */
export type MappingOverride = Partial<Record<ImportField, string | null>>;

export type MappingResult =
  | { ok: true; mapping: ColumnMapping }
  | { ok: false; code: 'unknown_column'; field: ImportField; header: string };

/** Guess every field from the headers (first column wins), then apply the client's choices. */
export function resolveMapping(headers: string[], override: MappingOverride = {}): MappingResult {
  const mapping: ColumnMapping = {};
  headers.forEach((h, i) => {
    const f = fieldOfHeader(h);
    if (f && mapping[f] === undefined) mapping[f] = i;
  });
  for (const f of IMPORT_FIELDS) {
    if (!(f in override)) continue;
    const want = override[f];
    if (want === null || want === undefined) {
      delete mapping[f];
      continue;
    }
    let idx = headers.findIndex((h) => h.trim() === want.trim());
    if (idx < 0) idx = headers.findIndex((h) => normalizeHeader(h) === normalizeHeader(want));
    if (idx < 0) return { ok: false, code: 'unknown_column', field: f, header: want };
    // A column the client assigned explicitly is no longer the guess of another field.
    for (const other of IMPORT_FIELDS) if (other !== f && mapping[other] === idx && !(other in override)) delete mapping[other];
    mapping[f] = idx;
  }
  return { ok: true, mapping };
}

export function missingRequired(mapping: ColumnMapping): ImportField[] {
  return REQUIRED_FIELDS.filter((f) => mapping[f] === undefined);
}
