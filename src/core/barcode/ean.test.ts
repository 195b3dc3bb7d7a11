import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { classifyBarcode, eanCheckDigit, hasValidCheckDigit, isValidGtin } from './ean';

describe('eanCheckDigit', () => {
  it('computes the check digit of an EAN-13 with weights 3,1,3… from the right', () => {
    // 400638133393: from the right 3·3+9+3·3+3+3·3+1+3·8+3+3·6+0+3·0+4 = 89 → 1
    expect(eanCheckDigit('400638133393')).toBe(1);
    expect(eanCheckDigit('690123456789')).toBe(2);
  });

  it('computes the check digits of EAN-8, UPC-A and GTIN-14', () => {
    expect(eanCheckDigit('7351353')).toBe(7);
    expect(eanCheckDigit('03600029145')).toBe(2);
    expect(eanCheckDigit('1069012345678')).toBe(4);
  });

  it('gives 0 when the weighted sum is already a multiple of ten', () => {
    expect(eanCheckDigit('0000000')).toBe(0);
  });

  it('throws on anything but digits', () => {
    expect(() => eanCheckDigit('12a4')).toThrow(RangeError);
    expect(() => eanCheckDigit('')).toThrow(RangeError);
  });

  it('catches every single-digit typo', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.nat(11), fc.integer({ min: 1, max: 9 }), (body, at, delta) => {
        const code = body + eanCheckDigit(body);
        const typo = code.slice(0, at) + ((Number(code[at]) + delta) % 10) + code.slice(at + 1);
        expect(hasValidCheckDigit(typo)).toBe(false);
      }),
    );
  });
});

describe('isValidGtin', () => {
  it('accepts EAN-13, EAN-8, UPC-A and GTIN-14 with correct check digits', () => {
    expect(isValidGtin('4006381333931')).toBe(true);
    expect(isValidGtin('6901234567892')).toBe(true);
    expect(isValidGtin('73513537')).toBe(true);
    expect(isValidGtin('036000291452')).toBe(true);
    expect(isValidGtin('10690123456784')).toBe(true);
  });

  it('refuses a wrong check digit, other lengths and non-digits', () => {
    expect(isValidGtin('4006381333932')).toBe(false);
    expect(isValidGtin('400638133393')).toBe(false);
    expect(isValidGtin('280100103275012220')).toBe(false);
    expect(isValidGtin('40063813339 1')).toBe(false);
    expect(isValidGtin('')).toBe(false);
  });
});

describe('classifyBarcode', () => {
  it('names each GTIN by its length', () => {
    expect(classifyBarcode('6901234567892')).toBe('ean13');
    expect(classifyBarcode('73513537')).toBe('ean8');
    expect(classifyBarcode('036000291452')).toBe('upca');
    expect(classifyBarcode('10690123456784')).toBe('gtin14');
  });

  it('keeps in-store EAN-13 (prefix 20–29) as ean13', () => {
    expect(classifyBarcode('2000123012346')).toBe('ean13');
  });

  it('calls anything else internal: shop codes, bad check digits, 18-digit scale labels', () => {
    expect(classifyBarcode('A0001')).toBe('internal');
    expect(classifyBarcode('6901234567893')).toBe('internal');
    expect(classifyBarcode('280100103275012220')).toBe('internal');
  });
});
