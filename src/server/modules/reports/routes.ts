import { AsOfQuery, LedgerQuery, ProfitAndLossTrend, ReportQuery } from '../../../contracts/accounting';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';
import { toJournalCsv, toLedgerJournal } from './journal-export';
import { UTF8_BOM } from '../../import/csv';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ExportParams } from '../../../contracts/common';
import { sendExport, type ExportFormat } from '../../export/table-export';
import { type ReportName, type ReportRequest } from './report-export';
import type { ExportLang } from './report-tables';
import { salesSummary } from './sales-summary';

export function reportsRoutes(app: ZodApp, s: Services) {
  const access = { access: 'reports.read' } as const;
  const tags = ['reports'];
  // Each report answers JSON, or with `format=csv|xlsx|pdf` (and `lang`) the same figures as a file.
  const download = async (req: FastifyRequest, reply: FastifyReply, name: ReportName, q: ReportRequest & { format: ExportFormat; lang: ExportLang }) =>
    sendExport(reply, await s.reportExports.file(authOf(req), name, q, q.format, q.lang));
  app.get('/reports/trial-balance', { config: access, schema: { tags, querystring: ReportQuery.extend(ExportParams) } }, (req, reply) => {
    const q = req.query;
    return q.format ? download(req, reply, 'trial-balance', { ...q, format: q.format }) : s.reports.trialBalance(authOf(req), q);
  });
  app.get('/reports/general-ledger', { config: access, schema: { tags, querystring: LedgerQuery.extend(ExportParams) } }, (req, reply) => {
    const q = req.query;
    return q.format ? download(req, reply, 'general-ledger', { ...q, format: q.format }) : s.reports.generalLedger(authOf(req), q);
  });
  app.get('/reports/profit-and-loss', { config: access, schema: { tags, querystring: ReportQuery.extend(ExportParams) } }, (req, reply) => {
    const q = req.query;
    return q.format ? download(req, reply, 'profit-and-loss', { ...q, format: q.format }) : s.reports.profitAndLoss(authOf(req), q);
  });
  app.get('/reports/profit-and-loss/trend', { config: access, schema: { tags, querystring: ReportQuery, response: { 200: ProfitAndLossTrend } } }, (req) =>
    s.reports.profitAndLossTrend(authOf(req), req.query),
  );
  app.get('/reports/balance-sheet', { config: access, schema: { tags, querystring: AsOfQuery.extend(ExportParams) } }, (req, reply) => {
    const q = req.query;
    return q.format ? download(req, reply, 'balance-sheet', { ...q, format: q.format }) : s.reports.balanceSheet(authOf(req), q);
  });
  app.get('/reports/vat-summary', { config: access, schema: { tags, querystring: ReportQuery.extend(ExportParams) } }, (req, reply) => {
    const q = req.query;
    return q.format ? download(req, reply, 'vat-summary', { ...q, format: q.format }) : s.reports.vatSummary(authOf(req), q);
  });
  app.get('/reports/sales-summary', { config: access, schema: { tags, querystring: ReportQuery.extend(ExportParams) } }, (req, reply) => {
    const q = req.query;
    return q.format ? download(req, reply, 'sales-summary', { ...q, format: q.format }) : salesSummary(s.db, authOf(req), q, () => s.rollups.catchUp());
  });
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
