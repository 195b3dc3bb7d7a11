// The demo company `npm start` creates on first run: two stores, registers, one user per role,
// a small catalog with opening stock and a till float. Everything goes through the services and
// the posting engine, so the demo data is exactly what a real shop's would be.
import { uuidv7 } from '../../core/id/uuidv7';
import { AuthContext } from '../auth/auth-context';
import { hashSecret } from '../auth/passwords';
import type { Role } from '../auth/permissions';
import { createCompany } from '../modules/company/setup';
import { insertProducts, type NewProduct } from '../modules/products/service';
import { createStore } from '../modules/stores/service';
import type { Services } from '../services';

export const DEMO_PASSWORD = 'cangshou-demo';

export const DEMO_USERS: { username: string; displayName: string; role: Role; store: 'S01' | null; pin?: string }[] = [
  { username: 'owner', displayName: '王老板 Wang (owner)', role: 'owner', store: null, pin: '0000' },
  { username: 'manager', displayName: '李店长 Li (store manager)', role: 'store_manager', store: 'S01', pin: '8888' },
  { username: 'cashier', displayName: '张收银 Zhang (cashier)', role: 'cashier', store: 'S01', pin: '1234' },
  { username: 'clerk', displayName: '赵仓管 Zhao (stock clerk)', role: 'stock_clerk', store: 'S01' },
  { username: 'finance', displayName: '陈财务 Chen (finance)', role: 'finance', store: null },
  { username: 'auditor', displayName: '刘审计 Liu (auditor)', role: 'auditor', store: null },
];

const DEMO_PRODUCTS: (NewProduct & { stock: number; cost: number })[] = [
  { sku: 'DRK-COLA-330', name: '可口可乐 330ml', unit: '罐', taxRate: 1300, price: 350, stock: 240_000, cost: 210 },
  { sku: 'DRK-WATER-550', name: '农夫山泉 550ml', unit: '瓶', taxRate: 1300, price: 200, stock: 480_000, cost: 95 },
  { sku: 'DRK-TEA-500', name: '康师傅冰红茶 500ml', unit: '瓶', taxRate: 1300, price: 350, stock: 120_000, cost: 190 },
  { sku: 'BAK-BREAD-400', name: '全麦吐司 400g', unit: '袋', taxRate: 1300, price: 890, stock: 30_000, cost: 520 },
  { sku: 'GRO-RICE-5KG', name: '五常大米 5kg', unit: '袋', taxRate: 900, price: 3990, stock: 40_000, cost: 2800 },
  { sku: 'GRO-OIL-5L', name: '金龙鱼调和油 5L', unit: '桶', taxRate: 900, price: 6990, stock: 20_000, cost: 5200 },
  { sku: 'FRT-APPLE-KG', name: '红富士苹果', unit: 'kg', taxRate: 900, price: 1298, stock: 80_000, cost: 760 },
  { sku: 'FRT-BANANA-KG', name: '香蕉', unit: 'kg', taxRate: 900, price: 698, stock: 60_000, cost: 380 },
  { sku: 'VEG-TOMATO-KG', name: '西红柿', unit: 'kg', taxRate: 0, price: 698, stock: 50_000, cost: 350 },
  { sku: 'DAI-MILK-250', name: '蒙牛纯牛奶 250ml', unit: '盒', taxRate: 900, price: 350, stock: 200_000, cost: 230 },
  { sku: 'SNK-CHIPS-70', name: '乐事薯片 70g', unit: '袋', taxRate: 1300, price: 750, stock: 90_000, cost: 450 },
  { sku: 'PC-SHAMPOO-750', name: '海飞丝洗发水 750ml', unit: '瓶', taxRate: 1300, price: 3290, stock: 24_000, cost: 2100 },
];

export async function isEmpty(s: Services): Promise<boolean> {
  const row = await s.db.selectFrom('companies').select('id').limit(1).executeTakeFirst();
  return !row;
}

export async function seedDemo(s: Services): Promise<{ companyId: string }> {
  const at = s.clock().toISOString();
  const companyId = await createCompany(s.db, { name: '仓收示范超市 Cangshou Demo Mart', at });
  const s01 = await createStore(s.db, {
    companyId,
    code: 'S01',
    name: '总店 Main Street',
    timezone: 'Asia/Shanghai',
    currency: 'CNY',
    receiptHeader: '仓收示范超市 总店\n欢迎光临 Welcome',
    actorId: null,
    at,
  });
  const s02 = await createStore(s.db, {
    companyId,
    code: 'S02',
    name: '东门店 East Gate',
    timezone: 'Asia/Shanghai',
    currency: 'CNY',
    receiptHeader: '仓收示范超市 东门店',
    actorId: null,
    at,
  });

  const passwordHash = await hashSecret(DEMO_PASSWORD);
  const userIds: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    const id = uuidv7();
    userIds[u.username] = id;
    await s.db
      .insertInto('users')
      .values({
        id,
        company_id: companyId,
        username: u.username,
        display_name: u.displayName,
        password_hash: passwordHash,
        pin_hash: u.pin ? await hashSecret(u.pin) : null,
        disabled: 0,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await s.db.insertInto('user_roles').values({ user_id: id, role: u.role, store_id: u.store === 'S01' ? s01 : '*' }).execute();
  }

  const owner = new AuthContext(
    { id: userIds.owner, companyId, username: 'owner', displayName: DEMO_USERS[0].displayName },
    [{ role: 'owner', storeId: null }],
    { kind: 'api', tokenHash: '', registerId: null },
  );
  const r01 = await s.stores.createRegister(owner, { storeId: s01, code: 'R01', name: '1号收银台 Till 1' });
  await s.stores.createRegister(owner, { storeId: s01, code: 'R02', name: '2号收银台 Till 2' });
  await s.stores.createRegister(owner, { storeId: s02, code: 'R01', name: '1号收银台 Till 1' });

  const productIds = await insertProducts(s.db, companyId, DEMO_PRODUCTS, at);
  await s.documents.postOpeningBalance(owner, {
    id: uuidv7(),
    storeId: s01,
    memo: '开业期初 Opening balances',
    stock: DEMO_PRODUCTS.map((p, i) => ({ productId: productIds[i], qty: p.stock, unitCost: p.cost })),
    accounts: [{ account: '1002', debit: 5_000_000, credit: 0 }],
  });
  await s.documents.postOpeningBalance(owner, {
    id: uuidv7(),
    storeId: s02,
    memo: '开业期初 Opening balances',
    stock: DEMO_PRODUCTS.map((p, i) => ({ productId: productIds[i], qty: Math.round(p.stock / 2000) * 1000, unitCost: p.cost })),
    accounts: [{ account: '1002', debit: 2_000_000, credit: 0 }],
  });
  await s.documents.postCashMovement(owner, { id: uuidv7(), registerId: r01.id, direction: 'in', amount: 50_000, reason: '备用金 Opening float' });
  return { companyId };
}
