import { describe, expect, it } from 'vitest';
import { localHour } from './local-hour';

describe('localHour', () => {
  it('reads the store wall clock: 17:30Z is 01:30 next day in Shanghai', () => {
    expect(localHour('2026-01-01T17:30:00Z', 'Asia/Shanghai')).toBe(1);
    expect(localHour('2026-01-01T15:59:59.999Z', 'Asia/Shanghai')).toBe(23);
  });
  it('follows daylight saving and half-hour zones', () => {
    expect(localHour('2026-07-01T12:00:00Z', 'Europe/Berlin')).toBe(14);
    expect(localHour('2026-01-01T12:00:00Z', 'Europe/Berlin')).toBe(13);
    expect(localHour('2026-01-01T12:45:00Z', 'Asia/Kolkata')).toBe(18);
    expect(localHour('2026-01-01T12:15:00Z', 'Asia/Kolkata')).toBe(17);
  });
});
