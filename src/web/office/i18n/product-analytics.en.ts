// The product analytics page's English strings (best sellers, slow movers, ABC, stock turnover).
import type { productAnalyticsZhCN } from './product-analytics.zh-CN';

export const productAnalyticsEn: typeof productAnalyticsZhCN = {
  productAnalyticsNav: { page: 'Product analytics' },
  productAnalyticsPage: {
    title: 'Product analytics',
    subtitle: 'Best sellers and slow movers, ABC analysis (revenue ex VAT, 80 / 15 / 5 %), stock turnover and days of cover; read from the rollups',
    allStores: 'All stores',
    tabs: { best: 'Best sellers', slow: 'Slow movers', abc: 'ABC analysis', turnover: 'Stock turnover' },
    sku: 'SKU',
    name: 'Product',
    qty: 'Net qty sold',
    netSales: 'Net sales',
    revenue: 'Revenue (ex VAT)',
    cost: 'Cost of sales',
    grossProfit: 'Gross profit',
    margin: 'Margin',
    onHand: 'On hand',
    stockValue: 'Stock value',
    class: 'Class',
    share: 'Share of revenue',
    cumulativeShare: 'Cumulative share',
    products: 'Products',
    turnover: 'Turnover (times)',
    daysOfCover: 'Days of cover',
    noSales: 'No sales in the period',
    total: 'Total',
    classSummary: 'Class {{class}}: {{products}} products, revenue {{revenue}} ({{share}})',
  },
};
