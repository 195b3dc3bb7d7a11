// Inventory valuation (存货估值) at the end of a business date, from the stock moves alone, next to
// the 1405 ledger balance of the same store and date: every document that moves stock books its
// cost through 1405, so the two agree to the fen, and a difference points at a posting to look at.
import { sql } from 'kysely';
import type { z } from 'zod';
import type { ValuationQuery } from '../../../contracts/inventory';
import type { AuthContext } from '../../auth/auth-context';
import { ACCOUNTS } from '../accounts/chart';
import type { InventoryDeps } from './deps';
import { requireStore, storeToday, sumOf } from './lookups';

export async function valuation(deps: InventoryDeps, auth: AuthContext, q: z.infer<typeof ValuationQuery>) {
  const { db } = deps;
  const companyId = auth.user.companyId;
  const store = await requireStore(db, auth, 'stock.read', q.storeId);
  const date = q.date ?? storeToday(store, deps.clock());

  const upTo = () => db.selectFrom('stock_moves as m').where('m.store_id', '=', store.id).where('m.business_date', '<=', date);
  const perProduct = upTo()
    .innerJoin('products as p', 'p.id', 'm.product_id')
    .select(['m.product_id', 'p.sku', 'p.name', 'p.unit', sumOf('m.qty').as('qty'), sumOf('m.cost_value').as('value')])
    .groupBy(['m.product_id', 'p.sku', 'p.name', 'p.unit'])
    .having(sql<boolean>`SUM(m.qty) <> 0 OR SUM(m.cost_value) <> 0`);

  const [{ n }, totals, ledger, rows] = await Promise.all([
    db.selectFrom(perProduct.as('g')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    upTo().select(sumOf('m.cost_value').as('value')).executeTakeFirstOrThrow(),
    db
      .selectFrom('journal_lines as jl')
      .innerJoin('journal_entries as je', 'je.id', 'jl.entry_id')
      .where('jl.company_id', '=', companyId)
      .where('jl.account_code', '=', ACCOUNTS.inventory)
      .where('je.store_id', '=', store.id)
      .where('je.business_date', '<=', date)
      .select(sql<number>`CAST(COALESCE(SUM(jl.debit - jl.credit), 0) AS BIGINT)`.as('balance'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom(perProduct.as('g'))
      .selectAll()
      .orderBy('g.sku')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
  ]);
  const totalValue = Number(totals.value);
  const ledgerBalance = Number(ledger.balance);
  return {
    storeId: store.id,
    date,
    items: rows.map((r) => ({ productId: r.product_id, sku: r.sku, name: r.name, unit: r.unit, qty: Number(r.qty), value: Number(r.value) })),
    total: Number(n),
    totalValue,
    ledgerAccount: ACCOUNTS.inventory,
    ledgerBalance,
    difference: totalValue - ledgerBalance,
  };
}
