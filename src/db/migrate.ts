import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './dialect';
import * as m0001 from './migrations/0001_foundation';
import * as m0002 from './migrations/0002_catalog_inventory';
import * as m0003 from './migrations/0003_catalog';
import * as m0005 from './migrations/0005_transfers_stocktakes';
import * as m0006 from './migrations/0006_sales';
import * as m0007 from './migrations/0007_search_index';
import * as m0008 from './migrations/0008_returns';
import * as m0009 from './migrations/0009_shift_close';
import * as m0010 from './migrations/0010_accounting';
import * as m0011 from './migrations/0011_posting_rules';
import * as m0012 from './migrations/0012_manual_entries';
import * as m0013 from './migrations/0013_rollups';
import * as m0014 from './migrations/0014_shift_cash_movements';
import * as m0015 from './migrations/0015_list_sort_indexes';
import * as m0017 from './migrations/0017_settlements';
import * as m0018 from './migrations/0018_tax_rates';
import * as m0019 from './migrations/0019_category_rollup';
import * as m0020 from './migrations/0020_tax_rollup';
import * as m0021 from './migrations/0021_product_month_rollup';
import * as m0022 from './migrations/0022_stock_move_indexes';
import * as m0023 from './migrations/0023_outbox_without_body';
import * as m0024 from './migrations/0024_sales_original_partial';
import * as m0025 from './migrations/0025_sale_flag_reviews';

// Migrations are listed in code (not read from disk) so they run the same under tsx, vitest and a
// bundled build. Each receives the dialect name only to create dialect-specific triggers.
const MIGRATIONS = { '0001_foundation': m0001, '0002_catalog_inventory': m0002, '0003_catalog': m0003, '0005_transfers_stocktakes': m0005, '0006_sales': m0006, '0007_search_index': m0007, '0008_returns': m0008, '0009_shift_close': m0009, '0010_accounting': m0010, '0011_posting_rules': m0011, '0012_manual_entries': m0012, '0013_rollups': m0013, '0014_shift_cash_movements': m0014, '0015_list_sort_indexes': m0015, '0017_settlements': m0017, '0018_tax_rates': m0018, '0019_category_rollup': m0019, '0020_tax_rollup': m0020, '0021_product_month_rollup': m0021, '0022_stock_move_indexes': m0022, '0023_outbox_without_body': m0023, '0024_sales_original_partial': m0024, '0025_sale_flag_reviews': m0025 };

export type MigrationName = keyof typeof MIGRATIONS;

export function migrateToLatest(database: Database): Promise<string[]> {
  return migrateUpTo(database);
}

/** Runs the migrations up to and including `last` (all when not given): for tests of a migration's data step. */
export async function migrateUpTo(database: Database, last?: MigrationName): Promise<string[]> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(MIGRATIONS)) {
        out[name] = { up: (db) => m.up(db, database.info.name) };
      }
      return out;
    },
  };
  // Kysely looks for its bookkeeping tables in every schema; pin them to ours, or another
  // schema's tables (a parallel test, a second tenant) would be mistaken for them.
  const migrationTableSchema =
    database.info.name === 'postgres'
      ? (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(database.db)).rows[0].s
      : undefined;
  const migrator = new Migrator({ db: database.db, provider, migrationTableSchema });
  const { error, results } = last ? await migrator.migrateTo(last) : await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
