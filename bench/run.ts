// `npm run bench`: runs every benchmark, prints a table and writes bench/results/<name>.json.
// Figures on a shared 2-core box are noisy: compare the ratios within one run (ARCHITECTURE §6).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchPosting } from './posting';

async function main() {
  const started = new Date().toISOString();
  const posting = await benchPosting();

  console.log('\nPosting a 5-line stock document, SQLite synchronous=FULL\n');
  console.table(posting.rows.map((r) => ({ benchmark: r.name, docs: r.docs, seconds: r.seconds.toFixed(2), 'docs/s': Math.round(r.perSecond) })));
  console.table(Object.entries(posting.ratios).map(([ratio, v]) => ({ ratio, value: v.toFixed(2) })));

  const dir = path.resolve('bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'posting.json');
  fs.writeFileSync(file, JSON.stringify({ started, machine: { cpus: os.cpus().length, node: process.version }, ...posting }, null, 2));
  console.log(`\nwritten ${path.relative(process.cwd(), file)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
