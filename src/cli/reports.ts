import path from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../server/config';
import { ReportFilesService } from '../server/modules/reports/report-files';
import { createServices } from '../server/services';
import { openMigrated } from './open';

/** `cangshou reports write --period 2026-W47|2026-11`: (re)writes one period's report files. */
export function reportsCommand(): Command {
  const reports = new Command('reports').description('report files');
  reports
    .command('write')
    .description('(re)write the report files of one whole period under <data>/reports')
    .requiredOption('--period <period>', 'an ISO week (2026-W47) or a month (2026-11)')
    .action(async (o: { period: string }) => {
      const config = loadConfig();
      const database = await openMigrated(config);
      try {
        const files = await new ReportFilesService(createServices(database), reportFilesDir(config.dataDir)).writePeriod(o.period);
        for (const f of files) console.log(f.path);
        console.log(`${files.length} files written`);
      } finally {
        await database.close();
      }
    });
  return reports;
}

export const reportFilesDir = (dataDir: string) => path.join(dataDir, 'reports');
