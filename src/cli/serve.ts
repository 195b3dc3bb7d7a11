import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../server/app';
import type { Config } from '../server/config';
import { OutboxRelay } from '../server/outbox/relay';
import { ReportFilesService } from '../server/modules/reports/report-files';
import { DEMO_PASSWORD, DEMO_USERS, isEmpty, seedDemo } from '../server/seed/demo';
import { createServices } from '../server/services';
import { openMigrated } from './open';
import { reportFilesDir } from './reports';
import { VERSION } from './version';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function serve(config: Config): Promise<void> {
  const database = await openMigrated(config);
  const services = createServices(database);
  const seeded = await isEmpty(services);
  if (seeded) await seedDemo(services);

  const app = await buildApp(services, {
    version: VERSION,
    logLevel: config.logLevel,
    webRoot: path.join(ROOT, 'dist/web'),
    secureCookies: config.secureCookies,
  });
  const relay = new OutboxRelay(database.db);
  relay.start();
  services.engine.events.on('posted', () => void relay.drain());
  // Analytics rollups: reads catch up anyway; the tick keeps what they have to do small. On SQLite
  // a catch-up holds the event loop while it writes, so short frequent ones keep the till's tail
  // latency down (one every 2 s at 200 sales/s rolled up 400 documents at once: p99 37 ms).
  services.rollups.startTicking(250, (err) => app.log.error({ err }, 'rollup catch-up failed'));
  // Approved price changes dated in the future take effect when their time comes.
  const applyPrices = () =>
    void services.catalog.prices.applyDuePriceChanges(services.clock()).then(
      (r) => r.failed.forEach((f) => app.log.error({ priceChangeId: f.id, error: f.error }, 'price change could not take effect')),
      (err) => app.log.error({ err }, 'applying due price changes failed'),
    );
  const priceTimer = setInterval(applyPrices, 30_000);
  priceTimer.unref();
  applyPrices();
  // Last week's and last month's report files, each written once (docs/accounting.md); the first
  // run starts after the server listens.
  const reportFiles = new ReportFilesService(services, reportFilesDir(config.dataDir));
  const writeReportFiles = () =>
    void reportFiles.writeDue().then(
      (files) => files.filter((f) => f.written).forEach((f) => app.log.info({ file: f.path }, 'report file written')),
      (err) => app.log.error({ err }, 'writing report files failed'),
    );
  const reportTimer = setInterval(writeReportFiles, 3_600_000);
  reportTimer.unref();

  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  const where = database.info.name === 'sqlite' ? config.sqliteFile : 'PostgreSQL (DATABASE_URL)';
  process.stdout.write(
    [
      '',
      `  仓收 Cangshou ${VERSION} is running`,
      `  Back office:  ${url}/office/`,
      `  API docs:     ${url}/api/docs`,
      `  Database:     ${where}${seeded ? ' (demo data created)' : ''}`,
      '',
      `  Demo logins (password "${DEMO_PASSWORD}"):`,
      ...DEMO_USERS.map((u) => `    ${u.username.padEnd(8)} ${u.displayName}${u.pin ? `  PIN ${u.pin}` : ''}`),
      '',
    ].join('\n') + '\n',
  );

  writeReportFiles();

  const stop = async () => {
    relay.stop();
    services.rollups.stopTicking();
    clearInterval(priceTimer);
    clearInterval(reportTimer);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}
