import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, daysBetween, isCalendarDate } from './calendar-date';

describe('calendar dates', () => {
  it('knows real days from look-alikes', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('2026-01-01T00:00Z')).toBe(false);
  });

  it('adds days across month, leap-day and year ends', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
  });

  it('counts whole days, negative when the second date is earlier', () => {
    expect(daysBetween('2026-01-01', '2026-01-08')).toBe(7);
    expect(daysBetween('2026-03-29', '2026-03-30')).toBe(1);
    expect(daysBetween('2026-01-08', '2026-01-01')).toBe(-7);
  });

  it('daysBetween undoes addDays', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), fc.integer({ min: -20_000, max: 20_000 }), (d, n) => {
        const day = d.toISOString().slice(0, 10);
        expect(daysBetween(day, addDays(day, n))).toBe(n);
      }),
    );
  });

  it('refuses what is not a date', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => daysBetween('tomorrow', '2026-01-01')).toThrow(RangeError);
  });
});
