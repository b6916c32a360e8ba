import type { KeyValueStore } from '../api/launch-token';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const LANGUAGE_KEY = 'gpm.language';

/** Chinese unless the user chose English on this machine before. */
export function storedLanguage(store: Pick<KeyValueStore, 'getItem'>): Language {
  const value = store.getItem(LANGUAGE_KEY);
  return value === 'en' ? 'en' : 'zh-CN';
}

export function storeLanguage(store: Pick<KeyValueStore, 'setItem'>, language: Language): void {
  store.setItem(LANGUAGE_KEY, language);
}

export function otherLanguage(language: Language): Language {
  return language === 'zh-CN' ? 'en' : 'zh-CN';
}
