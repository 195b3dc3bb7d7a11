// English for the financial reports page.
import type { reportsZhCN } from './reports.zh-CN';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const reportsEn: Strings<typeof reportsZhCN> = {
  reportsNav: {
    group: 'Finance',
    reports: 'Financial reports',
  },
  reportsPage: {
    title: 'Financial reports',
    subtitle: 'Trial balance and profit and loss by store and period; export the journal for hledger or as CSV',
    allStores: 'All stores',
    trialBalance: 'Trial balance',
    profitAndLoss: 'Profit and loss',
    code: 'Code',
    account: 'Account',
    opening: 'Opening',
    debit: 'Debit',
    credit: 'Credit',
    closing: 'Closing',
    total: 'Total',
    amount: 'Amount',
    revenue: 'Revenue',
    costOfSales: 'Cost of sales',
    grossProfit: 'Gross profit',
    expenses: 'Expenses',
    netProfit: 'Net profit',
    balanced: 'Balanced',
    unbalanced: 'Not balanced',
    exportLedger: 'Export hledger',
    exportCsv: 'Export CSV',
    balanceHint: 'Balances are debit positive, credit negative',
  },
  reportExports: {
    button: 'Export reports',
    trialBalance: 'Trial balance',
    profitAndLoss: 'Profit and loss',
    balanceSheet: 'Balance sheet (at the end date)',
    vatSummary: 'Output VAT summary',
    salesSummary: 'Sales summary',
  },
};
