// The tax rates card's strings, added to the `translation` namespace at run time for the same
// reason as sales.ts (the typed key union of zh-CN.ts is at TypeScript's depth limit).
import { useTranslation } from 'react-i18next';
import i18n from './index';
import { taxRatesEn } from './tax-rates.en';
import { taxRatesZhCN } from './tax-rates.zh-CN';

i18n.addResourceBundle('zh-CN', 'translation', taxRatesZhCN, true, false);
i18n.addResourceBundle('en', 'translation', taxRatesEn, true, false);

type Paths<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`> }[keyof T & string];
export type TaxRatesKey = Paths<typeof taxRatesZhCN>;
export type TaxRatesT = (key: TaxRatesKey, options?: Record<string, unknown>) => string;

export function useTaxRatesT(): TaxRatesT {
  return useTranslation().t as unknown as TaxRatesT;
}
