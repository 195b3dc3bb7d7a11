// Display formatting for the integer units the server speaks: money in fen, quantities in
// thousandths. The arithmetic is core's (formatFen, formatQty); this adds what a screen wants
// on top: the yuan sign and thousands separators, and no crash on a malformed value.
import dayjs from 'dayjs';
import { formatFen } from '../../core/money/round';
import { formatQty } from '../../core/quantity';

function groupThousands(decimal: string): string {
  const [whole, fraction] = decimal.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** 123456 fen → "¥1,234.56"; negative amounts as "-¥12.30". */
export function formatMoney(fen: number, options: { symbol?: boolean } = {}): string {
  if (!Number.isSafeInteger(fen)) return String(fen);
  const symbol = options.symbol === false ? '' : '¥';
  const text = formatFen(fen);
  const negative = text.startsWith('-');
  return `${negative ? '-' : ''}${symbol}${groupThousands(negative ? text.slice(1) : text)}`;
}

/** 538 → "0.538", 1500 → "1.5", 2000 → "2" (quantities are thousandths of the unit). */
export function formatQuantity(thousandths: number): string {
  if (!Number.isSafeInteger(thousandths)) return String(thousandths);
  const text = formatQty(thousandths);
  const negative = text.startsWith('-');
  return `${negative ? '-' : ''}${groupThousands(negative ? text.slice(1) : text)}`;
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A compact form of an id for tables (show the full value in a tooltip). UUIDv7s start with
 * their creation time, so ids made together share a prefix: show their random tail instead.
 */
export function shortId(id: string | null | undefined, length = 8): string {
  if (!id) return '—';
  if (UUID.test(id)) return `…${id.slice(-length)}`;
  return id.length > length ? `${id.slice(0, length)}…` : id;
}
