import type { FastifyReply, FastifyRequest } from 'fastify';
import { DashboardQuery, PeriodAnalyticsQuery, ProductRankingQuery, SalesAnalyticsQuery } from '../../../contracts/analytics';
import { sendExport } from '../../export/table-export';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';

export function analyticsRoutes(app: ZodApp, s: Services) {
  const access = { access: 'reports.read' } as const;
  const tags = ['analytics'];
  app.get('/dashboard', { config: access, schema: { tags, querystring: DashboardQuery, description: 'Back-office dashboard figures (contracts/dashboard.ts)' } }, (req) =>
    s.analytics.dashboard(authOf(req), req.query),
  );
  // Each report answers JSON, or with `format=csv|xlsx|pdf` (and `lang`) the same figures as a file.
  type Report = Parameters<Services['analytics']['file']>[1];
  const answer = async <Q extends { format?: 'csv' | 'xlsx' | 'pdf'; lang: 'zh-CN' | 'en'; storeId?: string; from: string; to: string }>(req: FastifyRequest, reply: FastifyReply, report: Report, q: Q, json: () => Promise<unknown>) =>
    q.format ? sendExport(reply, await s.analytics.file(authOf(req), report, q, q.format, q.lang)) : json();
  app.get('/analytics/sales', { config: access, schema: { tags, querystring: SalesAnalyticsQuery, description: 'Sales by day, hour, weekday, store, category, product, cashier or payment method, with 环比/同比' } }, (req, reply) =>
    answer(req, reply, 'sales', req.query, () => s.analytics.sales(authOf(req), req.query)),
  );
  app.get('/analytics/products', { config: access, schema: { tags, querystring: ProductRankingQuery, description: 'Best sellers or slow movers of a period' } }, (req, reply) =>
    answer(req, reply, 'products', req.query, () => s.analytics.products(authOf(req), req.query)),
  );
  app.get('/analytics/abc', { config: access, schema: { tags, querystring: PeriodAnalyticsQuery, description: 'ABC analysis of products by revenue (80 / 15 / 5 %)' } }, (req, reply) =>
    answer(req, reply, 'abc', req.query, () => s.analytics.abc(authOf(req), req.query)),
  );
  app.get('/analytics/stock-turnover', { config: access, schema: { tags, querystring: PeriodAnalyticsQuery, description: 'Stock turnover and days of cover per product' } }, (req, reply) =>
    answer(req, reply, 'stock-turnover', req.query, () => s.analytics.stockTurnover(authOf(req), req.query)),
  );
}
