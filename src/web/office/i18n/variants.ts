// The variant templates page's strings, added to the `translation` namespace at run time for the
// same reason as sales.ts (the typed key union of zh-CN.ts is at TypeScript's depth limit).
import { useTranslation } from 'react-i18next';
import i18n from './index';
import { variantsEn } from './variants.en';
import { variantsZhCN } from './variants.zh-CN';

i18n.addResourceBundle('zh-CN', 'translation', variantsZhCN, true, false);
i18n.addResourceBundle('en', 'translation', variantsEn, true, false);

type Paths<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`> }[keyof T & string];
export type VariantsKey = Paths<typeof variantsZhCN>;
export type VariantsT = (key: VariantsKey, options?: Record<string, unknown>) => string;

/** The office's `t`, seen as taking the variant templates page's keys. */
export function asVariantsT(t: unknown): VariantsT {
  return t as VariantsT;
}

export function useVariantsT(): VariantsT {
  return asVariantsT(useTranslation().t);
}
