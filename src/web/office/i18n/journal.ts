// The journal entries page's strings, added to the `translation` namespace at run time for the
// same reason as sales.ts (the typed key union of zh-CN.ts is at TypeScript's depth limit).
import { useTranslation } from 'react-i18next';
import i18n from './index';
import { journalEn } from './journal.en';
import { journalZhCN } from './journal.zh-CN';

i18n.addResourceBundle('zh-CN', 'translation', journalZhCN, true, false);
i18n.addResourceBundle('en', 'translation', journalEn, true, false);

type Paths<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`> }[keyof T & string];
export type JournalKey = Paths<typeof journalZhCN>;
export type JournalT = (key: JournalKey, options?: Record<string, unknown>) => string;

/** The office's `t`, seen as taking the journal page's keys. */
export function asJournalT(t: unknown): JournalT {
  return t as JournalT;
}

export function useJournalT(): JournalT {
  return asJournalT(useTranslation().t);
}
