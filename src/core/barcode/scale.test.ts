import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { eanCheckDigit } from './ean';
import { decodeScaleBarcode, priceScaleItem, type DecodedScaleBarcode } from './scale';

const withCheck = (body: string) => body + eanCheckDigit(body);

function decoded(code: string, kind13: 'amount' | 'weight'): DecodedScaleBarcode {
  const r = decodeScaleBarcode(code, { kind13 });
  if (!r.ok) throw new Error(`expected a decoded label, got ${r.code}`);
  return r.value;
}

describe('decodeScaleBarcode', () => {
  it('reads a 13-digit weight label: flag 20, PLU 00123, 1234 g', () => {
    expect(decodeScaleBarcode('2000123012346', { kind13: 'weight' }))
      .toEqual({ ok: true, value: { kind: 'weight', plu: '00123', weight: 1234 } });
  });

  it('reads the same digits as an amount when the store prints amounts', () => {
    expect(decodeScaleBarcode('2000123012346', { kind13: 'amount' }))
      .toEqual({ ok: true, value: { kind: 'amount', plu: '00123', amount: 1234 } });
  });

  it('reads an 18-digit label as amount then weight, whatever the 13-digit setting', () => {
    const expected = { ok: true, value: { kind: 'amount_and_weight', plu: '01001', amount: 3275, weight: 1222 } };
    expect(decodeScaleBarcode('280100103275012220', { kind13: 'weight' })).toEqual(expected);
    expect(decodeScaleBarcode('280100103275012220', { kind13: 'amount' })).toEqual(expected);
  });

  it('refuses, in order: a non-digit, a wrong length, a flag outside 20–29, a wrong check digit', () => {
    const settings = { kind13: 'weight' } as const;
    expect(decodeScaleBarcode('2000123O12346', settings)).toMatchObject({ ok: false, code: 'non_digit', field: 'barcode' });
    expect(decodeScaleBarcode('20001230123', settings)).toMatchObject({ ok: false, code: 'bad_length' });
    expect(decodeScaleBarcode('', settings)).toMatchObject({ ok: false, code: 'bad_length' });
    expect(decodeScaleBarcode('6901234567892', settings)).toMatchObject({ ok: false, code: 'bad_flag' });
    expect(decodeScaleBarcode('1900123012347', settings)).toMatchObject({ ok: false, code: 'bad_flag' });
    expect(decodeScaleBarcode('2000123012347', settings)).toMatchObject({ ok: false, code: 'bad_check_digit' });
  });

  it('follows a store layout with a one-digit flag 2 and six-digit PLUs', () => {
    const settings = { kind13: 'weight', flags: ['2'], pluLength: 6 } as const;
    expect(decodeScaleBarcode(withCheck('200012301234'), settings))
      .toEqual({ ok: true, value: { kind: 'weight', plu: '000123', weight: 1234 } });
    expect(decodeScaleBarcode(withCheck('20001230327501222'), settings))
      .toEqual({ ok: true, value: { kind: 'amount_and_weight', plu: '000123', amount: 3275, weight: 1222 } });
    expect(decodeScaleBarcode(withCheck('200012301234'), { kind13: 'weight', flags: ['27'] })).toMatchObject({ code: 'bad_flag' });
  });

  it('throws on a layout that cannot work', () => {
    expect(() => decodeScaleBarcode('2000123012346', { kind13: 'weight', flags: [] })).toThrow(RangeError);
    expect(() => decodeScaleBarcode('2000123012346', { kind13: 'weight', flags: ['2', '21'] })).toThrow(RangeError);
    expect(() => decodeScaleBarcode('2000123012346', { kind13: 'weight', pluLength: 10 })).toThrow(RangeError);
  });

  it('reads back any PLU and weight it was given', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 29 }), fc.stringMatching(/^\d{5}$/), fc.integer({ min: 0, max: 99_999 }), (flag, plu, grams) => {
        const code = withCheck(`${flag}${plu}${String(grams).padStart(5, '0')}`);
        expect(decodeScaleBarcode(code, { kind13: 'weight' })).toEqual({ ok: true, value: { kind: 'weight', plu, weight: grams } });
      }),
    );
  });
});

describe('priceScaleItem', () => {
  it('prices 1.234 kg at 12.98/kg as 16.02', () => {
    expect(priceScaleItem(decoded('2000123012346', 'weight'), 1298)).toEqual({ ok: true, value: { plu: '00123', qty: 1234, amount: 1602 } });
  });

  it('rounds half a fen up: 0.550 kg at 19.90/kg is 10.95', () => {
    expect(priceScaleItem({ kind: 'weight', plu: '00456', weight: 550 }, 1990)).toEqual({ ok: true, value: { plu: '00456', qty: 550, amount: 1095 } });
  });

  it('charges an amount label as printed and derives the grams for stock: 12.34 at 12.98/kg is 951 g', () => {
    expect(priceScaleItem({ kind: 'amount', plu: '00321', amount: 1234 }, 1298)).toEqual({ ok: true, value: { plu: '00321', qty: 951, amount: 1234 } });
  });

  it('takes an 18-digit label as printed even when today\'s price would say otherwise', () => {
    // 1.222 kg × 26.80 = 32.75, but a label printed before a price change is still honoured
    expect(priceScaleItem({ kind: 'amount_and_weight', plu: '01001', amount: 3275, weight: 1222 }, 2990))
      .toEqual({ ok: true, value: { plu: '01001', qty: 1222, amount: 3275 } });
  });

  it('refuses to derive a weight from an amount label when the product has no price', () => {
    expect(priceScaleItem({ kind: 'amount', plu: '00321', amount: 1234 }, 0)).toMatchObject({ ok: false, code: 'no_unit_price', field: 'unitPricePerKg' });
  });
});
