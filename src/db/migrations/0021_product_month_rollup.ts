import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect';

// The dashboard's best sellers summed a month of rollup_product_day (stores × days × products rows:
// 640–840 ms at 11.7 M sale lines). rollup_product_month keeps the same sums per store × month
// (YYYY-MM of the business date) × product, kept by the same catch-up from the same per-product
// figures, so a period reads whole months here and only its leftover days from the day table.
// Backfilled from the day rows, which makes it agree with them from the start.
const SUMS = ['sold_qty', 'returned_qty', 'sales', 'returns', 'tax', 'cost', 'discounts', 'lines'];

export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- column names are data here
  type Builder = any;
  await SUMS.reduce(
    (t: Builder, c) => t.addColumn(c, 'bigint', (x: Builder) => x.notNull().defaultTo(0)),
    db.schema
      .createTable('rollup_product_month')
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.notNull()),
  )
    .addPrimaryKeyConstraint('rollup_product_month_pk', ['store_id', 'month', 'product_id'])
    .execute();
  await sql
    .raw(
      `INSERT INTO rollup_product_month (store_id, month, product_id, ${SUMS.join(', ')})
SELECT store_id, SUBSTR(business_date, 1, 7), product_id, ${SUMS.map((c) => `SUM(${c})`).join(', ')} FROM rollup_product_day
GROUP BY store_id, SUBSTR(business_date, 1, 7), product_id`,
    )
    .execute(db);
}
