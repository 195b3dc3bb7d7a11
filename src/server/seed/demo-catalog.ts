// The demo shop's catalog, created through the catalog services like a real back office would:
// categories, products with EAN-13 barcodes (and a GTIN-14 on the cases of cola and water, bound
// to the 箱 pack unit), weighed fruit and vegetables with scale PLUs, and two suppliers.
import { eanCheckDigit } from '../../core/barcode/ean';
import type { AuthContext } from '../auth/auth-context';
import type { CreateProductInput } from '../modules/catalog/products/service';
import type { Services } from '../services';

// A made-up GS1 China company prefix (690–699 are China's); item numbers follow it.
const COMPANY_PREFIX = '6923450';

function ean13(item: string): string {
  const body = COMPANY_PREFIX + item;
  return body + eanCheckDigit(body);
}

/** The case's GTIN-14: indicator digit 1, the unit's EAN-13 without its check digit, new check. */
function caseGtin(unitEan: string): string {
  const body = '1' + unitEan.slice(0, 12);
  return body + eanCheckDigit(body);
}

const CATEGORIES = [
  { code: 'DRINKS', name: '饮料 Drinks' },
  { code: 'GRAIN', name: '粮油 Grain & oil' },
  { code: 'FRESH', name: '生鲜 Fresh' },
  { code: 'CARE', name: '日化 Personal care' },
  { code: 'SNACKS', name: '零食 Snacks' },
  { code: 'DAIRY', name: '乳品 Dairy' },
] as const;

type CategoryCode = (typeof CATEGORIES)[number]['code'];

export interface DemoProduct extends Omit<CreateProductInput, 'categoryId' | 'barcodes'> {
  category: CategoryCode;
  /** Item number after the company prefix; weighed goods carry a PLU instead. */
  item?: string;
  /** Opening stock in S01 (thousandths) and its unit cost in fen. */
  stock: number;
  cost: number;
}

const CASE = [{ unit: '箱', factor: 24_000 }];

export const DEMO_PRODUCTS: DemoProduct[] = [
  { sku: 'DRK-COLA-330', name: '可口可乐 330ml', spec: '330ml', brand: '可口可乐', category: 'DRINKS', item: '00011', unit: '罐', units: CASE, taxRate: 1300, price: 350, stock: 240_000, cost: 210 },
  { sku: 'DRK-WATER-550', name: '农夫山泉 550ml', spec: '550ml', brand: '农夫山泉', category: 'DRINKS', item: '00028', unit: '瓶', units: CASE, taxRate: 1300, price: 200, stock: 480_000, cost: 95 },
  { sku: 'DRK-TEA-500', name: '康师傅冰红茶 500ml', spec: '500ml', brand: '康师傅', category: 'DRINKS', item: '00035', unit: '瓶', taxRate: 1300, price: 350, stock: 120_000, cost: 190 },
  { sku: 'BAK-BREAD-400', name: '全麦吐司 400g', spec: '400g', category: 'SNACKS', item: '00042', unit: '袋', taxRate: 1300, price: 890, stock: 30_000, cost: 520 },
  { sku: 'GRO-RICE-5KG', name: '五常大米 5kg', spec: '5kg', origin: '黑龙江五常', category: 'GRAIN', item: '00059', unit: '袋', taxRate: 900, price: 3990, stock: 40_000, cost: 2800 },
  { sku: 'GRO-OIL-5L', name: '金龙鱼调和油 5L', spec: '5L', brand: '金龙鱼', category: 'GRAIN', item: '00066', unit: '桶', taxRate: 900, price: 6990, stock: 20_000, cost: 5200 },
  { sku: 'FRT-APPLE-KG', name: '红富士苹果', origin: '山东烟台', category: 'FRESH', unit: 'kg', weighable: true, plu: '00001', taxRate: 900, price: 1298, stock: 80_000, cost: 760 },
  { sku: 'FRT-BANANA-KG', name: '香蕉', origin: '海南', category: 'FRESH', unit: 'kg', weighable: true, plu: '00002', taxRate: 900, price: 698, stock: 60_000, cost: 380 },
  { sku: 'VEG-TOMATO-KG', name: '西红柿', origin: '山东寿光', category: 'FRESH', unit: 'kg', weighable: true, plu: '00003', taxRate: 0, price: 698, stock: 50_000, cost: 350 },
  { sku: 'DAI-MILK-250', name: '蒙牛纯牛奶 250ml', spec: '250ml', brand: '蒙牛', category: 'DAIRY', item: '00073', unit: '盒', taxRate: 900, price: 350, stock: 200_000, cost: 230 },
  { sku: 'SNK-CHIPS-70', name: '乐事薯片 70g', spec: '70g', brand: '乐事', category: 'SNACKS', item: '00080', unit: '袋', taxRate: 1300, price: 750, stock: 90_000, cost: 450 },
  { sku: 'PC-SHAMPOO-750', name: '海飞丝洗发水 750ml', spec: '750ml', brand: '海飞丝', category: 'CARE', item: '00097', unit: '瓶', taxRate: 1300, price: 3290, stock: 24_000, cost: 2100 },
];

const SUPPLIERS = [
  {
    supplier: { code: 'SUP-DRINKS', name: '华东饮料批发有限公司 East China Beverages', contact: '周经理', phone: '0571-8861 2300', taxId: '91330106MA27Y5QX3K', paymentTermsDays: 30 },
    // Purchase price per pack: a case of 24 at the unit cost.
    supplies: [
      { sku: 'DRK-COLA-330', purchasePrice: 5040, packUnit: '箱', packSize: 24_000, supplierSku: 'KO-330-24' },
      { sku: 'DRK-WATER-550', purchasePrice: 2280, packUnit: '箱', packSize: 24_000, supplierSku: 'NFSQ-550-24' },
      { sku: 'DRK-TEA-500', purchasePrice: 2850, packUnit: '件', packSize: 15_000, supplierSku: 'KSF-ICT-15' },
    ],
  },
  {
    supplier: { code: 'SUP-FRESH', name: '寿光绿色果蔬合作社 Shouguang Produce Co-op', contact: '孙师傅', phone: '0536-5228 017', taxId: '93370783MA3C4LQ21W', paymentTermsDays: 7 },
    // A crate (筐) by weight, priced per crate.
    supplies: [
      { sku: 'FRT-APPLE-KG', purchasePrice: 7600, packUnit: '筐', packSize: 10_000 },
      { sku: 'FRT-BANANA-KG', purchasePrice: 4560, packUnit: '筐', packSize: 12_000 },
      { sku: 'VEG-TOMATO-KG', purchasePrice: 3500, packUnit: '筐', packSize: 10_000 },
    ],
  },
];

/** Creates the demo catalog; returns the product ids in DEMO_PRODUCTS order. */
export async function seedDemoCatalog(s: Services, owner: AuthContext): Promise<string[]> {
  const categoryIds = new Map<string, string>();
  for (const c of CATEGORIES) categoryIds.set(c.code, (await s.catalog.categories.create(owner, c)).id);

  const ids: string[] = [];
  for (const { category, item, stock: _stock, cost: _cost, ...p } of DEMO_PRODUCTS) {
    const ean = item ? ean13(item) : null;
    const barcodes = ean ? [{ code: ean }, ...(p.units?.length ? [{ code: caseGtin(ean), unit: '箱' }] : [])] : [];
    ids.push((await s.catalog.products.create(owner, { ...p, categoryId: categoryIds.get(category)!, barcodes })).id);
  }

  const idBySku = new Map(DEMO_PRODUCTS.map((p, i) => [p.sku, ids[i]]));
  for (const { supplier, supplies } of SUPPLIERS) {
    const { id } = await s.catalog.suppliers.create(owner, supplier);
    for (const { sku, ...link } of supplies) await s.catalog.suppliers.link(owner, id, idBySku.get(sku)!, link);
  }
  return ids;
}
