// Display formatting for the integer units the server speaks: money in fen, quantities in
// thousandths. Integer arithmetic only, so 0.1 + 0.2 never shows up on a screen.
import dayjs from 'dayjs';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 123456 fen → "¥1,234.56"; negative amounts as "-¥12.30". */
export function formatMoney(fen: number, options: { symbol?: boolean } = {}): string {
  if (!Number.isSafeInteger(fen)) return String(fen);
  const symbol = options.symbol === false ? '' : '¥';
  const abs = Math.abs(fen);
  const yuan = groupThousands(String(Math.floor(abs / 100)));
  const cents = String(abs % 100).padStart(2, '0');
  return `${fen < 0 ? '-' : ''}${symbol}${yuan}.${cents}`;
}

/** 538 → "0.538", 1500 → "1.5", 2000 → "2" (quantities are thousandths of the unit). */
export function formatQuantity(thousandths: number): string {
  if (!Number.isSafeInteger(thousandths)) return String(thousandths);
  const abs = Math.abs(thousandths);
  const whole = groupThousands(String(Math.floor(abs / 1000)));
  const fraction = String(abs % 1000).padStart(3, '0').replace(/0+$/, '');
  return `${thousandths < 0 ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** An instant in the viewer's local time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const value = dayjs(iso);
  return value.isValid() ? value.format('YYYY-MM-DD HH:mm:ss') : iso;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const value = dayjs(iso);
  return value.isValid() ? value.format('YYYY-MM-DD') : iso;
}

/** First 8 characters of a UUID or hash, for compact tables (full value in a tooltip). */
export function shortId(id: string | null | undefined, length = 8): string {
  if (!id) return '—';
  return id.length > length ? `${id.slice(0, length)}…` : id;
}
