// Report periods named the way finance files them: an ISO week ('2026-W47', Monday to Sunday,
// week 1 holds the year's first Thursday) or a calendar month ('2026-11').
import { addDays, daysBetween, isCalendarDate } from './calendar-date';

export interface ReportPeriod {
  /** '2026-W47' or '2026-11'. */
  label: string;
  kind: 'week' | 'month';
  /** First and last business date, inclusive. */
  from: string;
  to: string;
}

/** 1 = Monday … 7 = Sunday. */
function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The ISO week a date falls in: '2027-01-01' is in '2026-W53'. */
export function isoWeekOf(date: string): ReportPeriod {
  const monday = addDays(date, 1 - isoWeekday(date));
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return { label: `${year}-W${String(week).padStart(2, '0')}`, kind: 'week', from: monday, to: addDays(monday, 6) };
}

export function monthOf(date: string): ReportPeriod {
  const month = date.slice(0, 7);
  const next = Number(date.slice(5, 7)) === 12 ? `${Number(date.slice(0, 4)) + 1}-01-01` : `${date.slice(0, 4)}-${String(Number(date.slice(5, 7)) + 1).padStart(2, '0')}-01`;
  return { label: month, kind: 'month', from: `${month}-01`, to: addDays(next, -1) };
}

/** '2026-W47' or '2026-11' → the period; null when the text names none (2026-W54, 2026-13). */
export function parseReportPeriod(text: string): ReportPeriod | null {
  const week = /^(\d{4})-W(\d{2})$/.exec(text);
  if (week) {
    const jan4 = `${week[1]}-01-04`;
    const monday = addDays(addDays(jan4, 1 - isoWeekday(jan4)), 7 * (Number(week[2]) - 1));
    const p = isoWeekOf(monday);
    return Number(week[2]) >= 1 && p.label === text ? p : null;
  }
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month && isCalendarDate(`${text}-01`)) return monthOf(`${text}-01`);
  return null;
}

/** The last whole week and the last whole month before `today` (what Monday's and the 1st's files cover). */
export function lastCompletePeriods(today: string): ReportPeriod[] {
  return [isoWeekOf(addDays(today, -isoWeekday(today))), monthOf(addDays(`${today.slice(0, 7)}-01`, -1))];
}
