// The dashboard's strings, added to the `translation` namespace at run time for the
// same reason as sales.ts (the typed key union of zh-CN.ts is at TypeScript's depth limit).
import { useTranslation } from 'react-i18next';
import i18n from './index';
import { dashboardEn } from './dashboard.en';
import { dashboardZhCN } from './dashboard.zh-CN';

i18n.addResourceBundle('zh-CN', 'translation', dashboardZhCN, true, false);
i18n.addResourceBundle('en', 'translation', dashboardEn, true, false);

type Paths<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`> }[keyof T & string];
export type DashboardKey = Paths<typeof dashboardZhCN>;
export type DashboardT = (key: DashboardKey, options?: Record<string, unknown>) => string;

/** The office's `t`, seen as taking the dashboard's keys. */
export function asDashboardT(t: unknown): DashboardT {
  return t as DashboardT;
}

export function useDashboardT(): DashboardT {
  return asDashboardT(useTranslation().t);
}
