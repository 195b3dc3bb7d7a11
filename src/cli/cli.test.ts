// The real `cangshou` command in child processes: verify, tampering, users, backup, and a server
// killed with SIGKILL in the middle of a burst of postings.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { uuidv7 } from '../core/id/uuidv7';
import { testDialects } from '../db/testing';

// `node --import tsx` runs the CLI in ONE process, so SIGKILL hits the server itself (the tsx
// binary would run it in a child that outlives the kill).
const NODE_ARGS = ['--import', 'tsx', path.resolve('src/cli/main.ts')];

interface Target {
  env: Record<string, string>;
  tamper(sqlText: string): Promise<void>;
  /** Read rows straight from the database (the server may be dead). */
  query<R>(sqlText: string): Promise<R[]>;
  dispose(): Promise<void>;
}

async function makeTarget(dialect: string): Promise<Target> {
  if (dialect === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const schema = `cli_${uuidv7().replace(/-/g, '').slice(-12)}`;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE SCHEMA ${schema}`);
    await c.end();
    const u = new URL(url);
    u.searchParams.set('options', `-c search_path=${schema}`);
    return {
      env: { DATABASE_URL: u.toString() },
      async tamper(sqlText) {
        const k = new pg.Client({ connectionString: u.toString() });
        await k.connect();
        await k.query('SET session_replication_role = replica');
        await k.query(sqlText);
        await k.end();
      },
      async query<R>(sqlText: string) {
        const k = new pg.Client({ connectionString: u.toString() });
        await k.connect();
        const r = await k.query(sqlText);
        await k.end();
        return r.rows as R[];
      },
      async dispose() {
        const k = new pg.Client({ connectionString: url });
        await k.connect();
        await k.query(`DROP SCHEMA ${schema} CASCADE`);
        await k.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cangshou-cli-'));
  return {
    env: { DATA_DIR: dir },
    // Edit the file directly, as an attacker with the file would: drop the guard, change a row.
    async tamper(sqlText) {
      const raw = new Database(path.join(dir, 'cangshou.db'));
      for (const t of raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]) raw.exec(`DROP TRIGGER ${t.name}`);
      raw.exec(sqlText);
      raw.close();
    },
    async query<R>(sqlText: string) {
      const raw = new Database(path.join(dir, 'cangshou.db'), { readonly: true });
      const rows = raw.prepare(sqlText).all() as R[];
      raw.close();
      return rows;
    },
    async dispose() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function cli(env: Record<string, string>, ...args: string[]) {
  return spawnSync(process.execPath, [...NODE_ARGS, ...args], { env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 120_000 });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function startServer(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [...NODE_ARGS, 'serve'], { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return { url, child };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

describe.each(testDialects)('cangshou CLI on %s', (dialect) => {
  let target: Target;
  let child: ChildProcess | null = null;
  afterEach(async () => {
    child?.kill('SIGKILL');
    child = null;
    await target?.dispose();
  });

  it('verify passes on demo data and fails naming the seq of a tampered audit row', { timeout: 180_000 }, async () => {
    target = await makeTarget(dialect);
    expect(cli(target.env, 'seed', '--demo').status).toBe(0);
    const ok = cli(target.env, 'verify');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/ok {3}CHAIN/);
    await target.tamper("UPDATE audit_events SET data_json = '{\"forged\":true}' WHERE chain_id LIKE 'company:%' AND seq = 3");
    const bad = cli(target.env, 'verify', '--json');
    expect(bad.status).toBe(1);
    const report = JSON.parse(bad.stdout);
    expect(report.firstViolation).toMatch(/^CHAIN: chain company:[\w-]+ is broken at seq 3$/);
  });

  it('creates users with roles and resets passwords from the command line', { timeout: 180_000 }, async () => {
    target = await makeTarget(dialect);
    expect(cli(target.env, 'seed', '--demo').status).toBe(0);
    const weak = cli(target.env, 'users', 'create', 'xiaoli', '--password', 'short', '--role', 'cashier@S01');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/at least 8 characters \(password\)/);
    const made = cli(target.env, 'users', 'create', 'xiaoli', '--password', 'xiaoli-pass-2026', '--role', 'cashier@S01', '--name', '小李');
    expect(made.status).toBe(0);
    const list = cli(target.env, 'users', 'list');
    expect(list.stdout).toMatch(/xiaoli\s+active\s+cashier@/);
    expect(cli(target.env, 'users', 'reset-password', 'xiaoli', '--password', 'another-pass-2026').status).toBe(0);
    expect(cli(target.env, 'verify').status).toBe(0);
  });

  it('seeds synthetic stores, products and sales through the real checkout, and verify stays clean', { timeout: 180_000 }, async () => {
    target = await makeTarget(dialect);
    expect(cli(target.env, 'seed', '--demo').status).toBe(0);
    const res = cli(target.env, 'seed', '--products', '60', '--stores', '2', '--sales', '120');
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/seeded 2 stores, 60 products with opening stock, 120 sales/);
    // Progress on stderr while the checkout rings the sales up (plain lines when not a terminal).
    expect(res.stderr).toMatch(/^sales\s+\[#{30}\]\s+100% 120\/120$/m);
    const report = cli(target.env, 'verify', '--json');
    expect(report.status).toBe(0);
    const server = await startServer(target.env);
    child = server.child;
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'owner', password: 'cangshou-demo' }),
    });
    const { token } = (await login.json()) as { token: string };
    const sales = (await (await fetch(`${server.url}/api/v1/documents?type=sale&pageSize=1`, { headers: { authorization: `Bearer ${token}` } })).json()) as { total: number };
    expect(sales.total).toBe(120);
  });

  it('seeds sales history in bulk with progress, rolls it up (and rebuilds it), and verify stays clean', { timeout: 180_000 }, async () => {
    target = await makeTarget(dialect);
    expect(cli(target.env, 'seed', '--demo').status).toBe(0);
    expect(cli(target.env, 'seed', '--products', '40', '--stores', '2').status).toBe(0);
    const res = cli(target.env, 'seed', '--sales', '600', '--bulk', '--months', '2');
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^bulk: 600 sales, \d+ lines, \d+ rows in /m);
    expect(res.stderr).toMatch(/^bulk sales\s+\[#{30}\]\s+100% 600\/600$/m);
    expect(cli(target.env, 'verify').status).toBe(0);
    // The rollups were rebuilt from the rows written: their sales equal the receipts' amounts due.
    const [raw] = await target.query<{ n: string; due: string }>("SELECT SUM(CASE WHEN kind = 'sale' THEN 1 ELSE 0 END) AS n, SUM(due) AS due FROM sales");
    const [rolled] = await target.query<{ net: string }>('SELECT SUM(sales) - SUM(returns) AS net FROM rollup_till_hour');
    expect(Number(raw.n)).toBeGreaterThanOrEqual(600);
    expect(Number(rolled.net)).toBe(Number(raw.due));
    // `cangshou rollups rebuild` recomputes the same figures from the raw rows.
    const rebuilt = cli(target.env, 'rollups', 'rebuild');
    expect(rebuilt.stdout).toMatch(/^rollups rebuilt from \d+ documents/m);
    const [again] = await target.query<{ net: string }>('SELECT SUM(sales) - SUM(returns) AS net FROM rollup_till_hour');
    expect(Number(again.net)).toBe(Number(raw.due));
  });

  it('backs up SQLite online into a file that verifies on its own; points PostgreSQL to pg_dump', { timeout: 180_000 }, async () => {
    target = await makeTarget(dialect);
    expect(cli(target.env, 'seed', '--demo').status).toBe(0);
    const file = path.join(os.tmpdir(), `cangshou-backup-${uuidv7()}.db`);
    const res = cli(target.env, 'backup', file);
    if (dialect === 'postgres') {
      expect(res.status).toBe(2);
      expect(res.stderr).toMatch(/pg_dump/);
      return;
    }
    expect(res.status).toBe(0);
    const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cangshou-restore-'));
    fs.renameSync(file, path.join(copyDir, 'cangshou.db'));
    const check = cli({ DATA_DIR: copyDir }, 'verify', '--json');
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout).ok).toBe(true);
    fs.rmSync(copyDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged sale exactly once, receipt numbers gapless, after a SIGKILL in the middle of concurrent sales', { timeout: 180_000 }, async () => {
    target = await makeTarget(dialect);
    const server = await startServer(target.env);
    child = server.child;
    let token = '';
    const api = async (method: string, url: string, body?: unknown) => {
      const res = await fetch(`${server.url}/api/v1${url}`, {
        method,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    token = (await api('POST', '/auth/login', { username: 'owner', password: 'cangshou-demo' })).body.token;
    const registers = (await api('GET', '/registers')).body.items as { id: string }[];
    const tills = await Promise.all(
      registers.map(async (r) => ({ registerId: r.id, shiftId: (await api('POST', '/shifts', { id: uuidv7(), registerId: r.id, openingFloat: 0 })).body.id as string })),
    );
    const products = ((await api('GET', '/products?pageSize=50')).body.items as { id: string; weighable: boolean }[]).filter((p) => !p.weighable).slice(0, 3);
    // The server's due for each register's basket, learnt from its own refusal of a wrong total.
    const lines = products.map((p, k) => ({ productId: p.id, qty: 1000 * (k + 1) }));
    const dueAt = new Map<string, number>();
    for (const till of tills) {
      const probe = await api('POST', '/sales', { id: uuidv7(), ...till, lines, payments: [{ method: 'cash', amount: 1 }], clientTotal: 0, offline: false, clientTime: new Date().toISOString() });
      expect(probe.body.code).toBe('client_total_mismatch');
      dueAt.set(till.registerId, probe.body.serverDue);
    }

    const acknowledged = new Map<string, { number: string; body: unknown }>();
    let sent = 0;
    const fire = async () => {
      for (;;) {
        const till = tills[sent++ % tills.length];
        const due = dueAt.get(till.registerId)!;
        const body = { id: uuidv7(), ...till, lines, payments: [{ method: 'cash', amount: due }], clientTotal: due, offline: false, clientTime: new Date().toISOString() };
        try {
          const res = await api('POST', '/sales', body);
          if (res.status === 201) acknowledged.set(body.id, { number: res.body.number, body });
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = Array.from({ length: 16 }, fire);
    while (acknowledged.size < 150) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    await Promise.all(workers);

    const report = cli(target.env, 'verify', '--json');
    expect(report.status, report.stdout + report.stderr).toBe(0);
    const rows = await target.query<{ client_id: string; number: string }>("SELECT client_id, number FROM documents WHERE type = 'sale'");
    const stored = new Map<string, string[]>();
    for (const r of rows) stored.set(r.client_id, [...(stored.get(r.client_id) ?? []), r.number]);
    for (const [id, ack] of acknowledged) expect(stored.get(id), `sale ${id}`).toEqual([ack.number]);
    // Receipt numbers per register (shared with cash paid-in/out) run 1, 2, 3… with no gap.
    const seqs = await target.query<{ number_scope: string; number_seq: number }>("SELECT number_scope, number_seq FROM documents WHERE number_scope LIKE 'register:%' ORDER BY number_scope, number_seq");
    const byScope = new Map<string, number[]>();
    for (const r of seqs) byScope.set(r.number_scope, [...(byScope.get(r.number_scope) ?? []), Number(r.number_seq)]);
    for (const [scope, list] of byScope) expect(list, scope).toEqual(list.map((_, i) => i + 1));

    // After the restart a till that never heard back retries: the same sale, not a second one.
    const after = await startServer(target.env);
    child = after.child;
    const [firstId, first] = [...acknowledged][0];
    const retry = await fetch(`${after.url}/api/v1/sales`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(first.body) });
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { number: string; clientId: string })).toMatchObject({ number: first.number, clientId: firstId });
  });

  it('keeps every invariant after the server is SIGKILLed in the middle of a burst of postings', { timeout: 180_000 }, async () => {
    target = await makeTarget(dialect);
    const server = await startServer(target.env);
    child = server.child;
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'owner', password: 'cangshou-demo' }),
    });
    const { token } = (await login.json()) as { token: string };
    const regs = (await (await fetch(`${server.url}/api/v1/registers`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { id: string }[] };
    let acknowledged = 0;
    const fire = async () => {
      for (;;) {
        try {
          const res = await fetch(`${server.url}/api/v1/documents/cash-movements`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ id: uuidv7(), registerId: regs.items[acknowledged % regs.items.length].id, direction: 'in', amount: 100, reason: 'burst' }),
          });
          if (res.status === 201) acknowledged++;
        } catch {
          return; // the server is gone
        }
      }
    };

    const workers = Array.from({ length: 16 }, fire);
    while (acknowledged < 150) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    await Promise.all(workers);

    const report = cli(target.env, 'verify', '--json');
    expect(report.status, report.stdout + report.stderr).toBe(0);
    // Every sale the server acknowledged survived the crash.
    const after = await startServer(target.env);
    child = after.child;
    const docs = (await (await fetch(`${after.url}/api/v1/documents?type=cash_in&pageSize=1`, { headers: { authorization: `Bearer ${token}` } })).json()) as { total: number };
    expect(docs.total).toBeGreaterThanOrEqual(acknowledged + 1);
  });
});
