#!/usr/bin/env node
// `cangshou`: serve, migrate, seed, verify, users, backup.
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../server/config';
import { isEmpty, seedDemo } from '../server/seed/demo';
import { seedScale } from '../server/seed/scale';
import { seedBulkSales } from '../server/seed/bulk-sales';
import { createServices } from '../server/services';
import { verifyAll } from '../server/verify/verify';
import { openMigrated } from './open';
import { progressBar } from './progress';
import { serve } from './serve';
import { reportsCommand } from './reports';
import { usersCommand } from './users';
import { rollupsCommand } from './rollups';
import { VERSION } from './version';

function count(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number');
  return n;
}

const program = new Command('cangshou').version(VERSION).description('仓收 Cangshou: warehouse, tills and books');

program
  .command('serve')
  .description('serve the app (migrates, seeds demo data on an empty database)')
  .action(async () => serve(loadConfig()));

program
  .command('migrate')
  .description('migrate the database to the latest version')
  .action(async () => {
    const db = await openMigrated(loadConfig());
    console.log(`database is at the latest version (${db.info.name})`);
    await db.close();
  });

program
  .command('seed')
  .description('seed demo data, or synthetic data at scale')
  .option('--demo', 'the demo company (only on an empty database)')
  .option('--products <n>', 'synthetic products', count, 0)
  .option('--stores <n>', 'synthetic stores', count, 0)
  .option('--sales <n>', 'synthetic cash sales through the real checkout', count, 0)
  .option('--bulk', 'write --sales as history in bulk over --months (benchmarks; see docs/analytics.md)')
  .option('--months <n>', 'months of history for --bulk', count, 12)
  .action(async (o: { demo?: boolean; products: number; stores: number; sales: number; bulk?: boolean; months: number }) => {
    const database = await openMigrated(loadConfig());
    const s = createServices(database);
    try {
      if (o.demo || (await isEmpty(s))) {
        if (!(await isEmpty(s))) throw new Error('--demo needs an empty database');
        await seedDemo(s);
        console.log('demo company created');
      }
      if (o.products || o.stores || o.sales) {
        await seedScale(s, { products: o.products, stores: Math.max(o.stores, o.products ? 1 : 0), sales: o.bulk ? 0 : o.sales, onProgress: progressBar() });
        if (o.bulk && o.sales) {
          const r = await seedBulkSales(s, database, { sales: o.sales, months: o.months, onProgress: progressBar() });
          console.log(`bulk: ${r.sales} sales, ${r.lines} lines, ${r.rows} rows in ${r.seconds.toFixed(1)} s (${Math.round(r.rows / r.seconds)} rows/s, ${Math.round(r.sales / r.seconds)} sales/s); rollups rebuilt in ${r.rollupSeconds.toFixed(1)} s`);
        }
        console.log(`seeded ${o.stores} stores, ${o.products} products with opening stock, ${o.sales} sales`);
      }
    } finally {
      await database.close();
    }
  });

program
  .command('verify')
  .description('check every invariant (STOCK, GL, ONCE, SEQ, CHAIN, LINK); exit 1 naming the first violation')
  .option('--json', 'print the report as JSON')
  .action(async (o: { json?: boolean }) => {
    const database = await openMigrated(loadConfig());
    const report = await verifyAll(database.db);
    await database.close();
    if (o.json) console.log(JSON.stringify(report, null, 2));
    else for (const c of report.checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name.padEnd(6)} ${c.message}`);
    if (!report.ok) {
      if (!o.json) console.error(`verify failed: ${report.firstViolation}`);
      process.exitCode = 1;
    }
  });

program
  .command('backup <file>')
  .description('consistent online copy of the SQLite database (PostgreSQL: use pg_dump)')
  .action(async (file: string) => {
    const config = loadConfig();
    if (config.databaseUrl) {
      console.error('On PostgreSQL run: pg_dump --format=custom --file=<file> "$DATABASE_URL" (see docs/operations.md)');
      process.exitCode = 2;
      return;
    }
    const database = await openMigrated(config);
    await database.backup(file);
    await database.close();
    console.log(`backup written to ${file}`);
  });

program.addCommand(usersCommand());
program.addCommand(rollupsCommand());
program.addCommand(reportsCommand());

program.parseAsync(process.argv).catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
