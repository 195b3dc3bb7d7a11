import { describe, expect, it } from 'vitest';
import { classifyPaymentCode } from './payment-code';

describe('classifyPaymentCode', () => {
  it('recognises a WeChat Pay code: 18 digits starting 10–15', () => {
    expect(classifyPaymentCode('134567890123456789')).toBe('wechat');
    expect(classifyPaymentCode('104567890123456789')).toBe('wechat');
  });
  it('recognises an Alipay code: 16–24 digits starting 25–30', () => {
    expect(classifyPaymentCode('2845678901234567')).toBe('alipay');
    expect(classifyPaymentCode('300000000000000000000000')).toBe('alipay');
  });
  it('recognises a UnionPay QuickPass code: 19 digits starting 62', () => {
    expect(classifyPaymentCode('6212345678901234567')).toBe('unionpay');
  });
  it('refuses codes with a wrong length, an unknown prefix or non-digits', () => {
    expect(classifyPaymentCode('13456789012345678')).toBeNull();
    expect(classifyPaymentCode('164567890123456789')).toBeNull();
    expect(classifyPaymentCode('6901234567892')).toBeNull();
    expect(classifyPaymentCode('13456789012345678x')).toBeNull();
  });
});
