// Building an Intl.DateTimeFormat costs far more than using one, and reports date many rows.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

// An ISO instant must say its offset: without one, `new Date()` reads it in the host's zone and
// the same string would fall on different business dates on different machines.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * The store's calendar date of an instant, 'YYYY-MM-DD' (§2): the day reports, shifts and day
 * close count a document in, e.g. a sale at 2026-01-01T17:30Z is on 2026-01-02 in Asia/Shanghai.
 */
export function businessDate(instant: Date | string, timeZone: string): string {
  if (typeof instant === 'string' && !ISO_INSTANT.test(instant)) {
    throw new RangeError(`instant must be an ISO 8601 date-time with Z or an offset, got ${JSON.stringify(instant)}`);
  }
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`invalid instant ${String(instant)}`);

  return wallClock(date, timeZone).slice(0, 10);
}

/**
 * An instant that falls on `date` in the zone (its local noon, or near it): what a back-office
 * document dated by a person (a manual entry on 2026-03-31) posts with, so its business date is
 * exactly that date in the store's zone whatever the zone's offset.
 */
export function instantOnBusinessDate(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const noonUtc = Date.UTC(y, m - 1, d, 12);
  // Local wall clock at noon UTC, read as if it were UTC, minus noon UTC = the zone's offset.
  const offset = Date.parse(`${localDateTime(new Date(noonUtc), timeZone).replace(' ', 'T')}Z`) - noonUtc;
  const instant = new Date(noonUtc - offset);
  if (businessDate(instant, timeZone) !== date) throw new RangeError(`${date} is not a calendar date in ${timeZone}`);
  return instant;
}

/** 'YYYY-MM-DD HH:mm:ss' of an instant in the zone: 2026-01-01T17:30:00Z in Asia/Shanghai is '2026-01-02 01:30:00'. */
export function localDateTime(instant: Date | string, timeZone: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`invalid instant ${String(instant)}`);
  return wallClock(date, timeZone);
}

function wallClock(date: Date, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

/** Whether the runtime knows this IANA time zone (names are matched case-insensitively). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}
