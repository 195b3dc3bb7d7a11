// A shop to sell in, shared by the sales benchmarks: a few stores with stocked products, and one
// register with an open shift per cashier, so 32 cashiers never share a receipt sequence or an
// audit chain (as on a real shop floor) and group commit sees sales of many registers at once.
import { uuidv7 } from '../src/core/id/uuidv7';
import { priceBasket } from '../src/core/pricing/price-basket';
import type { SaleInput } from '../src/contracts/sales';
import type { AuthContext } from '../src/server/auth/auth-context';
import { firstOwner } from '../src/server/auth/owner-context';
import { seedDemo } from '../src/server/seed/demo';
import { seedScale } from '../src/server/seed/scale';
import type { Services } from '../src/server/services';

export interface Till {
  storeId: string;
  registerId: string;
  shiftId: string;
}

export interface SalesShop {
  owner: AuthContext;
  tills: Till[];
  products: { id: string; price: number; taxRate: number }[];
}

export const LINES_PER_SALE = 5;

export async function seedSalesShop(s: Services, opts: { stores: number; registersPerStore: number; products: number }): Promise<SalesShop> {
  await seedDemo(s);
  await seedScale(s, { products: opts.products, stores: opts.stores });
  const owner = (await firstOwner(s.db))!;
  const stores = await s.db.selectFrom('stores').select('id').where('code', 'like', 'X%').orderBy('code').execute();
  const tills: Till[] = [];
  for (const { id: storeId } of stores) {
    for (let r = 0; r < opts.registersPerStore; r++) {
      const register = await s.stores.createRegister(owner, { storeId, code: `B${r + 1}`, name: `Bench till ${r + 1}` });
      const shift = await s.shifts.open(owner, { id: uuidv7(), registerId: register.id, openingFloat: 0 });
      tills.push({ storeId, registerId: register.id, shiftId: shift.shift.id });
    }
  }
  const rows = await s.db.selectFrom('products').select(['id', 'price', 'tax_rate']).where('sku', 'like', 'SKU-%').where('price', '>', 0).execute();
  return { owner, tills, products: rows.map((r) => ({ id: r.id, price: Number(r.price), taxRate: Number(r.tax_rate) })) };
}

/** Sale number `i` at `till`: 5 distinct products, paid in cash, priced as the till would. */
export function benchSale(shop: SalesShop, till: Till, i: number): SaleInput {
  const n = shop.products.length;
  const lines = Array.from({ length: LINES_PER_SALE }, (_, k) => ({ product: shop.products[(i * 7 + k * 13) % n], qty: 1000 * (1 + ((i + k) % 3)) }));
  const priced = priceBasket({
    lines: lines.map((l) => ({ unitPrice: l.product.price, qty: l.qty, taxRate: l.product.taxRate, lineDiscount: null })),
    orderDiscount: null,
    roundingMode: 'none',
  });
  if (!priced.ok) throw new Error(`bench sale ${i}: ${priced.message}`);
  return {
    id: uuidv7(),
    registerId: till.registerId,
    shiftId: till.shiftId,
    lines: lines.map((l) => ({ productId: l.product.id, qty: l.qty })),
    payments: [{ method: 'cash', amount: priced.value.due }],
    clientTotal: priced.value.due,
    offline: false,
    clientTime: new Date().toISOString(),
  };
}
