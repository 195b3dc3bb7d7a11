// The content of a receipt as a list of blocks, decided once for every printer: the HTML renderer
// and the ESC/POS encoder both print these blocks, so paper and screen never disagree on a figure.
import { formatFen } from '../money/round';
import { formatQty } from '../quantity';
import { localDateTime } from '../time/business-date';
import type { ReceiptKind, ReceiptModel } from './receipt-model';

export type ReceiptBlock =
  /** Reversed, centred: 重印 COPY, 培训模式. */
  | { type: 'banner'; text: string }
  | { type: 'title'; text: string; large: boolean }
  | { type: 'center'; text: string }
  | { type: 'text'; text: string }
  | { type: 'pair'; left: string; right: string; bold?: boolean }
  | { type: 'columns'; cells: [string, string, string]; bold?: boolean }
  | { type: 'rule' }
  | { type: 'barcode'; data: string };

export const RECEIPT_TITLES: Record<ReceiptKind, string> = {
  sale: '购物小票',
  return: '退货单',
  exchange: '换货单',
  void: '作废单',
};

export const COPY_BANNER = '重印 COPY';
export const TRAINING_BANNER = '培训模式 非正式小票';

const PAYMENT_LABELS: Record<string, string> = {
  cash: '现金',
  wechat: '微信支付',
  alipay: '支付宝',
  unionpay: '银联二维码',
  card: '银行卡',
  stored_value: '储值卡',
  voucher: '代金券',
};

export function paymentLabel(method: string): string {
  return PAYMENT_LABELS[method] ?? method;
}

/** 13800138000 → 138****8000: a receipt left on the counter must not give the member away. */
export function maskMemberCode(code: string): string {
  if (code.length <= 4) return code;
  if (code.length <= 7) return `${'*'.repeat(code.length - 4)}${code.slice(-4)}`;
  return `${code.slice(0, 3)}${'*'.repeat(code.length - 7)}${code.slice(-4)}`;
}

/** 1300 → "13%", 950 → "9.5%". */
export function formatRate(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = Math.abs(bp % 100);
  return frac === 0 ? `${whole}%` : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}%`;
}

/** A negative amount for something taken off the total (a discount of 1.00 prints "-1.00"). */
const off = (fen: number) => formatFen(fen === 0 ? 0 : -fen);

export function receiptBlocks(model: ReceiptModel, options: { copy?: boolean } = {}): ReceiptBlock[] {
  const b: ReceiptBlock[] = [];
  const banners = () => {
    if (options.copy) b.push({ type: 'banner', text: COPY_BANNER });
    if (model.training) b.push({ type: 'banner', text: TRAINING_BANNER });
  };
  const sum = (pick: (l: ReceiptModel['lines'][number]) => number) => model.lines.reduce((s, l) => s + pick(l), 0);

  banners();
  b.push({ type: 'title', text: model.storeName, large: true });
  for (const line of splitLines(model.header)) b.push({ type: 'center', text: line });
  b.push({ type: 'title', text: RECEIPT_TITLES[model.kind], large: false });
  b.push({ type: 'pair', left: '单号', right: model.number });
  if (model.originalNumber) b.push({ type: 'pair', left: '原单号', right: model.originalNumber });
  b.push({ type: 'pair', left: '时间', right: localDateTime(model.issuedAt, model.timeZone) });
  b.push({ type: 'pair', left: `收银台 ${model.registerCode}`, right: `收银员 ${model.cashier}` });
  b.push({ type: 'rule' });

  for (const l of model.lines) {
    b.push({ type: 'text', text: l.name });
    b.push({ type: 'pair', left: `  ${formatQty(l.qty)}${l.unit} × ${formatFen(l.unitPrice)}`, right: formatFen(l.gross) });
    if (l.lineDiscount !== 0) b.push({ type: 'pair', left: '  折扣', right: off(l.lineDiscount) });
  }
  b.push({ type: 'rule' });

  const lineDiscounts = sum((l) => l.lineDiscount);
  const orderDiscounts = sum((l) => l.orderDiscountShare);
  b.push({ type: 'pair', left: `商品合计 (${model.lines.length}项)`, right: formatFen(sum((l) => l.gross)) });
  if (lineDiscounts !== 0) b.push({ type: 'pair', left: '单品折扣', right: off(lineDiscounts) });
  if (orderDiscounts !== 0) b.push({ type: 'pair', left: '整单优惠', right: off(orderDiscounts) });
  if (model.rounding !== 0) b.push({ type: 'pair', left: '抹零', right: formatFen(model.rounding) });
  b.push({ type: 'pair', left: model.due < 0 ? '应退' : '应收', right: formatFen(model.due), bold: true });
  for (const p of model.payments) {
    const ref = p.reference ? ` …${p.reference.slice(-4)}` : '';
    b.push({ type: 'pair', left: `${paymentLabel(p.method)}${ref}`, right: formatFen(p.amount) });
  }
  if (model.payments.length > 1) b.push({ type: 'pair', left: '实收', right: formatFen(model.paid) });
  if (model.change !== 0) b.push({ type: 'pair', left: '找零', right: formatFen(model.change), bold: true });

  if (model.taxByRate.length) {
    b.push({ type: 'rule' });
    b.push({ type: 'columns', cells: ['税率', '不含税金额', '税额'] });
    for (const g of model.taxByRate) b.push({ type: 'columns', cells: [formatRate(g.rate), formatFen(g.taxable), formatFen(g.tax)] });
  }
  if (model.memberCode) b.push({ type: 'pair', left: '会员', right: maskMemberCode(model.memberCode) });
  if (model.offline) b.push({ type: 'text', text: '离线交易 (offline)' });
  b.push({ type: 'rule' });

  b.push({ type: 'barcode', data: model.number });
  for (const line of splitLines(model.footer)) b.push({ type: 'center', text: line });
  banners();
  return b;
}

function splitLines(text: string | null | undefined): string[] {
  return (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}
