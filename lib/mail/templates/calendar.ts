// The business calendar's warning in the admin's daily digest (daily_digest, calendarGaps): a
// year the system's dates reach into that has no official holidays yet (lib/calendar/official.ts).
import type { MailCalendarGap, MailLocale } from '../../../domain/mail';
import { count } from './read';
import { zh } from './words';

/** The gaps with a year; counts that are not safe integers ≥ 0 are absent. */
export function calendarGaps(v: unknown): MailCalendarGap[] {
  if (!Array.isArray(v)) return [];
  const out: MailCalendarGap[] = [];
  for (const raw of v as unknown[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const g = raw as Partial<Record<keyof MailCalendarGap, unknown>>;
    const year = count(g.year);
    if (year === undefined) continue;
    out.push({ year, daysUntil: count(g.daysUntil), openTasks: count(g.openTasks) });
  }
  return out;
}

/** The digest's subject when the calendar is all it has to say. */
export function calendarSubject(gaps: MailCalendarGap[], locale: MailLocale, date: string | undefined): string {
  const years = gaps.map((g) => g.year).join(zh(locale) ? '、' : ', ');
  return zh(locale)
    ? `【每日待办摘要】${date ? `${date}：` : ''}业务日历缺少 ${years} 年的法定节假日安排`
    : `[Daily digest] ${date ? `${date}: ` : ''}the business calendar has no official holidays for ${years}`;
}

/** One sentence per gap, then what to do. */
export function calendarSentences(gaps: MailCalendarGap[], locale: MailLocale): string[] {
  if (!gaps.length) return [];
  const lines = gaps.map((g) => {
    const when =
      g.daysUntil === undefined
        ? ''
        : g.daysUntil === 0
          ? zh(locale)
            ? '该年已经开始，'
            : 'it has begun; '
          : zh(locale)
            ? `距该年开始还有 ${g.daysUntil} 天，`
            : `it begins in ${g.daysUntil} ${g.daysUntil === 1 ? 'day' : 'days'}; `;
    const tasks = g.openTasks
      ? zh(locale)
        ? `已有 ${g.openTasks} 项未办待办的截止时间落在该年或之后，`
        : `${g.openTasks} open ${g.openTasks === 1 ? 'task is' : 'tasks are'} due in it or later; `
      : '';
    return zh(locale)
      ? `业务日历没有 ${g.year} 年的法定节假日和调休安排：${when}${tasks}该年的工作日目前只按周末计算（春节等假期不会顺延期限）。`
      : `The business calendar has no official holidays or make-up working days for ${g.year}: ${when}${tasks}working days there count weekends only (the Spring Festival and other holidays do not extend due dates).`;
  });
  return [
    ...lines,
    zh(locale)
      ? '请在“业务日历”页面导入该年国务院公布的节假日安排（ICS 或 CSV）。'
      : 'Please import that year’s official schedule (ICS or CSV) on the business calendar page.',
  ];
}
