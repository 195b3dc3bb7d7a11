// The chart of accounts page's strings, added to the `translation` namespace at run time for the
// same reason as sales.ts (the typed key union of zh-CN.ts is at TypeScript's depth limit).
import { useTranslation } from 'react-i18next';
import i18n from './index';
import { accountsEn } from './accounts.en';
import { accountsZhCN } from './accounts.zh-CN';

i18n.addResourceBundle('zh-CN', 'translation', accountsZhCN, true, false);
i18n.addResourceBundle('en', 'translation', accountsEn, true, false);

type Paths<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`> }[keyof T & string];
export type AccountsKey = Paths<typeof accountsZhCN>;
export type AccountsT = (key: AccountsKey, options?: Record<string, unknown>) => string;

/** The office's `t`, seen as taking the chart of accounts page's keys. */
export function asAccountsT(t: unknown): AccountsT {
  return t as AccountsT;
}

export function useAccountsT(): AccountsT {
  return asAccountsT(useTranslation().t);
}
