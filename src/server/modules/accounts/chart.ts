// Chart of accounts seeded from the Chinese small-enterprise standard (小企业会计准则), with English
// names. Codes are the standard's first-level codes; later issues add sub-accounts and rules.
export interface ChartAccount {
  code: string;
  name: string;
  nameEn: string;
  type: 'asset' | 'liability' | 'equity' | 'revenue' | 'expense';
}

export const SMALL_ENTERPRISE_CHART: ChartAccount[] = [
  { code: '1001', name: '库存现金', nameEn: 'Cash on hand', type: 'asset' },
  { code: '1002', name: '银行存款', nameEn: 'Bank deposits', type: 'asset' },
  { code: '1012', name: '其他货币资金', nameEn: 'Other monetary funds (WeChat/Alipay)', type: 'asset' },
  { code: '1122', name: '应收账款', nameEn: 'Accounts receivable', type: 'asset' },
  { code: '1123', name: '预付账款', nameEn: 'Prepayments', type: 'asset' },
  { code: '1221', name: '其他应收款', nameEn: 'Other receivables', type: 'asset' },
  { code: '1402', name: '在途物资', nameEn: 'Goods in transit', type: 'asset' },
  { code: '1405', name: '库存商品', nameEn: 'Merchandise inventory', type: 'asset' },
  { code: '1601', name: '固定资产', nameEn: 'Fixed assets', type: 'asset' },
  { code: '1901', name: '待处理财产损溢', nameEn: 'Unsettled property gains and losses', type: 'asset' },
  { code: '2202', name: '应付账款', nameEn: 'Accounts payable', type: 'liability' },
  { code: '2203', name: '预收账款', nameEn: 'Advances from customers (stored value)', type: 'liability' },
  { code: '2211', name: '应付职工薪酬', nameEn: 'Payroll payable', type: 'liability' },
  { code: '2221', name: '应交税费', nameEn: 'Taxes payable (output VAT)', type: 'liability' },
  { code: '2241', name: '其他应付款', nameEn: 'Other payables', type: 'liability' },
  { code: '3001', name: '实收资本', nameEn: 'Paid-in capital', type: 'equity' },
  { code: '3103', name: '本年利润', nameEn: 'Profit for the year', type: 'equity' },
  { code: '3104', name: '利润分配', nameEn: 'Profit distribution (retained earnings)', type: 'equity' },
  { code: '5001', name: '主营业务收入', nameEn: 'Sales revenue', type: 'revenue' },
  { code: '5051', name: '其他业务收入', nameEn: 'Other operating revenue', type: 'revenue' },
  { code: '5301', name: '营业外收入', nameEn: 'Non-operating income (cash over, rounding)', type: 'revenue' },
  { code: '5401', name: '主营业务成本', nameEn: 'Cost of goods sold', type: 'expense' },
  { code: '5403', name: '税金及附加', nameEn: 'Taxes and surcharges', type: 'expense' },
  { code: '5601', name: '销售费用', nameEn: 'Selling expenses', type: 'expense' },
  { code: '5602', name: '管理费用', nameEn: 'Administrative expenses', type: 'expense' },
  { code: '5603', name: '财务费用', nameEn: 'Financial expenses (payment fees)', type: 'expense' },
  { code: '5711', name: '营业外支出', nameEn: 'Non-operating expenses (cash short, write-offs)', type: 'expense' },
];

/** Accounts the posting rules of this issue use by name, so the codes live in one place. */
export const ACCOUNTS = {
  cash: '1001',
  bank: '1002',
  inventory: '1405',
  inTransit: '1402',
  payable: '2202',
  outputVat: '2221',
  lossPending: '1901',
  nonOperatingExpense: '5711',
  nonOperatingIncome: '5301',
  openingEquity: '3104',
  // 年结: revenue and expenses close into 3103 本年利润, which closes into 3104 利润分配.
  profitForYear: '3103',
  retainedEarnings: '3104',
  sellingExpenses: '5601',
  financialExpenses: '5603',
  wallets: '1012',
  storedValue: '2203',
  salesRevenue: '5001',
  costOfSales: '5401',
} as const;
