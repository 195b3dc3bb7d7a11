// The financial reports page's strings, added to the `translation` namespace at run time for the
// same reason as sales.ts (the typed key union of zh-CN.ts is at TypeScript's depth limit).
import { useTranslation } from 'react-i18next';
import i18n from './index';
import { reportsEn } from './reports.en';
import { reportsZhCN } from './reports.zh-CN';

i18n.addResourceBundle('zh-CN', 'translation', reportsZhCN, true, false);
i18n.addResourceBundle('en', 'translation', reportsEn, true, false);

type Paths<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`> }[keyof T & string];
export type ReportsKey = Paths<typeof reportsZhCN>;
export type ReportsT = (key: ReportsKey, options?: Record<string, unknown>) => string;

/** The office's `t`, seen as taking the reports page's keys. */
export function asReportsT(t: unknown): ReportsT {
  return t as ReportsT;
}

export function useReportsT(): ReportsT {
  return asReportsT(useTranslation().t);
}
