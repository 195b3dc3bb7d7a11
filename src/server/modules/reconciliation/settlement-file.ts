// A payment provider's settlement file (对账单) → its transactions in fen. Reads the bills as the
// merchant platforms export them:
// - WeChat Pay 交易账单: UTF-8 CSV, every cell prefixed with ` so Excel keeps long numbers as text,
//   a summary block (总交易单数…) after the rows; refunds are rows in state REFUND;
// - Alipay 业务明细 / 账务明细: GBK CSV with #-comment lines before and after the rows, cells
//   followed by a tab; refunds are rows of type 退款 / 交易退款.
// Excel's ="…" text cells and a header saved in GBK or UTF-8 are read too. Money is read from its
// digits; fees (WeChat prints five decimals) round half up to the fen per row, as the providers
// deduct them.
import { decodeText } from '../../import/decode';
import { detectDelimiter, parseCsv } from '../../import/csv';
import { parseScaled } from '../../import/numbers';
import type { FieldError } from '../../http/problem';
import type { TheirRow } from '../../../core/payments/reconcile';

export type SettlementProvider = 'wechat' | 'alipay';

/** One transaction of the file: the row the matcher reads (src/core/payments/reconcile.ts). */
export type SettlementRow = TheirRow;

export type ParsedSettlement =
  | { ok: true; provider: SettlementProvider; rows: SettlementRow[]; skipped: number }
  | { ok: false; code: 'settlement_provider_unknown' | 'settlement_header_missing' | 'settlement_rows_invalid' | 'settlement_empty'; detail: string; errors: FieldError[] };

type Field = 'time' | 'providerRef' | 'merchantOrderNo' | 'amount' | 'refundAmount' | 'fee' | 'status' | 'refundRef';

/** Header names as the providers print them (after folding), first match wins. */
const ALIASES: Record<Field, string[]> = {
  time: ['交易时间', '完成时间', '付款时间', '创建时间', '发生时间', '交易创建时间'],
  providerRef: ['微信订单号', '微信支付单号', '交易单号', '支付宝交易号', '交易号', '业务流水号', '平台交易号'],
  merchantOrderNo: ['商户订单号', '商户单号'],
  amount: ['订单金额', '交易金额', '应结订单金额', '商家实收', '收入金额'],
  refundAmount: ['退款金额', '申请退款金额', '支出金额'],
  fee: ['手续费', '服务费'],
  status: ['交易状态', '业务类型'],
  refundRef: ['微信退款单号', '退款单号', '退款批次号/请求号', '商户退款单号'],
};
const REQUIRED: Field[] = ['time', 'providerRef', 'amount'];
const REFUND_STATES = new Set(['REFUND', 'REFUNDED', '退款', '交易退款', '退款成功']);
/** Charges that were cancelled (撤销) or never paid leave no money to reconcile. */
const VOID_STATES = new Set(['REVOKED', 'CLOSED', 'NOTPAY', 'PAYERROR', '撤销', '已撤销', '交易关闭']);

/** 订单金额（元） → 订单金额; full-width brackets and spaces folded. */
function foldHeader(h: string): string {
  return h
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\((?:\+|-)?元\)$/, '')
    .trim();
}

/** WeChat's `123, Alipay's 123<TAB>, Excel's ="123". */
function cleanCell(c: string): string {
  let s = c.trim();
  if (s.startsWith('`')) s = s.slice(1);
  const excel = /^="(.*)"$/.exec(s);
  if (excel) s = excel[1];
  return s.trim();
}

function detectProvider(text: string, headers: string[]): SettlementProvider | null {
  if (headers.some((h) => h.startsWith('微信')) || headers.includes('公众账号ID')) return 'wechat';
  if (headers.some((h) => h.startsWith('支付宝')) || /^#?\s*支付宝/m.test(text.slice(0, 500))) return 'alipay';
  return null;
}

/** Yuan with up to `places` decimals → fen, half up on the magnitude (a returned fee rounds like a charged one). */
function fenOf(text: string, places: number): number | null {
  const t = text.replace(/^[¥￥]/, '').replace(/,/g, '');
  const p = parseScaled(t === '' ? '0' : t, places);
  if (!p.ok) return null;
  const scale = 10 ** (places - 2);
  const magnitude = Math.abs(p.value);
  const fen = Math.floor(magnitude / scale) + (magnitude % scale >= scale / 2 ? 1 : 0);
  return p.value < 0 && fen !== 0 ? -fen : fen;
}

/** '2026-11-18 12:00:01', '2026/11/18 12:00', '2026年11月18日 12:00:01' (China time). */
function parseTime(text: string): { occurredAt: string; date: string } | null {
  const m = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) return null;
  const pad = (s: string | undefined) => (s ?? '0').padStart(2, '0');
  const date = `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
  const occurredAt = `${date}T${pad(m[4])}:${pad(m[5])}:${pad(m[6])}+08:00`;
  return Number.isNaN(Date.parse(occurredAt)) ? null : { occurredAt, date };
}

export function parseSettlementFile(buf: Buffer, hint?: SettlementProvider): ParsedSettlement {
  const { text } = decodeText(buf);
  const lines = text.split(/\r?\n/);
  // The header is the first line naming a transaction time and a provider transaction number.
  const headerAt = lines.findIndex((l) => {
    const cells = l.split(/[,\t]/).map((c) => foldHeader(cleanCell(c)));
    return ALIASES.time.some((a) => cells.includes(a)) && ALIASES.providerRef.some((a) => cells.includes(a));
  });
  if (headerAt < 0) {
    return { ok: false, code: 'settlement_header_missing', detail: 'No header line with a transaction time and a transaction number (交易时间 / 交易单号) was found', errors: [{ field: 'contentBase64', message: 'Not a WeChat Pay or Alipay settlement file' }] };
  }
  const body = lines.slice(headerAt).join('\n');
  const records = parseCsv(body, detectDelimiter(body));
  const headers = records[0].cells.map((c) => foldHeader(cleanCell(c)));
  const provider = detectProvider(text, headers) ?? hint ?? null;
  if (!provider) return { ok: false, code: 'settlement_provider_unknown', detail: 'Say which provider the file is from (provider: wechat or alipay)', errors: [{ field: 'provider', message: 'Unknown provider' }] };

  const col = {} as Record<Field, number>;
  for (const f of Object.keys(ALIASES) as Field[]) col[f] = ALIASES[f].map((a) => headers.indexOf(a)).find((i) => i >= 0) ?? -1;
  const missing = REQUIRED.filter((f) => col[f] < 0);
  if (missing.length) {
    return {
      ok: false,
      code: 'settlement_header_missing',
      detail: `The file has no column for ${missing.map((f) => ALIASES[f][0]).join(', ')}`,
      errors: missing.map((f) => ({ field: 'contentBase64', message: `Missing column ${ALIASES[f].join(' / ')}` })),
    };
  }

  const rows: SettlementRow[] = [];
  const errors: FieldError[] = [];
  let skipped = 0;
  for (const r of records.slice(1)) {
    const cells = r.cells.map(cleanCell);
    const first = cells[0] ?? '';
    // Summary blocks end the rows: Alipay's #-lines, WeChat's 总交易单数 header.
    if (first.startsWith('#') || /^(总交易单数|总交易笔数|合计)/.test(first)) break;
    if (cells.every((c) => c === '')) continue;
    const rowNo = headerAt + r.rowNo;
    const get = (f: Field) => (col[f] >= 0 ? (cells[col[f]] ?? '') : '');
    const bad = (f: Field, message: string) => errors.push({ field: `rows.${rowNo}.${headers[col[f]] ?? f}`, message });
    const status = get('status').toUpperCase();
    if (VOID_STATES.has(status)) {
      skipped++;
      continue;
    }
    const time = parseTime(get('time'));
    if (!time) bad('time', `Not a date and time: ${get('time')}`);
    const providerRef = get('providerRef');
    if (!providerRef) bad('providerRef', 'No transaction number');
    const amount = fenOf(get('amount'), 2);
    if (amount === null) bad('amount', `Not an amount in yuan: ${get('amount')}`);
    const refundAmount = col.refundAmount >= 0 ? fenOf(get('refundAmount'), 2) : 0;
    if (refundAmount === null) bad('refundAmount', `Not an amount in yuan: ${get('refundAmount')}`);
    const fee = col.fee >= 0 ? fenOf(get('fee'), 5) : 0;
    if (fee === null) bad('fee', `Not a fee in yuan: ${get('fee')}`);
    if (!time || !providerRef || amount === null || refundAmount === null || fee === null) {
      if (errors.length >= 20) break;
      continue;
    }
    const refund = REFUND_STATES.has(status) || amount < 0;
    // Signs differ between bills (Alipay prints fees as deductions); the row's kind decides them.
    const refunded = Math.abs(refund && refundAmount !== 0 ? refundAmount : amount);
    rows.push({
      rowNo,
      kind: refund ? 'refund' : 'payment',
      occurredAt: time.occurredAt,
      businessDate: time.date,
      providerRef,
      merchantOrderNo: get('merchantOrderNo'),
      refundRef: refund ? get('refundRef') : '',
      amount: refund ? -refunded : amount,
      fee: refund ? -Math.abs(fee) : Math.abs(fee),
    });
  }
  if (errors.length) return { ok: false, code: 'settlement_rows_invalid', detail: `${errors.length} row(s) of the file cannot be read`, errors };
  if (!rows.length) return { ok: false, code: 'settlement_empty', detail: 'The file has no transactions', errors: [{ field: 'contentBase64', message: 'No transactions' }] };
  return { ok: true, provider, rows, skipped };
}
