// 付款码: the customer's payment barcode, scanned at the till. The wallet is recognised by prefix
// and length as the networks publish them, so the till routes a scan without asking the cashier.
export type WalletMethod = 'wechat' | 'alipay' | 'unionpay';

const RULES: { method: WalletMethod; prefixes: RegExp; lengths: number[] }[] = [
  { method: 'wechat', prefixes: /^1[0-5]/, lengths: [18] },
  { method: 'alipay', prefixes: /^(2[5-9]|30)/, lengths: [16, 17, 18, 19, 20, 21, 22, 23, 24] },
  { method: 'unionpay', prefixes: /^62/, lengths: [19] },
];

export function classifyPaymentCode(code: string): WalletMethod | null {
  if (!/^\d+$/.test(code)) return null;
  const rule = RULES.find((r) => r.prefixes.test(code) && r.lengths.includes(code.length));
  return rule?.method ?? null;
}
