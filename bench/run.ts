// `npm run bench [-- section...]`: runs the benchmarks (all, or the named sections), prints a table
// per section and writes bench/results/<section>.json. Figures on a shared 2-core box are noisy:
// compare the ratios within one run (ARCHITECTURE §6).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchCatalog } from './catalog';
import { benchGrowth } from './growth';
import { benchImport } from './import';
import { benchPosting } from './posting';
import { benchReceipt } from './receipt';
import { benchReports, type ReportsBench } from './reports';
import { benchSales } from './sales';
import { benchSalesHttp, type HttpBench, type LoadResult } from './sales-http';
import { benchTill } from './till';

const ms = (n: number) => n.toFixed(3);
/** CPU per sale of the process that answered (server, or the raw loop) and of its database backends. */
const cpu = (own?: number, db?: number) => [own, db].filter((x) => x !== undefined).map((x) => x!.toFixed(2)).join(' · ');

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
  async growth() {
    const r = await benchGrowth((m) => console.log(m));
    console.log(`\nPosting cost as the books grow: ${r.historySales} sales (${r.historyLines} lines) of history written in ${r.seedSeconds.toFixed(0)} s, SQLite FULL\n`);
    console.table(r.rows.map((x) => ({ when: x.when, 'sale lines before': x.saleLines, sales: x.sales, 'sales/s': Math.round(x.perSecond), 'CPU ms/sale': x.cpuMsPerSale.toFixed(2) })));
    console.table([{ ratio: 'CPU per sale: after history / empty', value: r.ratio.toFixed(2), budget: '≤ 1.20 (at 10 M lines)' }]);
    return r;
  },
  async 'sales-http'() {
    // BENCH_HTTP_DB=sqlite or postgres runs one of the two (both by default). BENCH_HTTP_REPEAT=n
    // runs the whole set n times, alternating the dialects, and adds the median of each ratio:
    // on a shared machine one run can land in a slow minute.
    const only = process.env.BENCH_HTTP_DB;
    const repeat = Math.max(1, Number(process.env.BENCH_HTTP_REPEAT ?? 1));
    const done: (HttpBench & { run: number })[] = [];
    for (let run = 1; run <= repeat; run++) {
      if (only !== 'postgres') done.push({ run, ...(await benchSalesHttp('sqlite')) });
      // PostgreSQL when one answers (BENCH_DATABASE_URL, TEST_DATABASE_URL or the local default).
      const pg = only === 'sqlite' ? null : await benchSalesHttp('postgres').catch((err: Error) => (console.log(`PostgreSQL skipped: ${err.message}`), null));
      if (pg) done.push({ run, ...pg });
    }
    const budget = (dialect: string, mode: string) =>
      mode.startsWith('open') ? (dialect === 'sqlite' ? 'p99 ≤ 20 ms' : 'p99 ≤ 40 ms') : dialect === 'sqlite' ? '≥ 1,500 /s or ratios' : mode.includes(' 8 ') ? '≥ 0.6 × raw' : '';
    console.log('\nSales over HTTP (5-line cash sales, server in a child process, loopback)\n');
    console.table(
      done.flatMap((r) => [
        ...r.results.map((x) => ({ run: r.run, db: r.dialect, load: x.mode, seconds: x.seconds.toFixed(1), ok: x.requests, errors: x.errors, 'sales/s': Math.round(x.perSecond), 'p50 ms': ms(x.p50), 'p95 ms': ms(x.p95), 'p99 ms': ms(x.p99), 'CPU ms/sale: server · db': cpu(x.serverCpuMsPerSale, x.dbCpuMsPerSale), 'load gen': x.clientCpuMsPerSale?.toFixed(2) ?? '', budget: budget(r.dialect, x.mode) })),
        ...r.raw.map((x) => ({ run: r.run, db: r.dialect, load: x.mode, seconds: x.seconds.toFixed(1), ok: x.sales, errors: 0, 'sales/s': Math.round(x.perSecond), 'p50 ms': '', 'p95 ms': '', 'p99 ms': '', 'CPU ms/sale: server · db': cpu(x.clientCpuMsPerSale, x.dbCpuMsPerSale), 'load gen': '', budget: 'ceiling' })),
      ]),
    );
    // ARCHITECTURE §6 rules by ratio where an absolute budget is above the raw ceiling measured in
    // the same run: SQLite's 1,500 /s was set against raw ceilings of 1,100 /s (1 sale per
    // transaction, FULL) and 3,500 /s (32 per transaction), hence ≥ 1.36 × and ≥ 0.43 ×.
    const ratios: { run?: number; ratio: string; value: number; budget: number }[] = [];
    for (const r of done) {
      const closed = (n: number) => r.results.find((x) => x.mode === `closed loop, ${n} clients`);
      const raw = (prefix: string) => r.raw.find((x) => x.mode.startsWith(prefix));
      const add = (ratio: string, http: LoadResult | undefined, ceiling: { perSecond: number } | undefined, budget: number) => {
        if (http && ceiling) ratios.push({ run: r.run, ratio, value: http.perSecond / ceiling.perSecond, budget });
      };
      if (r.dialect === 'sqlite') {
        add('SQLite HTTP 32 clients / raw 1 sale per transaction', closed(32), raw('raw better-sqlite3, 1 '), 1500 / 1100);
        add('SQLite HTTP 32 clients / raw 32 sales per transaction', closed(32), raw('raw better-sqlite3, 32 '), 1500 / 3500);
      } else {
        add('PostgreSQL HTTP 8 clients / raw 1 statement per sale, 8 clients', closed(8), raw('raw, 1 statement'), 0.6);
      }
    }
    const medians =
      repeat > 1
        ? [...new Set(ratios.map((x) => x.ratio))].map((ratio) => {
            const values = ratios.filter((x) => x.ratio === ratio).map((x) => x.value).sort((a, b) => a - b);
            // The lower middle when even: a budget is not called met on the luckier half.
            return { ratio: `median of ${values.length}: ${ratio}`, value: values[Math.floor((values.length - 1) / 2)], budget: ratios.find((x) => x.ratio === ratio)!.budget };
          })
        : [];
    const shown: { run?: number; ratio: string; value: number; budget: number }[] = [...ratios, ...medians];
    if (shown.length) console.table(shown.map((x) => ({ run: x.run ?? '', ratio: x.ratio, value: x.value.toFixed(2), budget: `≥ ${x.budget.toFixed(2)}` })));
    // The open loop's p99 over the runs; the upper middle when even (lower is better here).
    const tails =
      repeat > 1
        ? [...new Set(done.map((r) => r.dialect))].map((dialect) => {
            const p99 = done.filter((r) => r.dialect === dialect).flatMap((r) => r.results.filter((x) => x.mode.startsWith('open')).map((x) => x.p99));
            const sorted = [...p99].sort((a, b) => a - b);
            return { db: dialect, 'open loop p99 ms, each run': p99.map((x) => x.toFixed(1)).join(' / '), median: sorted[Math.floor(sorted.length / 2)].toFixed(1), budget: budget(dialect, 'open') };
          })
        : [];
    if (tails.length) console.table(tails);
    return { runs: done, ratios, medians, tails };
  },
  async receipt() {
    const r = await benchReceipt();
    console.log(`\nPosting ${r.receipts} goods receipts of ${r.lines} lines one after another through the service, SQLite synchronous=FULL\n`);
    console.table([{ what: `${r.lines}-line receipt`, receipts: r.receipts, 'p50 ms': ms(r.p50), 'p95 ms': ms(r.p95), 'p99 ms': ms(r.p99), 'receipts/s': Math.round(r.perSecond), 'CPU ms each': ms(r.cpuMsPerReceipt), budget: '≤ 10 ms' }]);
    return r;
  },
  async reports() {
    const runs: ReportsBench[] = [await benchReports('sqlite', (m) => console.log(m))];
    runs.push(await benchReports('postgres', (m) => console.log(m)).catch((err: Error) => (console.log(`PostgreSQL skipped: ${err.message}`), null as never)));
    const done = runs.filter(Boolean);
    console.log('\nReports over the rollups (seeded history, 12 months)\n');
    console.table(done.map((r) => ({ db: r.dialect, sales: r.sales, 'sale lines': r.saleLines, 'seed s': r.seedSeconds.toFixed(1), 'seed sales/s': Math.round(r.seedSalesPerSecond), month: `${r.month.from}..${r.month.to}` })));
    console.table(done.flatMap((r) => r.timings.map((x) => ({ db: r.dialect, report: x.what, samples: x.samples, 'p50 ms': ms(x.p50), 'p95 ms': ms(x.p95), budget: `p95 ≤ ${x.budgetMs} ms` }))));
    return { runs: done };
  },
  async catalog() {
    const r = await benchCatalog((m) => console.log(m));
    console.log(`\nCatalog with ${r.products} products (SQLite), seeded in ${r.seedSeconds.toFixed(1)} s\n`);
    console.table([{ what: 'barcode lookup', samples: r.lookup.samples, 'p50 ms': ms(r.lookup.p50), 'p99 ms': ms(r.lookup.p99), budget: 'p99 ≤ 1 ms' }]);
    console.table(r.search.map((x) => ({ 'search q': x.query, samples: x.samples, 'p50 ms': ms(x.p50), 'p95 ms': ms(x.p95), 'CPU ms each': ms(x.cpuMs), budget: 'p95 ≤ 20 ms' })));
    console.table(r.browse.map((x) => ({ 'product list sort': x.sort, page: x.page, samples: x.samples, 'p50 ms': ms(x.p50), 'p95 ms': ms(x.p95) })));
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
  async till() {
    const r = await benchTill((m) => console.log(m));
    console.log(`\nThe till in Chromium with ${r.products} products (server on SQLite, seeded in ${r.seedSeconds.toFixed(1)} s)\n`);
    const f = r.firstLoad;
    console.table([
      { what: 'first load: PIN → full snapshot in memory', 'p50 ms': Math.round(f.signInToReadyMs), 'p95 ms': '', 'max ms': '', budget: '', parts: `download ${Math.round(f.refresh.downloadMs)} · IndexedDB write ${Math.round(f.refresh.storeMs)} · maps ${Math.round(f.refresh.indexMs)} ms · ${f.snapshotRequests} pages` },
      { what: `cold start: reload → ready (${r.coldStart.runs.length} runs)`, 'p50 ms': Math.round(r.coldStart.reloadToReady.p50), 'p95 ms': Math.round(r.coldStart.reloadToReady.p95), 'max ms': Math.round(r.coldStart.reloadToReady.max), budget: '≤ 5000 ms', parts: '' },
      { what: 'cold start: snapshot load (in the till)', 'p50 ms': Math.round(r.coldStart.snapshotLoad.p50), 'p95 ms': Math.round(r.coldStart.snapshotLoad.p95), 'max ms': Math.round(r.coldStart.snapshotLoad.max), budget: '', parts: (({ readMs, parseMs, indexMs, searchIndexMs }) => `last run: read ${Math.round(readMs)} · parse ${Math.round(parseMs)} · maps ${Math.round(indexMs)} ms, then search keys ${Math.round(searchIndexMs)} ms`)(r.coldStart.runs.at(-1)!.parts) },
    ]);
    console.table(r.keystrokes.map((k) => ({ query: `${k.kind}: ${k.query}`, keystrokes: k.render.samples, results: k.hits, 'p50 ms': ms(k.render.p50), 'p95 ms': ms(k.render.p95), 'max ms': ms(k.render.max), 'search only p95 ms': ms(k.searchOnly.p95), budget: '≤ 50 ms' })));
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
