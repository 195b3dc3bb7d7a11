// `npm run bench [-- section...]`: runs the benchmarks (all, or the named sections), prints a table
// per section and writes bench/results/<section>.json. Figures on a shared 2-core box are noisy:
// compare the ratios within one run (ARCHITECTURE §6).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchCatalog } from './catalog';
import { benchImport } from './import';
import { benchPosting } from './posting';
import { benchReceipt } from './receipt';
import { benchSales } from './sales';
import { benchSalesHttp, type HttpBench } from './sales-http';

const ms = (n: number) => n.toFixed(3);

const SECTIONS: Record<string, () => Promise<object>> = {
  async posting() {
    const r = await benchPosting();
    console.log('\nPosting a 5-line stock document, SQLite synchronous=FULL\n');
    console.table(r.rows.map((x) => ({ benchmark: x.name, docs: x.docs, seconds: x.seconds.toFixed(2), 'docs/s': Math.round(x.perSecond) })));
    console.table(Object.entries(r.ratios).map(([ratio, v]) => ({ ratio, value: v.toFixed(2) })));
    return r;
  },
  async sales() {
    const r = await benchSales();
    console.log('\nPosting 5-line cash sales through the checkout in process, SQLite synchronous=FULL\n');
    console.table(r.rows.map((x) => ({ benchmark: x.name, sales: x.sales, seconds: x.seconds.toFixed(2), 'sales/s': Math.round(x.perSecond), 'CPU ms/sale': x.cpuMsPerSale.toFixed(2) })));
    console.table(Object.entries(r.ratios).map(([ratio, v]) => ({ ratio, value: v.toFixed(2), budget: '≥ 0.50' })));
    return r;
  },
  async 'sales-http'() {
    const runs: HttpBench[] = [await benchSalesHttp('sqlite')];
    // PostgreSQL when one answers (BENCH_DATABASE_URL, TEST_DATABASE_URL or the local default).
    runs.push(await benchSalesHttp('postgres').catch((err: Error) => (console.log(`PostgreSQL skipped: ${err.message}`), null as never)));
    const done = runs.filter(Boolean);
    const budget: Record<string, string> = { sqlite: 'p99 ≤ 20 ms', postgres: 'p99 ≤ 40 ms' };
    console.log('\nSales over HTTP (5-line cash sales, server in a child process, loopback)\n');
    console.table(
      done.flatMap((r) =>
        r.results.map((x) => ({ db: r.dialect, load: x.mode, seconds: x.seconds.toFixed(1), ok: x.requests, errors: x.errors, 'sales/s': Math.round(x.perSecond), 'p50 ms': ms(x.p50), 'p95 ms': ms(x.p95), 'p99 ms': ms(x.p99), budget: budget[r.dialect] })),
      ),
    );
    return { runs: done };
  },
  async receipt() {
    const r = await benchReceipt();
    console.log(`\nPosting ${r.receipts} goods receipts of ${r.lines} lines one after another through the service, SQLite synchronous=FULL\n`);
    console.table([{ what: `${r.lines}-line receipt`, receipts: r.receipts, 'p50 ms': ms(r.p50), 'p95 ms': ms(r.p95), 'p99 ms': ms(r.p99), 'receipts/s': Math.round(r.perSecond), 'CPU ms each': ms(r.cpuMsPerReceipt), budget: '≤ 10 ms' }]);
    return r;
  },
  async catalog() {
    const r = await benchCatalog((m) => console.log(m));
    console.log(`\nCatalog with ${r.products} products (SQLite), seeded in ${r.seedSeconds.toFixed(1)} s\n`);
    console.table([{ what: 'barcode lookup', samples: r.lookup.samples, 'p50 ms': ms(r.lookup.p50), 'p99 ms': ms(r.lookup.p99), budget: 'p99 ≤ 1 ms' }]);
    console.table(r.search.map((x) => ({ 'search q': x.query, samples: x.samples, 'p50 ms': ms(x.p50), 'p95 ms': ms(x.p95), 'CPU ms each': ms(x.cpuMs), budget: 'p95 ≤ 20 ms' })));
    return r;
  },
  async import() {
    const r = await benchImport();
    console.log(`\nImporting ${r.rows} products with barcodes, prices and opening stock from CSV (SQLite FULL)\n`);
    console.table([
      { what: 'import commit (parse + check + write)', seconds: r.seconds.toFixed(2), 'rows/s': Math.round(r.rowsPerSecond), budget: '≥ 20,000 rows/s' },
      { what: 'import dry run (parse + check)', seconds: r.dryRunSeconds.toFixed(2), 'rows/s': Math.round(r.rows / r.dryRunSeconds), budget: '' },
      { what: 'raw better-sqlite3, same rows', seconds: r.raw.seconds.toFixed(2), 'rows/s': Math.round(r.raw.rowsPerSecond), budget: '' },
    ]);
    console.table([{ ratio: 'import commit / raw', value: r.ratio.toFixed(2) }]);
    return r;
  },
};

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length ? wanted : Object.keys(SECTIONS);
  const dir = path.resolve('bench/results');
  fs.mkdirSync(dir, { recursive: true });
  for (const name of names) {
    const run = SECTIONS[name];
    if (!run) throw new Error(`Unknown benchmark ${name}; known: ${Object.keys(SECTIONS).join(', ')}`);
    const started = new Date().toISOString();
    const result = await run();
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify({ started, machine: { cpus: os.cpus().length, node: process.version }, ...result }, null, 2));
    console.log(`written ${path.relative(process.cwd(), file)}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
