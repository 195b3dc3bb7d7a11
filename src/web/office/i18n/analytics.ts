// The sales analytics page's strings, added to the `translation` namespace at run time (the typed
// key union of zh-CN.ts is at TypeScript's depth limit; see reports.ts).
import { useTranslation } from 'react-i18next';
import i18n from './index';
import { analyticsEn } from './analytics.en';
import { analyticsZhCN } from './analytics.zh-CN';

i18n.addResourceBundle('zh-CN', 'translation', analyticsZhCN, true, false);
i18n.addResourceBundle('en', 'translation', analyticsEn, true, false);

type Paths<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`> }[keyof T & string];
export type AnalyticsKey = Paths<typeof analyticsZhCN>;
export type AnalyticsT = (key: AnalyticsKey, options?: Record<string, unknown>) => string;

export function asAnalyticsT(t: unknown): AnalyticsT {
  return t as AnalyticsT;
}

export function useAnalyticsT(): AnalyticsT {
  return asAnalyticsT(useTranslation().t);
}
