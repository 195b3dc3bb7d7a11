// The dashboard's period presets and period-over-period (环比) changes. Dates are business dates
// (YYYY-MM-DD) counted from the server's `today`, so a browser in another time zone still asks
// for the store's days.
import dayjs from 'dayjs';

export const PRESETS = ['today', 'last7', 'last30', 'thisMonth', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

export interface DateRange {
  from: string;
  to: string;
}

/** The range a preset stands for, ending today; `custom` keeps the range given. */
export function presetRange(preset: Preset, today: string, custom: DateRange): DateRange {
  const end = dayjs(today);
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'last7':
      return { from: end.subtract(6, 'day').format('YYYY-MM-DD'), to: today };
    case 'last30':
      return { from: end.subtract(29, 'day').format('YYYY-MM-DD'), to: today };
    case 'thisMonth':
      return { from: end.startOf('month').format('YYYY-MM-DD'), to: today };
    case 'custom':
      return custom;
  }
}

/** How a figure moved against the previous period, with the size already written out. */
export type Change = { kind: 'none' } | { kind: 'flat' } | { kind: 'up' | 'down'; label: string };

/**
 * Relative change from `previous` to `current` in tenths of a percent, rounded half away from
 * zero on integers (both figures are fen or counts). No previous figure: no change to show.
 */
export function relativeChange(current: number, previous: number): Change {
  if (previous === 0) return current === 0 ? { kind: 'flat' } : { kind: 'none' };
  const diff = current - previous;
  if (diff === 0) return { kind: 'flat' };
  const base = Math.abs(previous);
  const tenths = Math.floor((Math.abs(diff) * 2000 + base) / (2 * base));
  return { kind: diff > 0 ? 'up' : 'down', label: `${Math.floor(tenths / 10)}.${tenths % 10}%` };
}

/** A change of margin in percentage points: 2500 bp after 2377 bp → up "1.23pp". */
export function pointsChange(currentBp: number, previousBp: number): Change {
  const diff = currentBp - previousBp;
  if (diff === 0) return { kind: 'flat' };
  return { kind: diff > 0 ? 'up' : 'down', label: formatBp(Math.abs(diff)).replace('%', 'pp') };
}

/** 1234 bp → "12.34%", -50 → "-0.50%". */
export function formatBp(bp: number): string {
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}
