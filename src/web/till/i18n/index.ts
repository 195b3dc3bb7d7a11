// The till's own i18next instance: Simplified Chinese by default, English on request, remembered
// in localStorage (the same key as the office, so one choice holds for both apps).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN';
import en from './en';

const STORAGE_KEY = 'cangshou.lang';
export type TillLanguage = 'zh-CN' | 'en';

function storedLanguage(): TillLanguage {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function toggleLanguage(): void {
  const next: TillLanguage = i18n.language === 'en' ? 'zh-CN' : 'en';
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // No storage: the switch holds for this visit.
  }
  void i18n.changeLanguage(next);
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export default i18n;

/**
 * The till's translate function. The office declares its own resource keys for i18next's types
 * (one global declaration per program), so the till looks its keys up untyped.
 */
export type T = (key: string, options?: Record<string, unknown>) => string;
export { useTillT } from './use-till-t';
