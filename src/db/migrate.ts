import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './dialect';
import * as m0001 from './migrations/0001_foundation';

// Migrations are listed in code (not read from disk) so they run the same under tsx, vitest and a
// bundled build. Each receives the dialect name only to create dialect-specific triggers.
const MIGRATIONS = { '0001_foundation': m0001 };

export async function migrateToLatest(database: Database): Promise<string[]> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(MIGRATIONS)) {
        out[name] = { up: (db) => m.up(db, database.info.name) };
      }
      return out;
    },
  };
  const migrator = new Migrator({ db: database.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
