// What the cashier types, read exactly: yuan as text → integer fen (never through floats),
// quantities → thousandths, "10" / "¥2" → a percent or an amount discount.
import type { Discount } from '../../../core/pricing/price-basket';
import { formatFen } from '../../../core/money/round';
import { formatQty } from '../../../core/quantity';

/** "12", "12.5", "12.50" → 1250; anything else (or more than two decimals) → null. */
export function parseYuan(text: string): number | null {
  const m = /^\s*¥?\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** "3", "0.538", "1.5" → thousandths; at most three decimals, more than zero. */
export function parseQty(text: string): number | null {
  const m = /^\s*(\d{1,7})(?:\.(\d{1,3}))?\s*$/.exec(text);
  if (!m) return null;
  const q = Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
  return q > 0 ? q : null;
}

/** "10" or "10%" → 10% off; "¥2" or "2元" → 2 yuan off. */
export function parseDiscount(text: string): Discount | null {
  const t = text.trim();
  if (!t) return null;
  if (t.startsWith('¥') || t.endsWith('元')) {
    const fen = parseYuan(t.replace(/元$/, ''));
    return fen === null ? null : { type: 'amount', fen };
  }
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?\s*%?$/.exec(t);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? { type: 'percent', bp } : null;
}

/** 1250 → ¥12.50, −100 → -¥1.00. */
export const money = (fen: number) => (fen < 0 ? `-¥${formatFen(-fen)}` : `¥${formatFen(fen)}`);
export const qtyText = (thousandths: number) => formatQty(thousandths);
