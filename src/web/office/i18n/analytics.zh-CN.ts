// 销售分析 page strings (zh-CN), registered at run time by analytics.ts.
export const analyticsZhCN = {
  analyticsNav: { sales: '销售分析' },
  analyticsPage: {
    title: '销售分析',
    subtitle: '按日、时段、星期、门店、品类、商品、收银员或支付方式分析销售，可与上期（环比）或去年同期（同比）对比',
    allStores: '全部门店',
    by: { day: '按日', hour: '按时段', weekday: '按星期', store: '按门店', category: '按品类', product: '按商品', cashier: '按收银员', payment: '按支付方式' },
    compare: { none: '不对比', previous: '环比（上期）', year: '同比（去年同期）' },
    weekdays: { '1': '周一', '2': '周二', '3': '周三', '4': '周四', '5': '周五', '6': '周六', '7': '周日' },
    key: '维度',
    netSales: '净销售额',
    compared: '对比期净销售额',
    revenue: '收入(不含税)',
    grossProfit: '毛利',
    margin: '毛利率',
    tickets: '客单数',
    avgTicket: '客单价',
    itemsPerTicket: '客件数',
    discounts: '折扣',
    returnRate: '退货率',
    total: '合计',
  },
};
