import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { storedLanguage, type Language } from './language';
import { zhCN } from './zh-CN';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

/**
 * One i18next instance for the page, initialised synchronously (resources are bundled: the app
 * is offline) so the first render is already in the right language.
 */
export function createI18n(storage: Pick<Storage, 'getItem'>): i18n {
  const instance = i18next.createInstance();
  const language: Language = storedLanguage(storage);
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'zh-CN',
    initAsync: false,
    // React escapes text itself; escaping here would show `&amp;` in Chinese names.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
