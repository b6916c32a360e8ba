import type { zhCN } from './zh-CN';

/** Makes `t('…')` keys type-checked against the Chinese resources (the reference language). */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
