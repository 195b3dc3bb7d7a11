import { describe, it, expect } from 'vitest';
import { businessDate, instantOnBusinessDate, isValidTimeZone, localDateTime } from './business-date';

describe('businessDate', () => {
  it('puts a sale at 17:30 UTC on the next day in Shanghai (UTC+8)', () => {
    expect(businessDate('2026-01-01T17:30:00Z', 'Asia/Shanghai')).toBe('2026-01-02');
    expect(businessDate('2026-01-01T15:59:59.999Z', 'Asia/Shanghai')).toBe('2026-01-01');
    expect(businessDate('2026-01-01T16:00:00Z', 'Asia/Shanghai')).toBe('2026-01-02');
  });

  it('accepts a Date and an ISO string with an offset alike', () => {
    expect(businessDate(new Date(Date.UTC(2026, 5, 30, 23, 0)), 'UTC')).toBe('2026-06-30');
    expect(businessDate('2026-07-01T07:00:00+08:00', 'UTC')).toBe('2026-06-30');
  });

  it('follows daylight saving time where the zone has it', () => {
    // New York is UTC−4 in July and UTC−5 in January
    expect(businessDate('2026-07-01T03:30:00Z', 'America/New_York')).toBe('2026-06-30');
    expect(businessDate('2026-01-01T04:30:00Z', 'America/New_York')).toBe('2025-12-31');
  });

  it('refuses a string without a zone, which would depend on the machine it runs on', () => {
    expect(() => businessDate('2026-01-01T10:00:00', 'Asia/Shanghai')).toThrow(RangeError);
    expect(() => businessDate('2026-01-01', 'Asia/Shanghai')).toThrow(RangeError);
  });

  it('refuses an invalid date and an unknown time zone', () => {
    expect(() => businessDate(new Date(Number.NaN), 'UTC')).toThrow(RangeError);
    expect(() => businessDate('2026-13-45T10:00:00Z', 'UTC')).toThrow(RangeError);
    expect(() => businessDate('2026-01-01T10:00:00Z', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA zones and refuses the rest', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('localDateTime', () => {
  it('prints the wall clock of the store, past midnight on the next day', () => {
    expect(localDateTime('2026-01-01T17:30:00Z', 'Asia/Shanghai')).toBe('2026-01-02 01:30:00');
    expect(localDateTime(new Date('2026-03-02T02:15:09Z'), 'UTC')).toBe('2026-03-02 02:15:09');
    expect(() => localDateTime('nope', 'UTC')).toThrow(RangeError);
  });
});

describe('instantOnBusinessDate', () => {
  it('gives an instant on that very date in zones from UTC−11 to UTC+14, across DST changes', () => {
    expect(instantOnBusinessDate('2025-12-31', 'Asia/Shanghai').toISOString()).toBe('2025-12-31T04:00:00.000Z');
    for (const zone of ['Pacific/Pago_Pago', 'America/New_York', 'UTC', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
      for (const date of ['2025-12-31', '2026-03-08', '2026-11-01', '2024-02-29']) expect(businessDate(instantOnBusinessDate(date, zone), zone)).toBe(date);
    }
    expect(() => instantOnBusinessDate('2026-02-30', 'UTC')).toThrow(RangeError);
  });
});
