// makeTestDb(): a fresh, migrated database on the dialect under test (ARCHITECTURE §8).
// SQLite gets a new file (or memory); PostgreSQL gets a new schema in TEST_DATABASE_URL's database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type DialectName } from './dialect';
import { migrateUpTo, type MigrationName } from './migrate';

export const testDialects: DialectName[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDb extends Database {
  /** SQLite file path, or the postgres URL + schema, for tests that start a server process. */
  url: string;
  pgSchema?: string;
  dispose(): Promise<void>;
}

/** `upTo`: stop after that migration, for a test of a later migration's data step. */
export async function makeTestDb(dialect: DialectName, opts: { file?: boolean; upTo?: MigrationName } = {}): Promise<TestDb> {
  if (dialect === 'postgres') return makePostgresTestDb(opts.upTo);
  const dir = opts.file ? fs.mkdtempSync(path.join(os.tmpdir(), 'cangshou-test-')) : null;
  const file = dir ? path.join(dir, 'cangshou.db') : ':memory:';
  const database = openDatabase({ sqliteFile: file, sqliteSync: 'NORMAL' });
  await migrateUpTo(database, opts.upTo);
  return {
    ...database,
    url: file,
    async dispose() {
      await database.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function makePostgresTestDb(upTo?: MigrationName): Promise<TestDb> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const database = openDatabase({ url, pgSchema: schema, pgPoolSize: 5 });
  await migrateUpTo(database, upTo);
  return {
    ...database,
    url,
    pgSchema: schema,
    async dispose() {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}
