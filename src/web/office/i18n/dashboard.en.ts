// English for the dashboard.
import type { dashboardZhCN } from './dashboard.zh-CN';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const dashboardEn: Strings<typeof dashboardZhCN> = {
  dashboard: {
    title: 'Dashboard',
    subtitle: 'Welcome back, {{name}}. Sales, gross profit and traffic at a glance',
    allStores: 'All stores',
    presets: {
      today: 'Today',
      last7: 'Last 7 days',
      last30: 'Last 30 days',
      thisMonth: 'This month',
      custom: 'Custom',
    },
    refresh: 'Refresh',
    updatedAt: 'Updated {{time}} · refreshes every 60 s',
    period: '{{from}} to {{to}}',
    kpis: {
      netSales: 'Net sales',
      grossProfit: 'Gross profit',
      tickets: 'Tickets',
      avgTicket: 'Average ticket',
    },
    margin: 'Margin {{rate}}',
    vsPrevious: 'vs previous period',
    noPrevious: 'No previous data',
    today: 'Today',
    hourlyTitle: "Today's sales by hour",
    dailyTitle: 'Daily sales',
    storesTitle: 'Stores compared',
    topTitle: 'Top 10 products',
    alertsTitle: 'Needs attention',
    series: {
      netSales: 'Net sales',
      grossProfit: 'Gross profit',
      tickets: 'Tickets',
    },
    hour: '{{hour}}:00',
    rank: '#',
    product: 'Product',
    sku: 'SKU',
    qty: 'Qty',
    netSales: 'Net sales',
    grossProfit: 'Gross profit',
    noSales: 'No sales in this period',
    alerts: {
      lowStock: 'Below minimum',
      nearExpiry: 'Near expiry / expired',
      negativeStock: 'Negative stock',
      offlineReview: 'Offline sales to review',
    },
    view: 'View',
    system: 'System status',
  },
};
