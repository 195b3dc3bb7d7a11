import { openDatabase, type Database } from '../db/dialect';
import { migrateToLatest } from '../db/migrate';
import type { Config } from '../server/config';

/** The database named by the configuration, migrated to the latest version. */
export async function openMigrated(config: Config): Promise<Database> {
  const database = openDatabase({ url: config.databaseUrl, sqliteFile: config.sqliteFile, sqliteSync: config.sqliteSync });
  await migrateToLatest(database);
  return database;
}
