// Configuration from the environment; everything has a default so `npm start` needs none.
// See docs/configuration.md.
import path from 'node:path';
import type { SqliteSync } from '../db/dialect';

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  sqliteFile: string;
  sqliteSync: SqliteSync;
  host: string;
  port: number;
  logLevel: string;
  secureCookies: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? 'data');
  const sync = (env.SQLITE_SYNC ?? 'FULL').toUpperCase();
  if (sync !== 'FULL' && sync !== 'NORMAL') throw new Error(`SQLITE_SYNC must be FULL or NORMAL, not ${env.SQLITE_SYNC}`);
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${env.PORT}`);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    sqliteFile: path.join(dataDir, 'cangshou.db'),
    sqliteSync: sync,
    host: env.HOST ?? '127.0.0.1',
    port,
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: env.SECURE_COOKIES === '1' || env.SECURE_COOKIES === 'true',
  };
}
