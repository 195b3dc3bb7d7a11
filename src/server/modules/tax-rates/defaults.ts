// The VAT rates (增值税税率) and small-scale levy rates (征收率) every company starts with, in basis
// points. Seeded by migration 0018 for existing companies and by createCompany for new ones.
export interface DefaultTaxRate {
  rate: number;
  name: string;
  nameEn: string;
}

export const DEFAULT_TAX_RATES: DefaultTaxRate[] = [
  { rate: 1300, name: '一般货物', nameEn: 'General goods' },
  { rate: 900, name: '农产品/图书等', nameEn: 'Farm produce, books, etc.' },
  { rate: 600, name: '服务', nameEn: 'Services' },
  { rate: 500, name: '简易计税', nameEn: 'Simplified method' },
  { rate: 300, name: '小规模纳税人', nameEn: 'Small-scale taxpayer' },
  { rate: 100, name: '小规模减按', nameEn: 'Small-scale, reduced' },
  { rate: 0, name: '免税/零税率', nameEn: 'Exempt / zero-rated' },
];

export const DEFAULT_TAX_RATE = 1300;

/** Rows for one company: listed in the order above, 13 % the default. */
export function defaultTaxRateRows(companyId: string, at: string) {
  return DEFAULT_TAX_RATES.map((r, i) => ({
    company_id: companyId,
    rate: r.rate,
    name: r.name,
    name_en: r.nameEn,
    active: 1,
    is_default: r.rate === DEFAULT_TAX_RATE ? 1 : 0,
    sort_order: (i + 1) * 10,
    created_at: at,
    updated_at: at,
  }));
}
