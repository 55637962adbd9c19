// Business-day arithmetic: the pure functions with a hand-made calendar, then the real
// mainland-China calendar (chinese-days) across public holidays and 调休 working weekends.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { chinaIsWorkday, createIsWorkday } from '../../activities/calendar';
import { addWorkDuration, parseDuration, subtractWorkDuration, type IsWorkday } from '../../domain/calendar';

const SH = 'Asia/Shanghai';

/** Monday to Friday, except the listed holidays. */
function weekdaysExcept(...holidays: string[]): IsWorkday {
  const off = new Set(holidays);
  return (isoDate) => {
    const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
    const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    return weekday >= 1 && weekday <= 5 && !off.has(isoDate);
  };
}

const biz = (isWorkday: IsWorkday = weekdaysExcept(), zone = SH) => ({ zone, businessDays: true, isWorkday });
const cal = (zone = SH) => ({ zone, businessDays: false, isWorkday: weekdaysExcept() });

// 2027-02-05 is a Friday.
describe('addWorkDuration with business days (hand-made calendar)', () => {
  it('skips the weekend, keeping the local time of day', () => {
    expect(addWorkDuration('2027-02-05T10:00:00+08:00', 'P1D', biz())).toBe('2027-02-08T10:00:00.000+08:00');
    expect(addWorkDuration('2027-02-04T10:00:00+08:00', 'P2D', biz())).toBe('2027-02-08T10:00:00.000+08:00');
    expect(addWorkDuration('2027-02-01T09:30:00+08:00', 'P4D', biz())).toBe('2027-02-05T09:30:00.000+08:00');
  });

  it('skips a holiday of the given calendar', () => {
    const isWorkday = weekdaysExcept('2027-02-08', '2027-02-09');
    expect(addWorkDuration('2027-02-05T10:00:00+08:00', 'P1D', biz(isWorkday))).toBe('2027-02-10T10:00:00.000+08:00');
  });

  it('adds the time part as clock time after the days', () => {
    expect(addWorkDuration('2027-02-05T10:00:00+08:00', 'P1DT4H', biz())).toBe('2027-02-08T14:00:00.000+08:00');
    // The time part ignores the calendar: Friday 22:00 + 4 h is Saturday 02:00.
    expect(addWorkDuration('2027-02-05T22:00:00+08:00', 'PT4H', biz())).toBe('2027-02-06T02:00:00.000+08:00');
    expect(addWorkDuration('2027-02-05T10:00:00+08:00', 'PT1H30M15S', biz())).toBe('2027-02-05T11:30:15.000+08:00');
  });

  it('counts a week as 5 working days', () => {
    expect(addWorkDuration('2027-02-01T10:00:00+08:00', 'P1W', biz())).toBe('2027-02-08T10:00:00.000+08:00');
    // A holiday inside the week pushes it one working day further.
    const isWorkday = weekdaysExcept('2027-02-03');
    expect(addWorkDuration('2027-02-01T10:00:00+08:00', 'P1W', biz(isWorkday))).toBe('2027-02-09T10:00:00.000+08:00');
  });

  it('starting on a non-working day, the first counted day is the next working day', () => {
    expect(addWorkDuration('2027-02-06T10:00:00+08:00', 'P1D', biz())).toBe('2027-02-08T10:00:00.000+08:00'); // Saturday
    expect(addWorkDuration('2027-02-07T10:00:00+08:00', 'P2D', biz())).toBe('2027-02-09T10:00:00.000+08:00'); // Sunday
  });

  it('a zero duration or a time-only duration does not move to a working day', () => {
    expect(addWorkDuration('2027-02-06T10:00:00+08:00', 'PT0S', biz())).toBe('2027-02-06T10:00:00.000+08:00');
    expect(addWorkDuration('2027-02-06T10:00:00+08:00', 'P0D', biz())).toBe('2027-02-06T10:00:00.000+08:00');
    expect(addWorkDuration('2027-02-06T10:00:00+08:00', 'PT2H', biz())).toBe('2027-02-06T12:00:00.000+08:00');
  });

  it('takes working days in the business zone, not in UTC, and answers with the zone offset', () => {
    // Friday 17:00 UTC is Saturday 01:00 in Shanghai: one working day later is Monday 01:00 there.
    expect(addWorkDuration('2027-02-05T17:00:00Z', 'P1D', biz())).toBe('2027-02-08T01:00:00.000+08:00');
    expect(addWorkDuration('2027-02-05T02:00:00Z', 'PT0S', biz())).toBe('2027-02-05T10:00:00.000+08:00');
    // Without an offset the time is local to the zone.
    expect(addWorkDuration('2027-02-05T10:00', 'P1D', biz())).toBe('2027-02-08T10:00:00.000+08:00');
  });

  it('keeps the wall-clock time across a DST change in another zone', () => {
    const ny = biz(weekdaysExcept(), 'America/New_York');
    // Friday 2027-03-12 10:00 EST; DST starts Sunday 2027-03-14.
    expect(addWorkDuration('2027-03-12T10:00', 'P1D', ny)).toBe('2027-03-15T10:00:00.000-04:00');
  });

  it('adds months and years as calendar arithmetic', () => {
    expect(addWorkDuration('2027-01-31T10:00:00+08:00', 'P1M', biz())).toBe('2027-02-28T10:00:00.000+08:00'); // a Sunday
    expect(addWorkDuration('2027-01-29T10:00:00+08:00', 'P1Y', biz())).toBe('2028-01-29T10:00:00.000+08:00');
  });

  it('never loops forever on a calendar without working days', () => {
    expect(() =>
      addWorkDuration(
        '2027-02-05T10:00:00+08:00',
        'P1D',
        biz(() => false),
      ),
    ).toThrow(/No working day/);
  });
});

describe('addWorkDuration in calendar mode', () => {
  it('is plain calendar arithmetic in the zone', () => {
    expect(addWorkDuration('2027-02-05T10:00:00+08:00', 'P1D', cal())).toBe('2027-02-06T10:00:00.000+08:00');
    expect(addWorkDuration('2027-02-05T10:00:00+08:00', 'P1W', cal())).toBe('2027-02-12T10:00:00.000+08:00');
    expect(addWorkDuration('2027-02-05T22:00:00+08:00', 'P1DT4H', cal())).toBe('2027-02-07T02:00:00.000+08:00');
    expect(subtractWorkDuration('2027-02-08T10:00:00+08:00', 'P1D', cal())).toBe('2027-02-07T10:00:00.000+08:00');
  });

  it('a calendar day is not 24 hours across a DST change', () => {
    expect(addWorkDuration('2027-03-13T10:00', 'P1D', cal('America/New_York'))).toBe('2027-03-14T10:00:00.000-04:00');
    expect(addWorkDuration('2027-03-13T10:00', 'PT24H', cal('America/New_York'))).toBe('2027-03-14T11:00:00.000-04:00');
  });
});

describe('subtractWorkDuration with business days', () => {
  it('goes back to the previous working day at the same local time', () => {
    expect(subtractWorkDuration('2027-02-08T10:00:00+08:00', 'P1D', biz())).toBe('2027-02-05T10:00:00.000+08:00');
    expect(subtractWorkDuration('2027-02-10T10:00:00+08:00', 'P1W', biz())).toBe('2027-02-03T10:00:00.000+08:00');
  });

  it('mirrors addWorkDuration: time part first, then working days', () => {
    expect(subtractWorkDuration('2027-02-08T14:00:00+08:00', 'P1DT4H', biz())).toBe('2027-02-05T10:00:00.000+08:00');
    expect(subtractWorkDuration('2027-02-08T02:00:00+08:00', 'PT4H', biz())).toBe('2027-02-07T22:00:00.000+08:00');
    for (const start of ['2027-02-01T09:00:00.000+08:00', '2027-02-04T17:45:00.000+08:00']) {
      for (const d of ['P1D', 'P3DT2H', 'P1W', 'PT0S']) {
        expect(subtractWorkDuration(addWorkDuration(start, d, biz()), d, biz())).toBe(start);
      }
    }
  });

  it('from a non-working day, one working day back is the last working day before it', () => {
    expect(subtractWorkDuration('2027-02-07T10:00:00+08:00', 'P1D', biz())).toBe('2027-02-05T10:00:00.000+08:00');
  });
});

describe('invalid input', () => {
  it.each(['', 'P', 'PT', 'P1DT', '2D', 'P-1D', 'P1.5D', 'p1d', 'P1H', 'PT1D', 'one day', 'P1D2W'])(
    'rejects the duration %p',
    (duration) => {
      expect(() => addWorkDuration('2027-02-05T10:00:00+08:00', duration, biz())).toThrow(/Invalid duration/);
      expect(() => subtractWorkDuration('2027-02-05T10:00:00+08:00', duration, cal())).toThrow(/Invalid duration/);
    },
  );

  it('accepts the usual forms', () => {
    expect(parseDuration('P1Y2M3W4DT5H6M7.5S')).toEqual({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7,
      milliseconds: 500,
    });
    expect(parseDuration('PT0S')).toMatchObject({ days: 0, hours: 0, seconds: 0 });
  });

  it('rejects an invalid instant or zone', () => {
    expect(() => addWorkDuration('next friday', 'P1D', biz())).toThrow(/Invalid instant/);
    expect(() => addWorkDuration('2027-02-05T10:00:00+08:00', 'P1D', biz(weekdaysExcept(), 'Mars/Olympus'))).toThrow(/Invalid time zone/);
  });
});

describe('the mainland-China calendar (chinese-days data)', () => {
  const china = biz(createIsWorkday(new Map()));

  it('has the published 2025 National Day arrangement', () => {
    // 10月1日至8日放假调休，9月28日（周日）、10月11日（周六）上班。
    expect(chinaIsWorkday('2025-09-27')).toBe(false); // Saturday
    expect(chinaIsWorkday('2025-09-28')).toBe(true); // Sunday, 调休
    expect(chinaIsWorkday('2025-09-30')).toBe(true);
    for (let d = 1; d <= 8; d++) expect(chinaIsWorkday(`2025-10-0${d}`)).toBe(false);
    expect(chinaIsWorkday('2025-10-09')).toBe(true);
    expect(chinaIsWorkday('2025-10-11')).toBe(true); // Saturday, 调休
    expect(chinaIsWorkday('2025-10-12')).toBe(false); // Sunday
  });

  it('has the published 2026 Spring Festival arrangement', () => {
    // 2月15日（周日）至23日（周一）放假调休，2月14日（周六）、2月28日（周六）上班。
    expect(chinaIsWorkday('2026-02-14')).toBe(true);
    for (const d of ['2026-02-15', '2026-02-16', '2026-02-20', '2026-02-23']) expect(chinaIsWorkday(d)).toBe(false);
    expect(chinaIsWorkday('2026-02-24')).toBe(true);
    expect(chinaIsWorkday('2026-02-28')).toBe(true);
    expect(chinaIsWorkday('2026-03-01')).toBe(false);
  });

  it('rejects a malformed date', () => {
    expect(() => chinaIsWorkday('2025-9-28')).toThrow(/Invalid date/);
    expect(() => chinaIsWorkday('2025-02-30')).toThrow(/Invalid date/);
  });

  it('carries a due date across National Day 2025', () => {
    // Tuesday 30 September + 1 working day: 1-8 October are off.
    expect(addWorkDuration('2025-09-30T10:00:00+08:00', 'P1D', china)).toBe('2025-10-09T10:00:00.000+08:00');
    expect(addWorkDuration('2025-09-30T10:00:00+08:00', 'P1DT4H', china)).toBe('2025-10-09T14:00:00.000+08:00');
    // A reminder one working day before Thursday 9 October is on 30 September.
    expect(subtractWorkDuration('2025-10-09T10:00:00+08:00', 'P1D', china)).toBe('2025-09-30T10:00:00.000+08:00');
    // Calendar mode knows no holidays.
    expect(addWorkDuration('2025-09-30T10:00:00+08:00', 'P1D', { ...china, businessDays: false })).toBe('2025-10-01T10:00:00.000+08:00');
  });

  it('counts a 调休 Sunday and a 调休 Saturday as working days', () => {
    // Friday 26 September + 1: Sunday 28 September is a working day.
    expect(addWorkDuration('2025-09-26T10:00:00+08:00', 'P1D', china)).toBe('2025-09-28T10:00:00.000+08:00');
    expect(addWorkDuration('2025-09-26T10:00:00+08:00', 'P3D', china)).toBe('2025-09-30T10:00:00.000+08:00');
    // Thursday 9 October + 2: Friday 10, Saturday 11 October.
    expect(addWorkDuration('2025-10-09T10:00:00+08:00', 'P2D', china)).toBe('2025-10-11T10:00:00.000+08:00');
    expect(addWorkDuration('2025-10-09T10:00:00+08:00', 'P3D', china)).toBe('2025-10-13T10:00:00.000+08:00');
    // One working day before Monday 13 October is Saturday 11 October.
    expect(subtractWorkDuration('2025-10-13T09:00:00+08:00', 'P1D', china)).toBe('2025-10-11T09:00:00.000+08:00');
  });

  it('carries a due date across Spring Festival 2026', () => {
    // Friday 13 February + 1: Saturday 14 February (调休); + 2: Tuesday 24 February.
    expect(addWorkDuration('2026-02-13T10:00:00+08:00', 'P1D', china)).toBe('2026-02-14T10:00:00.000+08:00');
    expect(addWorkDuration('2026-02-13T10:00:00+08:00', 'P2D', china)).toBe('2026-02-24T10:00:00.000+08:00');
    // A week: 24, 25, 26, 27 February and Saturday 28 February (调休).
    expect(addWorkDuration('2026-02-14T10:00:00+08:00', 'P1W', china)).toBe('2026-02-28T10:00:00.000+08:00');
  });

  it('lets an override win over the public calendar', () => {
    const isWorkday = createIsWorkday(
      new Map([
        ['2025-10-09', false],
        ['2025-10-08', true],
      ]),
    );
    expect(isWorkday('2025-10-08')).toBe(true);
    expect(isWorkday('2025-10-09')).toBe(false);
    expect(isWorkday('2025-10-10')).toBe(true);
    expect(addWorkDuration('2025-09-30T10:00:00+08:00', 'P2D', biz(isWorkday))).toBe('2025-10-10T10:00:00.000+08:00');
  });

  it('gives the same answers when the process runs west of UTC', () => {
    // chinese-days reads weekdays in the process's local zone; ours must not depend on it.
    const dates = [
      '2025-09-27',
      '2025-09-28',
      '2025-10-01',
      '2025-10-08',
      '2025-10-11',
      '2025-10-12',
      '2026-02-14',
      '2026-02-23',
      '2026-02-24',
      '2027-01-04',
      '2027-01-09',
      '2027-10-01',
    ];
    const here = dates.map(chinaIsWorkday);
    const script = `const { chinaIsWorkday } = require('./activities/calendar.ts');
      process.stdout.write(JSON.stringify(${JSON.stringify(dates)}.map(chinaIsWorkday)));`;
    for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati']) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
        cwd: path.resolve(__dirname, '../..'),
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      });
      expect(child.stderr).toBe('');
      expect(JSON.parse(child.stdout)).toEqual(here);
    }
    expect(here).toEqual([false, true, false, false, true, false, true, false, true, true, false, true]);
  });
});
