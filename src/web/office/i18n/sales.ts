// The sales, shifts and settings screens' strings. They are added to the `translation` namespace
// at run time rather than to zh-CN.ts: the office's typed key union is at the size where
// i18next's TFunction types hit TypeScript's instantiation depth limit. Keys stay type-checked
// through SalesT.
import { useTranslation } from 'react-i18next';
import i18n from './index';
import { salesEn } from './sales.en';
import { salesZhCN } from './sales.zh-CN';

i18n.addResourceBundle('zh-CN', 'translation', salesZhCN, true, false);
i18n.addResourceBundle('en', 'translation', salesEn, true, false);

type Paths<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`> }[keyof T & string];
export type SalesKey = Paths<typeof salesZhCN>;
export type SalesT = (key: SalesKey | 'common.total' | 'common.save', options?: Record<string, unknown>) => string;

/** The office's `t`, seen as taking the sales screens' keys. */
export function asSalesT(t: unknown): SalesT {
  return t as SalesT;
}

export function useSalesT(): SalesT {
  return asSalesT(useTranslation().t);
}
