import polyglotI18nProvider from 'ra-i18n-polyglot';
import { en } from './en';
import { zh } from './zh';

export const DEFAULT_LOCALE = 'zh-CN';

export const LOCALES = [
  { locale: 'zh-CN', name: '简体中文' },
  { locale: 'en', name: 'English' },
];

const messages: Record<string, typeof zh> = { 'zh-CN': zh, en };

/** Chinese by default; English via the locale menu (the choice is kept in react-admin's store). */
export const i18nProvider = polyglotI18nProvider(
  (locale) => messages[locale] ?? zh,
  DEFAULT_LOCALE,
  LOCALES,
  { allowMissing: true },
);

export default i18nProvider;
