// The payment reconciliation page's strings, added to the `translation` namespace at run time for the
// same reason as sales.ts (the typed key union of zh-CN.ts is at TypeScript's depth limit).
import { useTranslation } from 'react-i18next';
import i18n from './index';
import { reconciliationEn } from './reconciliation.en';
import { reconciliationZhCN } from './reconciliation.zh-CN';

i18n.addResourceBundle('zh-CN', 'translation', reconciliationZhCN, true, false);
i18n.addResourceBundle('en', 'translation', reconciliationEn, true, false);

type Paths<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`> }[keyof T & string];
export type ReconciliationKey = Paths<typeof reconciliationZhCN>;
export type ReconciliationT = (key: ReconciliationKey, options?: Record<string, unknown>) => string;

/** The office's `t`, seen as taking the posting rules page's keys. */
export function asReconciliationT(t: unknown): ReconciliationT {
  return t as ReconciliationT;
}

export function useReconciliationT(): ReconciliationT {
  return asReconciliationT(useTranslation().t);
}
