import { AsOfQuery, LedgerQuery, ReportQuery } from '../../../contracts/accounting';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';
import { toJournalCsv, toLedgerJournal } from './journal-export';
import { UTF8_BOM } from '../../import/csv';

export function reportsRoutes(app: ZodApp, s: Services) {
  const access = { access: 'reports.read' } as const;
  const tags = ['reports'];
  app.get('/reports/trial-balance', { config: access, schema: { tags, querystring: ReportQuery } }, (req) => s.reports.trialBalance(authOf(req), req.query));
  app.get('/reports/general-ledger', { config: access, schema: { tags, querystring: LedgerQuery } }, (req) => s.reports.generalLedger(authOf(req), req.query));
  app.get('/reports/profit-and-loss', { config: access, schema: { tags, querystring: ReportQuery } }, (req) => s.reports.profitAndLoss(authOf(req), req.query));
  app.get('/reports/balance-sheet', { config: access, schema: { tags, querystring: AsOfQuery } }, (req) => s.reports.balanceSheet(authOf(req), req.query));
  app.get('/reports/vat-summary', { config: access, schema: { tags, querystring: ReportQuery } }, (req) => s.reports.vatSummary(authOf(req), req.query));
  app.get('/reports/journal.ledger', { config: access, schema: { tags, querystring: ReportQuery } }, async (req, reply) => {
    const { entries, currency } = await s.reports.journal(authOf(req), req.query);
    return reply
      .type('text/plain; charset=utf-8')
      .header('content-disposition', `attachment; filename="journal-${req.query.from}-${req.query.to}.journal"`)
      .send(toLedgerJournal(entries, currency));
  });
  app.get('/reports/journal.csv', { config: access, schema: { tags, querystring: ReportQuery } }, async (req, reply) => {
    const { entries } = await s.reports.journal(authOf(req), req.query);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="journal-${req.query.from}-${req.query.to}.csv"`)
      .send(UTF8_BOM + toJournalCsv(entries));
  });
}
