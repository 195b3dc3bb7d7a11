// Sales analytics page strings (en).
import type { analyticsZhCN } from './analytics.zh-CN';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const analyticsEn: Strings<typeof analyticsZhCN> = {
  analyticsNav: { sales: 'Sales analytics' },
  analyticsPage: {
    title: 'Sales analytics',
    subtitle: 'Sales by day, hour, weekday, store, category, product, cashier or payment method, compared with the previous period or the same period last year',
    allStores: 'All stores',
    by: { day: 'By day', hour: 'By hour', weekday: 'By weekday', store: 'By store', category: 'By category', product: 'By product', cashier: 'By cashier', payment: 'By payment method' },
    compare: { none: 'No comparison', previous: 'Previous period', year: 'Same period last year' },
    weekdays: { '1': 'Mon', '2': 'Tue', '3': 'Wed', '4': 'Thu', '5': 'Fri', '6': 'Sat', '7': 'Sun' },
    key: 'Key',
    netSales: 'Net sales',
    compared: 'Net sales, compared',
    revenue: 'Revenue ex VAT',
    grossProfit: 'Gross profit',
    margin: 'Margin',
    tickets: 'Tickets',
    avgTicket: 'Avg ticket',
    itemsPerTicket: 'Items/ticket',
    discounts: 'Discounts',
    returnRate: 'Return rate',
    total: 'Total',
  },
};
