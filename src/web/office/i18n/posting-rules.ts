// The posting rules page's strings, added to the `translation` namespace at run time for the
// same reason as sales.ts (the typed key union of zh-CN.ts is at TypeScript's depth limit).
import { useTranslation } from 'react-i18next';
import i18n from './index';
import { postingRulesEn } from './posting-rules.en';
import { postingRulesZhCN } from './posting-rules.zh-CN';

i18n.addResourceBundle('zh-CN', 'translation', postingRulesZhCN, true, false);
i18n.addResourceBundle('en', 'translation', postingRulesEn, true, false);

type Paths<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`> }[keyof T & string];
export type PostingRulesKey = Paths<typeof postingRulesZhCN>;
export type PostingRulesT = (key: PostingRulesKey, options?: Record<string, unknown>) => string;

/** The office's `t`, seen as taking the posting rules page's keys. */
export function asPostingRulesT(t: unknown): PostingRulesT {
  return t as PostingRulesT;
}

export function usePostingRulesT(): PostingRulesT {
  return asPostingRulesT(useTranslation().t);
}
