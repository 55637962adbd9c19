// Instants, calendar days and lead times as the mails print them, per locale. Instants are shown
// in the business time zone; calendar days are days, so no zone shifts them.
import { DateTime, Duration } from 'luxon';
import type { MailLocale } from '../../../domain/mail';

/** `2027年2月5日 周五 10:00` / `Fri 5 Feb 2027, 10:00` in the given zone; undefined when not an instant. */
export function formatDueAt(iso: string | undefined, locale: MailLocale, zone: string): string | undefined {
  if (!iso) return undefined;
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) return undefined;
  const local = dt.setZone(zone).setLocale(locale);
  if (!local.isValid) return undefined;
  return locale === 'zh-CN' ? local.toFormat('yyyy年M月d日 EEE HH:mm') : local.toFormat('EEE d MMM yyyy, HH:mm');
}

/**
 * `2027年3月10日` / `10 Mar 2027` from a calendar date `YYYY-MM-DD` (a day, not an instant: no time
 * zone shifts it); undefined when not such a date (2027-02-30, 2027-3-10, an instant …).
 */
export function formatDate(date: string | undefined, locale: MailLocale): string | undefined {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const dt = DateTime.fromFormat(date, 'yyyy-MM-dd', { zone: 'UTC', locale });
  if (!dt.isValid) return undefined;
  return locale === 'zh-CN' ? dt.toFormat('yyyy年M月d日') : dt.toFormat('d MMM yyyy');
}

const LEAD_UNITS = ['days', 'hours', 'minutes', 'seconds'] as const;
const LEAD_WORDS: Record<MailLocale, Record<(typeof LEAD_UNITS)[number], [string, string]>> = {
  'zh-CN': { days: ['天', '天'], hours: ['小时', '小时'], minutes: ['分钟', '分钟'], seconds: ['秒', '秒'] },
  en: { days: ['day', 'days'], hours: ['hour', 'hours'], minutes: ['minute', 'minutes'], seconds: ['second', 'seconds'] },
};

/** `1 天后到期` / `due in 1 day`; PT0S is `现已到期` / `due now`; undefined when not a duration. */
export function formatLead(iso: string | undefined, locale: MailLocale): string | undefined {
  if (!iso) return undefined;
  const d = Duration.fromISO(iso);
  if (!d.isValid) return undefined;
  if (d.toMillis() <= 0) return locale === 'zh-CN' ? '现已到期' : 'due now';
  const shifted = d.shiftTo(...LEAD_UNITS).toObject();
  const parts: string[] = [];
  for (const unit of LEAD_UNITS) {
    const n = Math.round(shifted[unit] ?? 0);
    if (n > 0) {
      const [one, many] = LEAD_WORDS[locale][unit];
      parts.push(`${n} ${n === 1 ? one : many}`);
    }
  }
  if (parts.length === 0) return locale === 'zh-CN' ? '现已到期' : 'due now';
  if (locale === 'zh-CN') return `${parts.join(' ')}后到期`;
  const words = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `due in ${words}`;
}
