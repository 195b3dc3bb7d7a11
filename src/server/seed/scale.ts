// Synthetic data at scale for benchmarks and load tests: N stores, N products (with pinyin-able
// Chinese names), and opening stock for every product in every store, posted in documents of
// 1,000 lines through the real engine.
import { uuidv7 } from '../../core/id/uuidv7';
import { AuthContext } from '../auth/auth-context';
import { insertProducts, type NewProduct } from '../modules/catalog/products/insert';
import { createStore } from '../modules/stores/service';
import type { Services } from '../services';

const WORDS = ['可乐', '矿泉水', '牛奶', '面包', '大米', '食用油', '苹果', '香蕉', '薯片', '饼干', '酸奶', '茶叶', '咖啡', '洗发水', '牙膏', '纸巾'];
const TAX = [1300, 900, 1300, 600, 0];

export interface ScaleOptions {
  products: number;
  stores: number;
  onProgress?: (phase: string, done: number, total: number) => void;
}

export async function seedScale(s: Services, opts: ScaleOptions): Promise<void> {
  const company = await s.db.selectFrom('companies').select('id').orderBy('created_at').executeTakeFirstOrThrow();
  const owner = await s.db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.username', 'users.display_name'])
    .where('users.company_id', '=', company.id)
    .where('user_roles.role', '=', 'owner')
    .executeTakeFirstOrThrow();
  const auth = new AuthContext(
    { id: owner.id, companyId: company.id, username: owner.username, displayName: owner.display_name },
    [{ role: 'owner', storeId: null }],
    { kind: 'api', tokenHash: '', registerId: null },
  );
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
}
