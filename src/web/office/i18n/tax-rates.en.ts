// The tax rates settings card's English strings.
import type { taxRatesZhCN } from './tax-rates.zh-CN';

export const taxRatesEn: typeof taxRatesZhCN = {
  taxRates: {
    title: 'Tax rates',
    help: 'Products can only take an active rate; the default is preselected for new products. Rates are never deleted, only deactivated.',
    rate: 'Rate',
    name: 'Name',
    nameEn: 'English name',
    active: 'Active',
    isDefault: 'Default',
    add: 'Add rate',
    save: 'Save',
    saved: 'Saved',
    added: 'Added the {{rate}}% rate',
    readOnly: 'Only finance or the owner can change tax rates',
    inUse: 'Active products carry this rate ({{skus}}); change or archive them first',
  },
  problems: {
    tax_rate_exists: 'This rate already exists',
    tax_rate_is_default: 'This is the default rate; make another rate the default first',
    default_required: 'There must be a default rate: make another rate the default',
    default_inactive: 'The default rate must be active',
    tax_rate_inactive: 'This tax rate is deactivated; choose another',
    unknown_tax_rate: "This rate is not in the company's tax rates (Settings → Tax rates)",
  },
  auditActions: {
    tax_rate: { created: 'Tax rate added', updated: 'Tax rate changed' },
  },
};
