// Sales over HTTP against the real server (`cangshou serve` in a child process, so the load
// generator and the server run on separate event loops), loopback only, bounded in time:
// - closed loop: 32 cashiers each post a sale, wait for the answer, post the next (on PostgreSQL
//   also 8 cashiers, against the raw one-statement ceiling with 8 connections: bench/raw-sale-pg.ts);
// - open loop: sales offered at a fixed rate (ARCHITECTURE §6: 200 /s), latency counted from the
//   moment each sale was due, so a stalled server cannot hide its queue (no coordinated omission).
// Every request is a fresh 5-line cash sale with a new UUIDv7 id, priced as the till would.
// Each run also reports the CPU per sale of the server process and, on PostgreSQL, of its backends
// (bench/proc-cpu.ts; Linux /proc), steadier than sales/s on a machine shared with other work.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/dialect';
import { migrateToLatest } from '../src/db/migrate';
import { DEMO_PASSWORD } from '../src/server/seed/demo';
import { createServices } from '../src/server/services';
import { backendPids, cpuMeter, procCpuSeconds } from './proc-cpu';
import { rawSaleLoop } from './raw-sale';
import { rawSalePgLoop } from './raw-sale-pg';
import { benchSale, seedSalesShop, type SalesShop } from './sales-fixture';

const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
const CLIENTS = 32;
/** ARCHITECTURE §6: PostgreSQL over HTTP with 8 clients ≥ 0.6 × the raw one-statement ceiling. */
const PG_CLIENTS = 8;
const OPEN_RATE = Number(process.env.BENCH_HTTP_RATE ?? 200);
const serverAppName = (schema: string) => `cangshou-bench-${schema}`;
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface LoadResult {
  mode: string;
  seconds: number;
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** CPU (user + system) the server process spent per sale answered, from /proc (Linux only). */
  serverCpuMsPerSale?: number;
  /** CPU the server's PostgreSQL backends spent per sale (their pids from pg_stat_activity). */
  dbCpuMsPerSale?: number;
  /** CPU the load generator (this process: HTTP clients) spent per sale; it shares the machine. */
  clientCpuMsPerSale?: number;
}

export interface HttpBench {
  dialect: 'sqlite' | 'postgres';
  results: LoadResult[];
  statuses: Record<string, number>;
  /**
   * The raw ceilings in the same run, on the database the server just used: on SQLite the prepared
   * better-sqlite3 loop (bench/raw-sale.ts) with 1 and with 32 sales per transaction; on
   * PostgreSQL one statement per sale from 8 connections.
   */
  raw: { mode: string; sales: number; seconds: number; perSecond: number; clientCpuMsPerSale?: number; dbCpuMsPerSale?: number }[];
}

interface Target {
  env: Record<string, string>;
  /** SQLite: the shop file. */
  file?: string;
  schema?: string;
  open(): Database;
  dispose(): Promise<void>;
}

async function makeTarget(dialect: 'sqlite' | 'postgres'): Promise<Target> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cangshou-bench-http-'));
    const file = path.join(dir, 'cangshou.db');
    return {
      env: { DATA_DIR: dir, SQLITE_SYNC: 'FULL' },
      file,
      open: () => openDatabase({ sqliteFile: file, sqliteSync: 'FULL' }),
      async dispose() {
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  // Names the server's connections, so the bench can find their backends and read their CPU.
  url.searchParams.set('application_name', serverAppName(schema));
  return {
    env: { DATABASE_URL: url.toString() },
    schema,
    open: () => openDatabase({ url: PG_URL, pgSchema: schema }),
    async dispose() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** ANALYZE every table of the bench's schema (it holds only this run's shop). */
async function analyzeSchema(client: pg.Client, schema: string): Promise<void> {
  const { rows } = await client.query<{ table: string }>('SELECT tablename AS table FROM pg_tables WHERE schemaname = $1', [schema]);
  await client.query(`ANALYZE ${rows.map((r) => `${schema}.${r.table}`).join(', ')}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** `cangshou serve` in its own process (node --import tsx: SIGTERM/SIGKILL reach the server itself). */
async function startServer(env: Record<string, string>): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS: e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.resolve('src/cli/main.ts'), 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 600; i++) {
    const ok = await request(port, 'GET', '/api/v1/health').then((r) => r.status === 200, () => false);
    if (ok) return { port, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

function request(port: number, method: string, url: string, body?: unknown, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        agent,
        headers: {
          ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

function summarize(mode: string, seconds: number, latencies: number[], errors: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    mode,
    seconds,
    requests: latencies.length,
    errors,
    perSecond: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

interface Load {
  port: number;
  token: string;
  shop: SalesShop;
  statuses: Record<string, number>;
  next: number;
  /** The server process, for its CPU. */
  pid: number;
  /** PostgreSQL: the pids of the server's backends right now. */
  backends?: () => Promise<number[]>;
}

/** Runs `run` and adds the server's (and its backends') CPU per sale to its result. */
async function measured(load: Load, run: () => Promise<LoadResult>): Promise<LoadResult> {
  if (procCpuSeconds(load.pid) === null) return run();
  const server = await cpuMeter(() => [load.pid]);
  const db = load.backends ? await cpuMeter(load.backends) : null;
  const own = process.cpuUsage();
  const result = await run();
  const ownCpu = process.cpuUsage(own);
  const serverCpu = await server();
  const dbCpu = db ? await db() : null;
  const perSale = (s: number | null) => (s === null || !result.requests ? undefined : (s * 1000) / result.requests);
  return { ...result, serverCpuMsPerSale: perSale(serverCpu), dbCpuMsPerSale: perSale(dbCpu), clientCpuMsPerSale: perSale((ownCpu.user + ownCpu.system) / 1e6) };
}

async function postSale(load: Load, till: number): Promise<boolean> {
  const i = load.next++;
  const res = await request(load.port, 'POST', '/api/v1/sales', benchSale(load.shop, load.shop.tills[till], i), load.token);
  load.statuses[res.status] = (load.statuses[res.status] ?? 0) + 1;
  return res.status === 201;
}

/** `clients` cashiers, each on its own register, posting back to back for `seconds`. */
async function closedLoop(load: Load, seconds: number, clients = CLIENTS): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (performance.now() < until) {
        const start = performance.now();
        if (await postSale(load, c)) latencies.push(performance.now() - start);
        else errors++;
      }
    }),
  );
  return summarize(`closed loop, ${clients} clients`, (performance.now() - t0) / 1000, latencies, errors);
}

/** Sales offered at `rate` per second over the 32 registers, whether or not earlier ones answered. */
async function openLoop(load: Load, rate: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const total = Math.round(rate * seconds);
  const t0 = performance.now();
  const inflight: Promise<void>[] = [];
  for (let k = 0; k < total; k++) {
    const due = t0 + (k * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      postSale(load, k % CLIENTS).then((ok) => {
        if (ok) latencies.push(performance.now() - due);
        else errors++;
      }),
    );
  }
  await Promise.all(inflight);
  return summarize(`open loop, ${rate} sales/s offered`, (performance.now() - t0) / 1000, latencies, errors);
}

export async function benchSalesHttp(dialect: 'sqlite' | 'postgres'): Promise<HttpBench> {
  const target = await makeTarget(dialect);
  let child: ChildProcess | null = null;
  let monitor: pg.Client | null = null;
  try {
    const database = target.open();
    await migrateToLatest(database);
    const shop = await seedSalesShop(createServices(database), { stores: 4, registersPerStore: CLIENTS / 4, products: 500 });
    await database.close();

    const server = await startServer(target.env);
    child = server.child;
    const login = await request(server.port, 'POST', '/api/v1/auth/login', { username: 'owner', password: DEMO_PASSWORD });
    const { token } = JSON.parse(login.body) as { token: string };
    if (dialect === 'postgres') {
      monitor = new pg.Client({ connectionString: PG_URL });
      await monitor.connect();
    }
    const load: Load = {
      port: server.port,
      token,
      shop,
      statuses: {},
      next: 0,
      pid: child.pid!,
      backends: monitor ? backendPids(monitor, serverAppName(target.schema!)) : undefined,
    };

    await closedLoop(load, 2); // warm-up: JIT, statement caches, connection pool
    // A running shop's tables carry planner statistics: autovacuum analyzes a table each time it
    // grows by a tenth. This schema is seconds old, so without this every load would run on the
    // planner's defaults, which take the rollup catch-up's joins to full scans of the lines.
    // ANALYZE drops every cached plan, so a second of load re-plans them before the next measurement.
    const analyzed = async () => {
      if (!monitor) return;
      await analyzeSchema(monitor, target.schema!);
      await closedLoop(load, 1);
    };
    await analyzed();
    const results = [await measured(load, () => closedLoop(load, SECONDS))];
    await analyzed();
    if (dialect === 'postgres') results.push(await measured(load, () => closedLoop(load, SECONDS, PG_CLIENTS)));
    await analyzed();
    results.push(await measured(load, () => openLoop(load, OPEN_RATE, SECONDS)));
    // The server stops first: the raw loops have the machine and the database to themselves.
    await stopServer(child);
    child = null;
    if (dialect === 'sqlite') return { dialect, results, statuses: load.statuses, raw: rawSqliteLoops(target.file!, shop) };
    const raw = await rawSalePgLoop({ url: PG_URL, schema: target.schema!, shop, clients: PG_CLIENTS, seconds: SECONDS, monitor: monitor! });
    return { dialect, results, statuses: load.statuses, raw: [{ mode: `raw, 1 statement per sale, ${PG_CLIENTS} clients`, ...raw }] };
  } finally {
    if (child) await stopServer(child);
    await monitor?.end();
    await target.dispose();
  }
}

/** The SQLite raw ceilings, sized to take about BENCH_HTTP_SECONDS each on this machine. */
function rawSqliteLoops(file: string, shop: SalesShop): HttpBench['raw'] {
  const run = (perTxn: number) => {
    // A short probe sizes the timed run.
    const probe = rawSaleLoop(file, shop, 100, perTxn);
    const sales = Math.max(200, Math.round((SECONDS * 100) / probe / 32) * 32);
    const cpu = process.cpuUsage();
    const seconds = rawSaleLoop(file, shop, sales, perTxn);
    const used = process.cpuUsage(cpu);
    return { mode: `raw better-sqlite3, ${perTxn} sale${perTxn > 1 ? 's' : ''} per transaction`, sales, seconds, perSecond: sales / seconds, clientCpuMsPerSale: (used.user + used.system) / 1000 / sales };
  };
  return [run(1), run(32)];
}

async function stopServer(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
}
