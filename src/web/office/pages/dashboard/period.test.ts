import { describe, expect, it } from 'vitest';
import { formatBp, pointsChange, presetRange, relativeChange } from './period';

describe('dashboard periods', () => {
  const custom = { from: '2026-01-01', to: '2026-01-31' };
  it('counts presets back from the store’s today, both ends included', () => {
    expect(presetRange('today', '2026-03-01', custom)).toEqual({ from: '2026-03-01', to: '2026-03-01' });
    expect(presetRange('last7', '2026-03-01', custom)).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    expect(presetRange('last30', '2026-03-01', custom)).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(presetRange('thisMonth', '2026-03-17', custom)).toEqual({ from: '2026-03-01', to: '2026-03-17' });
    expect(presetRange('custom', '2026-03-17', custom)).toBe(custom);
  });

  it('writes period-over-period changes in tenths of a percent, half up', () => {
    expect(relativeChange(11_000, 10_000)).toEqual({ kind: 'up', label: '10.0%' });
    expect(relativeChange(9_000, 10_000)).toEqual({ kind: 'down', label: '10.0%' });
    // 1/3 = 33.33… → 33.3 %; 2/3 = 66.66… → 66.7 %; 1/8 = 12.5 % exactly; 1/16 = 6.25 → 6.3 %.
    expect(relativeChange(4, 3)).toEqual({ kind: 'up', label: '33.3%' });
    expect(relativeChange(1, 3)).toEqual({ kind: 'down', label: '66.7%' });
    expect(relativeChange(9, 8)).toEqual({ kind: 'up', label: '12.5%' });
    expect(relativeChange(17, 16)).toEqual({ kind: 'up', label: '6.3%' });
    expect(relativeChange(5, 5)).toEqual({ kind: 'flat' });
    expect(relativeChange(0, 0)).toEqual({ kind: 'flat' });
    expect(relativeChange(500, 0)).toEqual({ kind: 'none' });
    // A loss turning into a smaller loss is an improvement.
    expect(relativeChange(-50, -100)).toEqual({ kind: 'up', label: '50.0%' });
  });

  it('shows margins in percent and their change in percentage points', () => {
    expect(formatBp(1234)).toBe('12.34%');
    expect(formatBp(5)).toBe('0.05%');
    expect(formatBp(-50)).toBe('-0.50%');
    expect(pointsChange(2500, 2377)).toEqual({ kind: 'up', label: '1.23pp' });
    expect(pointsChange(2000, 2500)).toEqual({ kind: 'down', label: '5.00pp' });
    expect(pointsChange(100, 100)).toEqual({ kind: 'flat' });
  });
});
