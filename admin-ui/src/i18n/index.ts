import polyglotI18nProvider from 'ra-i18n-polyglot';
import chineseMessages from 'ra-language-chinese';
import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';
import { mergeTranslations } from 'react-admin';
import { approvalMessages } from '../approvals/i18n';
import { bookingMessages } from '../bookings/i18n';
import { commonMessages } from '../common/i18n';
import { calendarYearMessages } from '../calendar/i18n';
import { dashboardMessages } from '../dashboard/i18n';
import { inboxMessages } from '../inbox/i18n';
import { layoutMessages } from '../layout/i18n';
import { masterDataMessages } from '../masterData/i18n';
import { planMessages } from '../plans/i18n';
import { priceMessages } from '../prices/i18n';
import { processMessages } from '../processes/i18n';
import { returnMessages } from '../returns/i18n';
import { roleMessages } from '../roles/i18n';
import { shipmentMessages } from '../shipments/i18n';
import { taskMessages } from '../tasks/i18n';
import { subjectMessages } from '../tasks/subject/i18n';
import { raChineseV5 } from './raChinese';

export const DEFAULT_LOCALE = 'zh-CN';

export const LOCALES = [
  { locale: 'zh-CN', name: '简体中文' },
  { locale: 'en', name: 'English' },
];

/**
 * Each feature folder owns its labels in its i18n.ts (zh and en side by side, the type makes en
 * have every key zh has); here they are only merged, over react-admin's language packs.
 */
const features = [
  layoutMessages,
  commonMessages,
  roleMessages,
  inboxMessages,
  approvalMessages,
  taskMessages,
  subjectMessages,
  processMessages,
  planMessages,
  masterDataMessages,
  bookingMessages,
  shipmentMessages,
  priceMessages,
  returnMessages,
  dashboardMessages,
  calendarYearMessages,
];

// English stays underneath Chinese as the last fallback, so no raw key is ever displayed.
const zh = mergeTranslations(
  englishMessages,
  chineseMessages,
  raChineseV5,
  ...features.map((feature) => feature.zh),
) as TranslationMessages;
const en = mergeTranslations(englishMessages, ...features.map((feature) => feature.en)) as TranslationMessages;

/** All labels, by locale. */
export const messages: Record<string, TranslationMessages> = { 'zh-CN': zh, en };

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
export const i18nProvider = polyglotI18nProvider((locale) => messages[locale] ?? zh, DEFAULT_LOCALE, LOCALES, { allowMissing: true });

export default i18nProvider;
