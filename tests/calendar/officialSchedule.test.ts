// Reading a year's official schedule (domain/officialCalendar.ts): the published ICS forms
// (春节 / 春节 补班 / 休 / 班, Apple's X-APPLE-SPECIAL-DAY, the chinese-days package's own feed),
// the CSV form, and the errors that name their line or row.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dayName, parseScheduleCsv, parseScheduleIcs, scheduleFormat, type ParsedSchedule } from '../../domain/officialCalendar';
import { parseCsv } from '../../lib/files/read';
import { packageIsWorkday, packageKnowsYear, PACKAGE_YEARS } from '../../lib/calendar/official';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const csv = (text: string, year: number) => {
  const rows = parseCsv(text);
  if ('error' in rows) throw new Error(rows.error);
  return parseScheduleCsv(rows.rows, year);
};
const days = (r: ParsedSchedule) => {
  if (!r.ok) throw new Error(`${r.message}: ${JSON.stringify(r.details)}`);
  return r.days;
};
const ics = (...events: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', ...events.flatMap((e) => ['BEGIN:VEVENT', ...e.split('\n'), 'END:VEVENT']), 'END:VCALENDAR'].join(
    '\r\n',
  );

describe('the 2027 fixtures', () => {
  it('the ICS and the CSV form give the same schedule', () => {
    const a = days(parseScheduleIcs(fixture('2027-official.ics'), 2027));
    const b = days(csv(fixture('2027-official.csv'), 2027));
    const kinds = (ds: typeof a) => ds.map((d) => [d.date, d.isWorkday]);
    expect(kinds(a)).toEqual(kinds(b));
    // The ICS names the 国庆 make-up days only 班; the CSV names them.
    expect(a.find((d) => d.date === '2027-09-26')?.name).toBe('调休上班');
    expect(b.find((d) => d.date === '2027-09-26')?.name).toBe('国庆节');
    expect(a.filter((d) => !d.isWorkday)).toHaveLength(29);
    expect(a.filter((d) => d.isWorkday).map((d) => d.date)).toEqual([
      '2027-02-14',
      '2027-02-20',
      '2027-04-25',
      '2027-05-08',
      '2027-09-26',
      '2027-10-09',
    ]);
    expect(a.find((d) => d.date === '2027-02-05')).toEqual({ date: '2027-02-05', isWorkday: false, name: '春节' });
    expect(a.find((d) => d.date === '2027-02-13')).toMatchObject({ isWorkday: false, name: '春节' });
    expect(a.find((d) => d.date === '2027-02-14')).toEqual({ date: '2027-02-14', isWorkday: true, name: '春节' });
    expect(a.find((d) => d.date === '2027-04-04')).toMatchObject({ isWorkday: false, name: '清明节' });
    expect(a.find((d) => d.date === '2027-05-08')).toMatchObject({ isWorkday: true, name: '劳动节' });
  });

  it('the package does not know 2027; it knows 2026', () => {
    expect(packageKnowsYear(2026)).toBe(true);
    expect(packageKnowsYear(2027)).toBe(false);
    expect(PACKAGE_YEARS).toEqual({ first: 2004, last: 2026 });
    expect(packageIsWorkday('2027-02-08')).toBe(true); // Monday: weekends only
    expect(packageIsWorkday('2026-02-16')).toBe(false); // 春节 2026
    expect(packageIsWorkday('2026-02-14')).toBe(true); // 调休 Saturday 2026
  });
});

describe('ICS: which events are holidays and which make-up working days', () => {
  it.each([
    ['春节', false, '春节'],
    ['春节 补班', true, '春节'],
    ['春节(班)', true, '春节'],
    ['春节（休）', false, '春节'],
    ['休', false, '休息日'],
    ['班', true, '调休上班'],
    ['国庆节 放假', false, '国庆节'],
    ['调休上班', true, '调休上班'],
    ['Spring Festival', false, 'Spring Festival'],
    ['Spring Festival (workday)', true, 'Spring Festival'],
  ])('SUMMARY:%s → working day %s, named %s', (summary, isWorkday, name) => {
    // Every schedule has a holiday (元旦), so the day under test comes with one.
    const r = days(
      parseScheduleIcs(ics('DTSTART;VALUE=DATE:20270101\nSUMMARY:元旦', `DTSTART;VALUE=DATE:20270214\nSUMMARY:${summary}`), 2027),
    );
    expect(r[1]).toEqual({ date: '2027-02-14', isWorkday, name });
  });

  it('names a day by its summary without the markers', () => {
    expect(dayName('劳动节(班)', true)).toBe('劳动节');
    expect(dayName('元旦 休', false)).toBe('元旦');
    expect(dayName('', false)).toBe('休息日');
  });

  it('X-APPLE-SPECIAL-DAY decides over the summary; DESCRIPTION when there is no summary', () => {
    const r = days(
      parseScheduleIcs(
        ics(
          'DTSTART;VALUE=DATE:20270101\nSUMMARY:元旦\nX-APPLE-SPECIAL-DAY:WORK-HOLIDAY',
          'DTSTART;VALUE=DATE:20270214\nSUMMARY:春节\nX-APPLE-SPECIAL-DAY:ALTERNATE-WORKDAY',
          'DTSTART;VALUE=DATE:20270220\nDESCRIPTION:班',
        ),
        2027,
      ),
    );
    expect(r.map((d) => [d.date, d.isWorkday])).toEqual([
      ['2027-01-01', false],
      ['2027-02-14', true],
      ['2027-02-20', true],
    ]);
  });

  it('DTEND is exclusive; a date-time start counts its date; folded lines are unfolded; other years are left out', () => {
    const text = ics(
      'DTSTART;VALUE=DATE:20261231\nDTEND;VALUE=DATE:20270103\nSUMMARY:元\n 旦',
      'DTSTART;TZID=Asia/Shanghai:20270205T000000\nDTEND;TZID=Asia/Shanghai:20270206T000000\nSUMMARY:春节',
      'DTSTART;VALUE=DATE:20260101\nSUMMARY:元旦',
    );
    const r = parseScheduleIcs(text, 2027);
    expect(r).toMatchObject({ ok: true, ignoredEvents: 1 });
    expect(days(r).map((d) => `${d.date} ${d.name}`)).toEqual(['2027-01-01 元旦', '2027-01-02 元旦', '2027-02-05 春节']);
  });

  it('reads the chinese-days package’s own multi-year feed for one of its years', () => {
    const feed = readFileSync(require.resolve('chinese-days/dist/holidays.ics'), 'utf8');
    const r = days(parseScheduleIcs(feed, 2026));
    for (const d of r) expect({ date: d.date, isWorkday: d.isWorkday }).toEqual({ date: d.date, isWorkday: packageIsWorkday(d.date) });
    expect(r.find((d) => d.date === '2026-02-16')).toMatchObject({ isWorkday: false, name: '春节' });
    expect(r.find((d) => d.date === '2026-02-14')).toMatchObject({ isWorkday: true, name: '春节' });
  });

  it('errors name the line; nothing is returned', () => {
    const text = ics(
      'DTSTART;VALUE=DATE:20270101\nSUMMARY:元旦',
      'DTSTART;VALUE=DATE:2027-02-30\nSUMMARY:春节',
      'SUMMARY:无日期',
      'DTSTART;VALUE=DATE:20270101\nSUMMARY:元旦 补班',
    );
    const r = parseScheduleIcs(text, 2027);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // Lines: 1 BEGIN:VCALENDAR, 2 VERSION, 3-6 first event, 7 BEGIN:VEVENT, 8 DTSTART …
    expect(r.details).toEqual({
      'lines.8': expect.stringContaining('is not a date'),
      'lines.11': 'the event has no DTSTART',
      'lines.14': expect.stringContaining('2027-01-01 is a working day here but a holiday at line 3'),
    });
    expect(r.message).toBe('The calendar has 3 errors; nothing was imported');
  });

  it('refuses a file that is no calendar, an end before its start, and a year without a holiday', () => {
    expect(parseScheduleIcs('hello', 2027)).toMatchObject({ ok: false, details: { file: expect.any(String) } });
    expect(parseScheduleIcs(ics('DTSTART;VALUE=DATE:20270105\nDTEND;VALUE=DATE:20270105\nSUMMARY:休'), 2027)).toMatchObject({
      ok: false,
      details: { 'lines.5': expect.stringContaining('DTEND is not after DTSTART') },
    });
    expect(parseScheduleIcs(ics('DTSTART;VALUE=DATE:20270214\nSUMMARY:班'), 2027)).toMatchObject({
      ok: false,
      details: { file: expect.stringContaining('no holiday of 2027') },
    });
  });
});

describe('CSV', () => {
  it('reads English or Chinese headers and kinds, and dates as 2027/2/5', () => {
    const r = days(csv('date,kind,name\n2027/1/1,holiday,New Year\n2027-02-14,workday,Spring Festival\n2027-02-05,假,\n', 2027));
    expect(r).toEqual([
      { date: '2027-01-01', isWorkday: false, name: 'New Year' },
      { date: '2027-02-05', isWorkday: false, name: '休息日' },
      { date: '2027-02-14', isWorkday: true, name: 'Spring Festival' },
    ]);
  });

  it('errors name the row (the header is row 1)', () => {
    const r = csv(
      '日期,类型,名称\n2027-01-01,休,元旦\n2027-13-01,休,x\n2028-01-01,休,元旦\n2027-02-05,maybe,春节\n2027-01-01,休,元旦\n2027-01-01,班,元旦\n',
      2027,
    );
    expect(r).toEqual({
      ok: false,
      message: 'The file has 5 errors; nothing was imported',
      details: {
        'rows.3': 'date "2027-13-01" is not a date (YYYY-MM-DD)',
        'rows.4': '2028-01-01 is not in 2027, the year imported',
        'rows.5': 'kind "maybe" is neither holiday (休) nor workday (班)',
        'rows.6': '2027-01-01 is listed twice (also at row 2)',
        'rows.7': '2027-01-01 is a working day here but a holiday at row 2',
      },
    });
  });

  it('needs the date and kind columns', () => {
    expect(csv('a,b\n1,2\n', 2027)).toMatchObject({ ok: false, details: { file: expect.any(String) } });
    expect(csv('date,name\n2027-01-01,元旦\n', 2027)).toMatchObject({ ok: false, details: { 'rows.1': expect.any(String) } });
  });

  it('tells ICS from CSV by media type, else by the content', () => {
    expect(scheduleFormat('date,kind', 'text/calendar')).toBe('ics');
    expect(scheduleFormat('\uFEFFBEGIN:VCALENDAR', 'application/octet-stream')).toBe('ics');
    expect(scheduleFormat('date,kind', '')).toBe('csv');
  });
});
