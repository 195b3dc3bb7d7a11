import { describe, expect, it } from 'vitest';
import { isoWeekOf, lastCompletePeriods, monthOf, parseReportPeriod } from './report-period';

describe('report periods', () => {
  it('names ISO weeks Monday to Sunday, across the turn of the year', () => {
    expect(isoWeekOf('2026-11-18')).toEqual({ label: '2026-W47', kind: 'week', from: '2026-11-16', to: '2026-11-22' });
    expect(isoWeekOf('2026-11-22').label).toBe('2026-W47');
    expect(isoWeekOf('2026-11-23').label).toBe('2026-W48');
    // 2026 starts on a Thursday: 2026 has 53 weeks and 2027-01-03 is still in its last one.
    expect(isoWeekOf('2026-01-01')).toMatchObject({ label: '2026-W01', from: '2025-12-29' });
    expect(isoWeekOf('2027-01-03')).toMatchObject({ label: '2026-W53', to: '2027-01-03' });
    expect(isoWeekOf('2025-12-28').label).toBe('2025-W52');
  });

  it('names months with their last day, February of a leap year included', () => {
    expect(monthOf('2026-11-30')).toEqual({ label: '2026-11', kind: 'month', from: '2026-11-01', to: '2026-11-30' });
    expect(monthOf('2028-02-10').to).toBe('2028-02-29');
    expect(monthOf('2026-12-31').to).toBe('2026-12-31');
  });

  it('parses a period label and refuses one that names no period', () => {
    expect(parseReportPeriod('2026-W47')).toEqual(isoWeekOf('2026-11-16'));
    expect(parseReportPeriod('2026-W53')?.to).toBe('2027-01-03');
    expect(parseReportPeriod('2025-W53')).toBeNull();
    expect(parseReportPeriod('2026-W00')).toBeNull();
    expect(parseReportPeriod('2026-02')).toEqual({ label: '2026-02', kind: 'month', from: '2026-02-01', to: '2026-02-28' });
    expect(parseReportPeriod('2026-13')).toBeNull();
    expect(parseReportPeriod('W47')).toBeNull();
  });

  it('finds the last whole week and month: on a Monday and the 1st they are the ones just ended', () => {
    expect(lastCompletePeriods('2026-11-23').map((p) => p.label)).toEqual(['2026-W47', '2026-10']);
    expect(lastCompletePeriods('2026-11-22').map((p) => p.label)).toEqual(['2026-W46', '2026-10']);
    expect(lastCompletePeriods('2026-12-01').map((p) => p.label)).toEqual(['2026-W48', '2026-11']);
    expect(lastCompletePeriods('2027-01-01').map((p) => p.label)).toEqual(['2026-W52', '2026-12']);
  });
});
