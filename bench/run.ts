// `npm run bench [-- section...]`: runs the benchmarks (all, or the named sections), prints a table
// per section and writes bench/results/<section>.json. Figures on a shared 2-core box are noisy:
// compare the ratios within one run (ARCHITECTURE §6).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchCatalog } from './catalog';
import { benchImport } from './import';
import { benchPosting } from './posting';

const ms = (n: number) => n.toFixed(3);

const SECTIONS: Record<string, () => Promise<object>> = {
  async posting() {
    const r = await benchPosting();
    console.log('\nPosting a 5-line stock document, SQLite synchronous=FULL\n');
    console.table(r.rows.map((x) => ({ benchmark: x.name, docs: x.docs, seconds: x.seconds.toFixed(2), 'docs/s': Math.round(x.perSecond) })));
    console.table(Object.entries(r.ratios).map(([ratio, v]) => ({ ratio, value: v.toFixed(2) })));
    return r;
  },
  async catalog() {
    const r = await benchCatalog((m) => console.log(m));
    console.log(`\nCatalog with ${r.products} products (SQLite), seeded in ${r.seedSeconds.toFixed(1)} s\n`);
    console.table([{ what: 'barcode lookup', samples: r.lookup.samples, 'p50 ms': ms(r.lookup.p50), 'p99 ms': ms(r.lookup.p99), budget: 'p99 ≤ 1 ms' }]);
    console.table(r.search.map((x) => ({ 'search q': x.query, samples: x.samples, 'p50 ms': ms(x.p50), 'p95 ms': ms(x.p95), budget: 'p95 ≤ 20 ms' })));
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
