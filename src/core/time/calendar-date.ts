// Calendar dates ('YYYY-MM-DD', no time zone): expiry dates, production dates, business dates.
// Arithmetic runs on UTC midnights so no host time zone or DST change can shift a day.
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function toUtcMs(date: string): number {
  const m = CALENDAR_DATE.exec(date);
  if (!m) throw new RangeError(`expected a YYYY-MM-DD date, got ${JSON.stringify(date)}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`${date} is not a calendar date`);
  return ms;
}

/** 'YYYY-MM-DD' naming a real day (2026-02-30 is not one). */
export function isCalendarDate(date: string): boolean {
  try {
    toUtcMs(date);
    return true;
  } catch {
    return false;
  }
}

/** The date `days` later (earlier when negative): addDays('2026-02-27', 2) = '2026-03-01'. */
export function addDays(date: string, days: number): string {
  if (!Number.isSafeInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return new Date(toUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`: daysBetween('2026-01-01', '2026-01-08') = 7; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}
