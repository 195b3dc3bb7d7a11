// The product analytics page's strings, added to the `translation` namespace at run time for the
// same reason as sales.ts (the typed key union of zh-CN.ts is at TypeScript's depth limit).
import { useTranslation } from 'react-i18next';
import i18n from './index';
import { productAnalyticsEn } from './product-analytics.en';
import { productAnalyticsZhCN } from './product-analytics.zh-CN';

i18n.addResourceBundle('zh-CN', 'translation', productAnalyticsZhCN, true, false);
i18n.addResourceBundle('en', 'translation', productAnalyticsEn, true, false);

type Paths<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`> }[keyof T & string];
export type ProductAnalyticsKey = Paths<typeof productAnalyticsZhCN>;
export type ProductAnalyticsT = (key: ProductAnalyticsKey, options?: Record<string, unknown>) => string;

/** The office's `t`, seen as taking the product analytics page's keys. */
export function asProductAnalyticsT(t: unknown): ProductAnalyticsT {
  return t as ProductAnalyticsT;
}

export function useProductAnalyticsT(): ProductAnalyticsT {
  return asProductAnalyticsT(useTranslation().t);
}
