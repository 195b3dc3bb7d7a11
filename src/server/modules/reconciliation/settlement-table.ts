// A reconciliation as one export table (CSV/XLSX/PDF): every settlement row and every unmatched
// payment of ours, with its status, so a bookkeeper can work through the list in Excel.
import type { ExportTable } from '../../export/table-export';
import type { ReconciliationService } from './service';

type View = Awaited<ReturnType<ReconciliationService['view']>>;
type Status = 'matched' | 'mismatched' | 'theirsOnly' | 'oursOnly' | 'total';

interface Line {
  status: Status;
  time: string;
  kind: string;
  providerRef: string;
  merchantOrderNo: string;
  number: string;
  theirAmount: number | null;
  ourAmount: number | null;
  difference: number | null;
  fee: number | null;
}

const WORDS = {
  'zh-CN': {
    title: '支付对账',
    matched: '已匹配',
    mismatched: '金额不符',
    theirsOnly: '对账单有、系统无',
    oursOnly: '系统有、对账单无',
    payment: '收款',
    refund: '退款',
    status: '状态',
    time: '交易时间 / 营业日',
    kind: '类型',
    providerRef: '交易单号',
    merchantOrderNo: '商户订单号',
    number: '单据号',
    theirAmount: '对账单金额',
    ourAmount: '系统金额',
    difference: '差额',
    fee: '手续费',
    total: '合计',
    wechat: '微信支付',
    alipay: '支付宝',
  },
  en: {
    title: 'Payment reconciliation',
    matched: 'Matched',
    mismatched: 'Amount differs',
    theirsOnly: 'Only in the settlement',
    oursOnly: 'Only in our records',
    payment: 'Payment',
    refund: 'Refund',
    status: 'Status',
    time: 'Time / business date',
    kind: 'Kind',
    providerRef: 'Transaction no.',
    merchantOrderNo: 'Merchant order no.',
    number: 'Document',
    theirAmount: 'Settlement amount',
    ourAmount: 'Our amount',
    difference: 'Difference',
    fee: 'Fee',
    total: 'Total',
    wechat: 'WeChat Pay',
    alipay: 'Alipay',
  },
} as const;

export function settlementTable(v: View, lang: 'zh-CN' | 'en'): ExportTable<Line> {
  const w = WORDS[lang];
  const pair = (status: Status) => (p: View['matched'][number]): Line => ({
    status,
    time: p.occurredAt.slice(0, 19).replace('T', ' '),
    kind: w[p.kind],
    providerRef: p.providerRef,
    merchantOrderNo: p.merchantOrderNo,
    number: p.number,
    theirAmount: p.theirAmount,
    ourAmount: p.ourAmount,
    difference: p.difference,
    fee: p.fee,
  });
  const lines: Line[] = [
    ...v.mismatched.map(pair('mismatched')),
    ...v.theirsOnly.map((t): Line => ({ status: 'theirsOnly', time: t.occurredAt.slice(0, 19).replace('T', ' '), kind: w[t.kind], providerRef: t.providerRef, merchantOrderNo: t.merchantOrderNo, number: '', theirAmount: t.amount, ourAmount: null, difference: t.amount, fee: t.fee })),
    ...v.oursOnly.map((o): Line => ({ status: 'oursOnly', time: o.businessDate, kind: w[o.amount < 0 ? 'refund' : 'payment'], providerRef: o.providerRef ?? o.reference ?? '', merchantOrderNo: '', number: o.number, theirAmount: null, ourAmount: o.amount, difference: -o.amount, fee: null })),
    ...v.matched.map(pair('matched')),
  ];
  return {
    title: `${w.title} ${w[v.provider]}`,
    subtitle: `${v.fileName} · ${v.from} — ${v.to}`,
    fileName: `reconciliation-${v.provider}-${v.from}_${v.to}`,
    columns: [
      { header: w.status, kind: 'text', value: (r) => w[r.status], width: 16 },
      { header: w.time, kind: 'text', value: (r) => r.time, width: 19 },
      { header: w.kind, kind: 'text', value: (r) => r.kind, width: 6 },
      { header: w.providerRef, kind: 'text', value: (r) => r.providerRef, width: 30 },
      { header: w.merchantOrderNo, kind: 'text', value: (r) => r.merchantOrderNo, width: 22 },
      { header: w.number, kind: 'text', value: (r) => r.number, width: 18 },
      { header: w.theirAmount, kind: 'money', value: (r) => r.theirAmount },
      { header: w.ourAmount, kind: 'money', value: (r) => r.ourAmount },
      { header: w.difference, kind: 'money', value: (r) => r.difference },
      { header: w.fee, kind: 'money', value: (r) => r.fee },
    ],
    rows: lines,
    totals: {
      status: 'total',
      time: '',
      kind: '',
      providerRef: '',
      merchantOrderNo: '',
      number: '',
      theirAmount: v.summary.theirAmount,
      ourAmount: v.summary.ourAmount,
      difference: v.summary.theirAmount - v.summary.ourAmount,
      fee: v.summary.fee,
    },
  };
}
