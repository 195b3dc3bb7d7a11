// `cangshou rollups rebuild | catch-up`: the analytics rollups (docs/analytics.md).
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../server/config';
import { Rollups } from '../server/rollups/rollup-job';
import { openMigrated } from './open';

function positive(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of at least 1');
  return n;
}

export function rollupsCommand(): Command {
  const cmd = new Command('rollups').description('analytics rollups: rebuild from the raw rows, or catch up with what was posted');
  cmd
    .command('rebuild')
    .description('recompute every rollup from the posted documents (one transaction)')
    .action(async () => {
      const database = await openMigrated(loadConfig());
      try {
        const started = Date.now();
        const { documents } = await new Rollups(database).rebuild();
        console.log(`rollups rebuilt from ${documents} documents in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } finally {
        await database.close();
      }
    });
  cmd
    .command('catch-up')
    .description('add the documents posted since the last catch-up')
    .option('--batch <n>', 'documents per transaction', positive, 500)
    .action(async (o: { batch: number }) => {
      const database = await openMigrated(loadConfig());
      try {
        const n = await new Rollups(database, { batchSize: o.batch }).catchUp();
        console.log(`rolled up ${n} documents`);
      } finally {
        await database.close();
      }
    });
  return cmd;
}
