// The seeded chart of accounts is the small-enterprise standard's (小企业会计准则) first-level codes
// that issue 7 names, each with an English name, and every account the automatic postings use is in it.
import { describe, expect, it } from 'vitest';
import { ACCOUNTS, SMALL_ENTERPRISE_CHART } from './chart';

describe('seeded chart of accounts', () => {
  const byCode = new Map(SMALL_ENTERPRISE_CHART.map((a) => [a.code, a]));

  it('has the standard codes with their Chinese names and types', () => {
    const expected: [string, string, string][] = [
      ['1001', '库存现金', 'asset'],
      ['1002', '银行存款', 'asset'],
      ['1012', '其他货币资金', 'asset'],
      ['1122', '应收账款', 'asset'],
      ['1405', '库存商品', 'asset'],
      ['1901', '待处理财产损溢', 'asset'],
      ['2202', '应付账款', 'liability'],
      ['2221', '应交税费', 'liability'],
      ['5001', '主营业务收入', 'revenue'],
      ['5401', '主营业务成本', 'expense'],
      ['5601', '销售费用', 'expense'],
      ['5711', '营业外支出', 'expense'],
    ];
    for (const [code, name, type] of expected) expect(byCode.get(code), code).toMatchObject({ name, type });
  });

  it('gives every account one unique four-digit code and an English name', () => {
    expect(byCode.size).toBe(SMALL_ENTERPRISE_CHART.length);
    for (const a of SMALL_ENTERPRISE_CHART) {
      expect(a.code).toMatch(/^\d{4}$/);
      expect(a.nameEn.trim().length, a.code).toBeGreaterThan(0);
    }
  });

  it('contains every account the automatic postings use', () => {
    for (const code of Object.values(ACCOUNTS)) expect(byCode.has(code), code).toBe(true);
  });
});
