/** Formatters: money from integer fen, instants in the business zone, due-in / overdue. */

export const DEFAULT_TZ = 'Asia/Shanghai';

/** The Intl locale for a UI locale. */
export const intlLocale = (locale: string): string => (locale.startsWith('zh') ? 'zh-CN' : 'en-US');

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** ¥1,234.56 from 123456 (fen), grouped per locale. */
export const formatFen = (fen: number | null | undefined, locale: string): string => {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '';
  const key = intlLocale(locale);
  let nf = moneyFormats.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(key, {
      style: 'currency',
      currency: 'CNY',
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    moneyFormats.set(key, nf);
  }
  return nf.format(fen / 100);
};

/**
 * Yuan as typed ("1234.5", "1,234.56") to integer fen by string arithmetic, or undefined when it
 * is not a non-negative amount with at most 2 decimals.
 */
export const yuanToFen = (input: string | number | null | undefined): number | undefined => {
  if (input === null || input === undefined) return undefined;
  const text = String(input)
    .trim()
    .replace(/[,，\s]/g, '')
    .replace(/^[¥￥]/, '');
  const match = /^(\d+)(?:\.(\d{0,2}))?$/.exec(text);
  if (!match) return undefined;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : undefined;
};

const dateFormats = new Map<string, Intl.DateTimeFormat>();

const dateFormat = (locale: string, tz: string, withTime: boolean): Intl.DateTimeFormat => {
  const key = `${intlLocale(locale)}|${tz}|${withTime}`;
  let df = dateFormats.get(key);
  if (!df) {
    const zh = intlLocale(locale) === 'zh-CN';
    const options: Intl.DateTimeFormatOptions = {
      timeZone: tz,
      year: 'numeric',
      month: zh ? '2-digit' : 'short',
      day: zh ? '2-digit' : 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    };
    try {
      df = new Intl.DateTimeFormat(intlLocale(locale), options);
    } catch {
      df = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone: DEFAULT_TZ });
    }
    dateFormats.set(key, df);
  }
  return df;
};

/** An ISO instant as date and time in the business zone, e.g. 2026/07/03 14:00 or Jul 3, 2026, 14:00. */
export const formatDateTime = (iso: string | null | undefined, locale: string, tz = DEFAULT_TZ): string => {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : dateFormat(locale, tz, true).format(d);
};

export const formatDate = (iso: string | null | undefined, locale: string, tz = DEFAULT_TZ): string => {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : dateFormat(locale, tz, false).format(d);
};

export type DueUnit = 'minutes' | 'hours' | 'days';

export interface DueInfo {
  overdue: boolean;
  /** Due within a day (and not overdue). */
  soon: boolean;
  count: number;
  unit: DueUnit;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How far a due time is from now: minutes below an hour, hours below two days, else days. */
export const dueInfo = (dueAt: string | null | undefined, now = Date.now()): DueInfo | undefined => {
  if (!dueAt) return undefined;
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return undefined;
  const diff = due - now;
  const abs = Math.abs(diff);
  let unit: DueUnit;
  let count: number;
  if (abs < HOUR) {
    unit = 'minutes';
    count = Math.max(1, Math.floor(abs / MINUTE));
  } else if (abs < 2 * DAY) {
    unit = 'hours';
    count = Math.floor(abs / HOUR);
  } else {
    unit = 'days';
    count = Math.floor(abs / DAY);
  }
  return { overdue: diff < 0, soon: diff >= 0 && diff < DAY, count, unit };
};

/** Parts of an ISO-8601 duration (P1D, PT4H, P2DT30M), or undefined when it is not one. */
export const parseIsoDuration = (
  iso: string,
): { weeks: number; days: number; hours: number; minutes: number; seconds: number } | undefined => {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso);
  if (!m) return undefined;
  const n = (v: string | undefined) => (v ? Number(v) : 0);
  return { weeks: n(m[1]), days: n(m[2]), hours: n(m[3]), minutes: n(m[4]), seconds: n(m[5]) };
};
