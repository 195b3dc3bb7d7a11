// The company's tax rates (GET /tax-rates, edited under settings) as options of a rate picker.
// Forms edit rates as percents (13), the API speaks basis points (1300).
import { useTranslation } from 'react-i18next';
import type { TaxRateView } from '../../../contracts/tax-rates';
import { api } from '../../shared/api';
import { useRemote } from './useRemote';
// Registers the tax rate problems' texts (a refused product rate reads in the user's language).
import '../i18n/tax-rates';

export function useTaxRates() {
  const english = useTranslation().i18n.language === 'en';
  const remote = useRemote((signal) => api.get<{ items: TaxRateView[] }>('/tax-rates', { signal }), []);
  const items = remote.data?.items ?? [];
  const preset = items.find((r) => r.isDefault);
  return {
    ...remote,
    items,
    /** The default rate in percent, preselected for new products. */
    defaultPercent: preset ? preset.rate / 100 : undefined,
    /** Active rates, plus `currentPercent` when a product still carries a since-deactivated one. */
    options(currentPercent?: number) {
      return items
        .filter((r) => r.active || r.rate / 100 === currentPercent)
        .map((r) => ({ value: r.rate / 100, label: `${r.rate / 100}% ${english ? r.nameEn : r.name}` }));
    },
  };
}
