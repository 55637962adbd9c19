import { useCallback, useMemo } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { dueInfo, formatDate, formatDateTime, formatFen, type DueInfo } from './format';
import { useAppInfo } from './useAppInfo';

/** Locale- and zone-aware formatters for the current UI locale and the business zone. */
export const useFormatters = () => {
  const [locale] = useLocaleState();
  const { tzBusiness } = useAppInfo();
  const translate = useTranslate();
  const dueText = useCallback(
    (info: DueInfo) => translate(`app.due.${info.overdue ? 'overdue' : 'due_in'}_${info.unit}`, { smart_count: info.count }),
    [translate],
  );
  return useMemo(
    () => ({
      locale,
      tz: tzBusiness,
      money: (fen: number | null | undefined) => formatFen(fen, locale),
      dateTime: (iso: string | null | undefined) => formatDateTime(iso, locale, tzBusiness),
      date: (iso: string | null | undefined) => formatDate(iso, locale, tzBusiness),
      due: (iso: string | null | undefined) => dueInfo(iso),
      dueText,
    }),
    [locale, tzBusiness, dueText],
  );
};
