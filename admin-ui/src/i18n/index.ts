import polyglotI18nProvider from 'ra-i18n-polyglot';
import { en } from './en';
import { zh } from './zh';

export const DEFAULT_LOCALE = 'zh-CN';

export const LOCALES = [
  { locale: 'zh-CN', name: '简体中文' },
  { locale: 'en', name: 'English' },
];

const messages: Record<string, typeof zh> = { 'zh-CN': zh, en };

const CHOSEN_KEY = 'merchandise-flow.localeChosen';

/** Whether the user picked a language in this browser (then it wins over their profile's). */
export const localeChosen = (): boolean => {
  try {
    return localStorage.getItem(CHOSEN_KEY) === '1';
  } catch {
    return false;
  }
};

export const markLocaleChosen = (): void => {
  try {
    localStorage.setItem(CHOSEN_KEY, '1');
  } catch {
    // storage disabled: the choice lasts for this page only
  }
};

/** Chinese by default; English via the locale menu (the choice is kept in react-admin's store). */
export const i18nProvider = polyglotI18nProvider(
  (locale) => messages[locale] ?? zh,
  DEFAULT_LOCALE,
  LOCALES,
  { allowMissing: true },
);

export default i18nProvider;
