// Query schemas of the dashboard and the sales analytics (docs/analytics.md). The response types
// and the dimensions live in dashboard.ts and sales-analytics.ts (zod-free, shared with the office).
import { z } from 'zod';
import { ExportFormatQuery, ExportLangQuery, Id } from './common';
import { ANALYTICS_DIMENSIONS, COMPARE_MODES } from './sales-analytics';

export * from './sales-analytics';

const BusinessDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD');

/** GET /dashboard: store optional (every store the caller may read); period defaults to the last 7 days to today. */
export const DashboardQuery = z.strictObject({
  storeId: Id.optional(),
  from: BusinessDate.optional(),
  to: BusinessDate.optional(),
});

const Period = {
  storeId: Id.optional(),
  from: BusinessDate,
  to: BusinessDate,
  format: ExportFormatQuery.optional(),
  lang: ExportLangQuery,
};

/** GET /analytics/sales: figures by one dimension; `compare` adds 环比 (previous) or 同比 (year). */
export const SalesAnalyticsQuery = z.strictObject({
  ...Period,
  by: z.enum(ANALYTICS_DIMENSIONS).default('day'),
  compare: z.enum(COMPARE_MODES).default('none'),
});

/** GET /analytics/products: best sellers (`sort=best`) or slow movers (`sort=slow`) of the period. */
export const ProductRankingQuery = z.strictObject({
  ...Period,
  sort: z.enum(['best', 'slow']).default('best'),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});

/** GET /analytics/abc and /analytics/stock-turnover. */
export const PeriodAnalyticsQuery = z.strictObject(Period);
