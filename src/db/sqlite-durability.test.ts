import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sqlitePragmas } from './dialect';
import { sqliteDurability } from './sqlite-durability';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function shopFile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cangshou-durability-'));
  dirs.push(dir);
  const file = path.join(dir, 'shop.db');
  const raw = new BetterSqlite3(file);
  sqlitePragmas(raw, 'NORMAL');
  raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  return { file, raw };
}

describe('SQLite durability off the event loop', () => {
  it('flushes once for callers that arrive together, and not again when nothing was written', async () => {
    const { file, raw } = shopFile();
    const d = sqliteDurability(raw, file, 'FULL');
    raw.prepare('INSERT INTO t (v) VALUES (?)').run('a');
    await Promise.all(Array.from({ length: 50 }, () => d.durable()));
    expect(d.stats().flushes).toBe(1);
    await d.durable();
    expect(d.stats().flushes).toBe(1);
    // A write after the flush started needs a flush of its own.
    const first = d.durable();
    raw.prepare('INSERT INTO t (v) VALUES (?)').run('b');
    raw.prepare('INSERT INTO t (v) VALUES (?)').run('c');
    const second = d.durable();
    await Promise.all([first, second]);
    expect(d.stats().flushes).toBe(2);
    await d.close();
    raw.close();
  });

  it('names the flush running now, and nothing when none runs', async () => {
    const { file, raw } = shopFile();
    const d = sqliteDurability(raw, file, 'FULL');
    expect(d.inFlight()).toBeNull();
    raw.prepare('INSERT INTO t (v) VALUES (?)').run('a');
    const flushed = d.durable();
    const running = d.inFlight();
    expect(running).not.toBeNull();
    await running;
    await flushed;
    expect(d.inFlight()).toBeNull();
    await d.close();
    raw.close();
  });

  it('promises nothing under NORMAL: no flush at all', async () => {
    const { file, raw } = shopFile();
    const d = sqliteDurability(raw, file, 'NORMAL');
    raw.prepare('INSERT INTO t (v) VALUES (?)').run('a');
    await d.durable();
    expect(d.stats().flushes).toBe(0);
    await d.close();
    raw.close();
  });

  it('checkpoints on a worker thread once enough has been written, and closes it', async () => {
    const { file, raw } = shopFile();
    const d = sqliteDurability(raw, file, 'FULL');
    const insert = raw.prepare('INSERT INTO t (v) VALUES (?)');
    raw.transaction(() => {
      for (let i = 0; i < 12_000; i++) insert.run(`row ${i}`);
    })();
    await d.durable();
    await expect.poll(() => d.stats().checkpointRuns, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(d.stats().framesCopied).toBeGreaterThan(0);
    await d.close();
    raw.close();
    const again = new BetterSqlite3(file, { readonly: true });
    expect(again.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 12_000 });
    again.close();
  });
});
