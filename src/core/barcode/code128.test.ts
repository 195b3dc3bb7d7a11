import bwipjs from 'bwip-js/node';
import { describe, expect, it } from 'vitest';
import { code128Segments, code128Svg, code128Widths } from './code128';

describe('code128', () => {
  it('draws the same bars as bwip-js (the reference encoder) for receipt numbers and text', () => {
    for (const text of ['S01-R01-000042', 'SA-00001', 'A', 'Hello World~ 12', '123456', 'AB12345']) {
      const [reference] = bwipjs.raw({ bcid: 'code128', text }) as unknown as { sbs: number[] }[];
      expect(code128Widths(text), text).toEqual(reference.sbs);
    }
  });

  it('puts a trailing run of four or more digits in code set C, keeping an odd digit in B', () => {
    expect(code128Segments('S01-R01-000042')).toEqual([{ set: 'B', text: 'S01-R01-' }, { set: 'C', text: '000042' }]);
    expect(code128Segments('R-12345')).toEqual([{ set: 'B', text: 'R-1' }, { set: 'C', text: '2345' }]);
    expect(code128Segments('AB123')).toEqual([{ set: 'B', text: 'AB123' }]);
  });

  it('is 167 modules for a receipt number: 334 dots at two dots a module fit 58 mm paper (384)', () => {
    expect(code128Widths('S01-R01-000042').reduce((a, b) => a + b, 0)).toBe(167);
  });

  it('refuses what Code 128 B cannot carry', () => {
    expect(() => code128Widths('')).toThrow(RangeError);
    expect(() => code128Widths('收银')).toThrow(RangeError);
  });

  it('renders an SVG with one path per bar', () => {
    const svg = code128Svg('AB');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const bars = code128Widths('AB').filter((_, i) => i % 2 === 0).length;
    expect(svg.match(/M\d+ 0h/g)).toHaveLength(bars);
  });
});
