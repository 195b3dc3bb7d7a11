import { describe, expect, it } from 'vitest';
import { excelNumberText, parseQty, parseScaled, parseTaxRate, parseYuan } from './numbers';

const ok = (value: number) => ({ ok: true, value });
const bad = (code: string) => ({ ok: false, code });

describe('reading numbers from cells without floats', () => {
  it('reads yuan with up to two decimals as exact fen', () => {
    expect(parseYuan('3.5')).toEqual(ok(350));
    expect(parseYuan('3.50')).toEqual(ok(350));
    expect(parseYuan('12')).toEqual(ok(1200));
    expect(parseYuan('0.07')).toEqual(ok(7));
    expect(parseYuan('1.005')).toEqual(bad('too_many_decimals'));
    expect(parseYuan('1.000')).toEqual(ok(100));
    expect(parseYuan('.5')).toEqual(ok(50));
    expect(parseYuan('19.99')).toEqual(ok(1999));
    expect(parseYuan('4,999.90')).toEqual(ok(499_990));
    expect(parseYuan('¥3.50')).toEqual(ok(350));
    expect(parseYuan('￥ 3.50')).toEqual(ok(350));
    expect(parseYuan('3.5元')).toEqual(ok(350));
    expect(parseYuan('３．５')).toEqual(ok(350));
    expect(parseYuan('-2')).toEqual(ok(-200));
  });

  it('refuses what is not a plain decimal', () => {
    for (const t of ['', 'abc', '3,5', '1,23.00', '1e3', '3.5.1', '.', '--1', '12 34']) expect(parseYuan(t), t).toEqual(bad('bad_number'));
    expect(parseScaled('99999999999999999', 2)).toEqual(bad('bad_number'));
  });

  it('reads quantities in thousandths', () => {
    expect(parseQty('2')).toEqual(ok(2000));
    expect(parseQty('0.538')).toEqual(ok(538));
    expect(parseQty('0.5385')).toEqual(bad('too_many_decimals'));
    expect(parseQty('1.0000')).toEqual(ok(1000));
  });

  it('reads tax rates as percents, fractions or 免税', () => {
    expect(parseTaxRate('13%')).toEqual(ok(1300));
    expect(parseTaxRate('13')).toEqual(ok(1300));
    expect(parseTaxRate('0.13')).toEqual(ok(1300));
    expect(parseTaxRate('9 %')).toEqual(ok(900));
    expect(parseTaxRate('0.09')).toEqual(ok(900));
    expect(parseTaxRate('1')).toEqual(ok(100));
    expect(parseTaxRate('0')).toEqual(ok(0));
    expect(parseTaxRate('13.5%')).toEqual(ok(1350));
    expect(parseTaxRate('免税')).toEqual(ok(0));
    expect(parseTaxRate('13.555%')).toEqual(bad('too_many_decimals'));
    expect(parseTaxRate('high')).toEqual(bad('bad_number'));
  });

  it('shows Excel numbers as Excel does (15 significant digits)', () => {
    expect(excelNumberText(3.5)).toBe('3.5');
    expect(excelNumberText(0.1 + 0.2)).toBe('0.3');
    expect(excelNumberText(12.990000000000002)).toBe('12.99');
    expect(excelNumberText(6901234567892)).toBe('6901234567892');
    expect(excelNumberText(12345678901234)).toBe('12345678901234');
    expect(excelNumberText(0.0000001)).toBe('0.0000001');
    expect(excelNumberText(-4)).toBe('-4');
  });
});
