// The demo company `npm start` creates on first run: two stores, registers, one user per role,
// a small catalog (see demo-catalog.ts) with opening stock and a till float. Everything goes through the services and
// the posting engine, so the demo data is exactly what a real shop's would be.
import { uuidv7 } from '../../core/id/uuidv7';
import { actAsOwner } from '../auth/owner-context';
import { hashSecret } from '../auth/passwords';
import type { Role } from '../auth/permissions';
import { createCompany } from '../modules/company/setup';
import { createStore } from '../modules/stores/service';
import type { Services } from '../services';
import { DEMO_PRODUCTS, seedDemoCatalog } from './demo-catalog';

export const DEMO_PASSWORD = 'cangshou-demo';

export const DEMO_USERS: { username: string; displayName: string; role: Role; store: 'S01' | null; pin?: string }[] = [
  { username: 'owner', displayName: '王老板 Wang (owner)', role: 'owner', store: null, pin: '0000' },
  { username: 'manager', displayName: '李店长 Li (store manager)', role: 'store_manager', store: 'S01', pin: '8888' },
  { username: 'cashier', displayName: '张收银 Zhang (cashier)', role: 'cashier', store: 'S01', pin: '1234' },
  { username: 'clerk', displayName: '赵仓管 Zhao (stock clerk)', role: 'stock_clerk', store: 'S01' },
  { username: 'finance', displayName: '陈财务 Chen (finance)', role: 'finance', store: null },
  { username: 'auditor', displayName: '刘审计 Liu (auditor)', role: 'auditor', store: null },
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

  const owner = actAsOwner({ id: userIds.owner, companyId, username: 'owner', displayName: DEMO_USERS[0].displayName });
  const r01 = await s.stores.createRegister(owner, { storeId: s01, code: 'R01', name: '1号收银台 Till 1' });
  await s.stores.createRegister(owner, { storeId: s01, code: 'R02', name: '2号收银台 Till 2' });
  await s.stores.createRegister(owner, { storeId: s02, code: 'R01', name: '1号收银台 Till 1' });

  const productIds = await seedDemoCatalog(s, owner);
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
