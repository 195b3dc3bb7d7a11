// Synthetic data at scale for benchmarks and load tests: N stores, N products (with pinyin-able
// Chinese names, spread over 20 categories so store × category reports have something to group), and
// opening stock for every product in every store, posted in documents of
// 1,000 lines through the real engine.
import { uuidv7 } from '../../core/id/uuidv7';
import { priceBasket } from '../../core/pricing/price-basket';
import type { AuthContext } from '../auth/auth-context';
import { firstOwner } from '../auth/owner-context';
import { insertProducts, type NewProduct } from '../modules/catalog/products/insert';
import { createStore } from '../modules/stores/service';
import type { Services } from '../services';

const WORDS = ['可乐', '矿泉水', '牛奶', '面包', '大米', '食用油', '苹果', '香蕉', '薯片', '饼干', '酸奶', '茶叶', '咖啡', '洗发水', '牙膏', '纸巾'];
const TAX = [1300, 900, 1300, 600, 0];

export interface ScaleOptions {
  products: number;
  stores: number;
  /** Sales rung up through the real checkout, spread over the seeded stores (or the first store). */
  sales?: number;
  onProgress?: (phase: string, done: number, total: number) => void;
}

export async function seedScale(s: Services, opts: ScaleOptions): Promise<void> {
  const auth = await firstOwner(s.db);
  if (!auth) throw new Error('No owner yet: seed the demo company first');
  const company = { id: auth.user.companyId };
  const owner = auth.user;
  const at = s.clock().toISOString();
  const run = uuidv7().slice(-6);

  const storeIds: string[] = [];
  for (let i = 0; i < opts.stores; i++) {
    storeIds.push(
      await createStore(s.db, {
        companyId: company.id,
        code: `X${run}-${i + 1}`,
        name: `门店 Store ${i + 1}`,
        timezone: 'Asia/Shanghai',
        currency: 'CNY',
        receiptHeader: `门店 ${i + 1}`,
        actorId: owner.id,
        at,
      }),
    );
    opts.onProgress?.('stores', i + 1, opts.stores);
  }

  const categoryIds = opts.products ? await createCategories(s, company.id, run, at) : [];
  const CHUNK = 5000;
  const productIds: string[] = [];
  for (let i = 0; i < opts.products; i += CHUNK) {
    const batch: NewProduct[] = [];
    for (let j = i; j < Math.min(i + CHUNK, opts.products); j++) {
      batch.push({
        sku: `SKU-${run}-${String(j + 1).padStart(7, '0')}`,
        name: `${WORDS[j % WORDS.length]} ${WORDS[(j * 7) % WORDS.length]} ${j + 1}`,
        unit: '件',
        taxRate: TAX[j % TAX.length],
        price: 100 + ((j * 37) % 9900),
        categoryId: categoryIds[j % categoryIds.length],
      });
    }
    productIds.push(...(await s.db.transaction().execute((trx) => insertProducts(trx, company.id, batch, at))));
    opts.onProgress?.('products', productIds.length, opts.products);
  }

  const LINES = 1000;
  const docs = storeIds.length * Math.ceil(productIds.length / LINES);
  let posted = 0;
  for (const storeId of storeIds) {
    for (let i = 0; i < productIds.length; i += LINES) {
      await s.documents.postOpeningBalance(auth, {
        id: uuidv7(),
        storeId,
        stock: productIds.slice(i, i + LINES).map((productId, k) => ({ productId, qty: 10_000 + ((i + k) % 90) * 1000, unitCost: 60 + ((i + k) * 13) % 5000 })),
        accounts: [],
      });
      opts.onProgress?.('opening stock documents', ++posted, docs);
    }
  }

  if (opts.sales) {
    const stores = storeIds.length
      ? storeIds
      : [(await s.db.selectFrom('stores').select('id').where('company_id', '=', company.id).orderBy('code').executeTakeFirstOrThrow()).id];
    const products = productIds.length
      ? productIds
      : (await s.db.selectFrom('products').select('id').where('company_id', '=', company.id).where('status', '=', 'active').where('weighable', '=', 0).limit(5000).execute()).map((p) => p.id);
    await seedSales(s, auth, stores, products, opts.sales, opts.onProgress);
  }
}

const CATEGORIES = 20;

async function createCategories(s: Services, companyId: string, run: string, at: string): Promise<string[]> {
  const ids = Array.from({ length: CATEGORIES }, () => uuidv7());
  await s.db
    .insertInto('categories')
    .values(ids.map((id, i) => ({ id, company_id: companyId, parent_id: null, code: `C${run}-${String(i + 1).padStart(2, '0')}`, name: `品类 ${i + 1}`, created_at: at })))
    .execute();
  return ids;
}

/** One register and open shift per store, then cash sales of 1–5 lines priced as the till would. */
async function seedSales(s: Services, auth: AuthContext, storeIds: string[], productIds: string[], count: number, onProgress?: ScaleOptions['onProgress']) {
  const tills: { registerId: string; shiftId: string }[] = [];
  for (const storeId of storeIds) {
    const register = await s.stores.createRegister(auth, { storeId, code: `SEED-${uuidv7().slice(-6)}`, name: 'Seed till' });
    const shift = await s.shifts.open(auth, { id: uuidv7(), registerId: register.id, openingFloat: 0 });
    tills.push({ registerId: register.id, shiftId: shift.shift.id });
  }
  const rows = await s.db.selectFrom('products').select(['id', 'price', 'tax_rate']).where('id', 'in', productIds.slice(0, 5000)).execute();
  const product = new Map(rows.map((r) => [r.id, r]));
  const pool = productIds.slice(0, 5000).filter((id) => product.get(id)!.price > 0);
  let next = 0;
  let done = 0;
  // 32 cashiers at once: the engine's group commit writes their sales together.
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < count) {
        const i = next++;
        const till = tills[i % tills.length];
        const lines = Array.from({ length: 1 + (i % 5) }, (_, k) => ({ productId: pool[(i * 7 + k * 13) % pool.length], qty: 1000 * (1 + ((i + k) % 3)) }));
        const unique = [...new Map(lines.map((l) => [l.productId, l])).values()];
        const priced = priceBasket({
          lines: unique.map((l) => ({ unitPrice: product.get(l.productId)!.price, qty: l.qty, taxRate: product.get(l.productId)!.tax_rate, lineDiscount: null })),
          orderDiscount: null,
          roundingMode: 'none',
        });
        if (!priced.ok) throw new Error(`seed sale ${i}: ${priced.message}`);
        await s.sales.post(auth, {
          id: uuidv7(),
          registerId: till.registerId,
          shiftId: till.shiftId,
          lines: unique,
          payments: [{ method: 'cash', amount: priced.value.due }],
          clientTotal: priced.value.due,
          offline: false,
          clientTime: new Date().toISOString(),
        });
        onProgress?.('sales', ++done, count);
      }
    }),
  );
}
