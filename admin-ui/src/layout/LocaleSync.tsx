import { useEffect } from 'react';
import { useLocaleState } from 'react-admin';
import { session } from '../httpClient';
import { LOCALES, localeChosen } from '../i18n';

/**
 * After login: the UI speaks the user's language (User.locale) unless they picked one in this
 * browser. Also keeps <html lang> in step with the UI.
 */
export const LocaleSync = () => {
  const [locale, setLocale] = useLocaleState();
  const userLocale = session.getUser()?.locale;
  useEffect(() => {
    if (localeChosen()) return;
    if (typeof userLocale === 'string' && userLocale !== locale && LOCALES.some((l) => l.locale === userLocale)) {
      setLocale(userLocale);
    }
    // Only when the logged-in user changes, not when the locale changes (deliberately not a dependency).
  }, [userLocale]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return null;
};

export default LocaleSync;
