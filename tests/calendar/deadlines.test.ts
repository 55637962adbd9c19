// computeDeadlines against a real PostgreSQL database: company overrides from the
// CalendarOverride table win over the public calendar; reminders and escalations in order.
import { ApplicationFailure } from '@temporalio/common';
import { calendarActivities } from '../../activities/calendar';
import { saveOfficialSchedule } from '../../lib/calendar/official';
import { loadConfig } from '../../lib/config';
import type { Db } from '../../lib/db/client';
import { openTestDb } from '../helpers/postgres';

let testDb: Awaited<ReturnType<typeof openTestDb>>;
let activities: ReturnType<typeof calendarActivities>;
const queries: unknown[] = [];

beforeAll(async () => {
  testDb = await openTestDb();
  const config = loadConfig({ DATABASE_URL: testDb.url });
  expect(config.tzBusiness).toBe('Asia/Shanghai');
  // Counts the override queries; everything else is the real client.
  const counted = {
    calendarOverride: {
      findMany: (args: Parameters<Db['calendarOverride']['findMany']>[0]) => {
        queries.push(args);
        return testDb.db.calendarOverride.findMany(args);
      },
    },
    // Imported official schedules are read beside the overrides, in the same window.
    officialCalendarDay: {
      findMany: (args: Parameters<Db['officialCalendarDay']['findMany']>[0]) => testDb.db.officialCalendarDay.findMany(args),
    },
  } as unknown as Db;
  activities = calendarActivities(counted, config);
});

afterAll(async () => {
  await testDb?.close();
});

beforeEach(() => {
  queries.length = 0;
});

// March 2026: Monday 9 to Sunday 15, no public holiday.
const march = {
  from: '2026-03-09T10:00:00+08:00',
  due: 'P3D',
  leadTimes: ['PT4H', 'P1D', 'P5D', 'PT0S', 'P2D', 'P0D', 'P3D'],
  escalationSteps: ['P1D', 'P2D', 'PT2H'],
  businessDays: true,
};

describe('computeDeadlines', () => {
  it('follows the public calendar when there are no overrides', async () => {
    const r = await activities.computeDeadlines({ ...march, leadTimes: [], escalationSteps: ['P1D'] });
    expect(r.dueAt).toBe('2026-03-12T10:00:00.000+08:00'); // Thursday
    expect(r.escalations).toEqual([{ level: 1, after: 'P1D', at: '2026-03-13T10:00:00.000+08:00' }]);
    expect(queries).toHaveLength(1);
  });

  it('honours a company day off on a weekday and a working Sunday, read in one query', async () => {
    await testDb.db.calendarOverride.createMany({
      data: [
        { date: '2026-03-11', isWorkday: false, note: 'company anniversary' }, // Wednesday
        { date: '2026-03-15', isWorkday: true, note: 'stock-taking Sunday' },
      ],
    });
    const r = await activities.computeDeadlines(march);
    // Tuesday 10, (Wednesday 11 off), Thursday 12, Friday 13.
    expect(r.dueAt).toBe('2026-03-13T10:00:00.000+08:00');
    // Chronological, one per instant (P0D = PT0S, the first listed kept); P3D falls on
    // `from` itself and P5D before it: both dropped.
    expect(r.reminders).toEqual([
      { lead: 'P2D', at: '2026-03-10T10:00:00.000+08:00' },
      { lead: 'P1D', at: '2026-03-12T10:00:00.000+08:00' },
      { lead: 'PT4H', at: '2026-03-13T06:00:00.000+08:00' },
      { lead: 'PT0S', at: '2026-03-13T10:00:00.000+08:00' },
    ]);
    // Each step from the due time: Sunday 15 is a working day; PT2H stays level 3.
    expect(r.escalations).toEqual([
      { level: 1, after: 'P1D', at: '2026-03-15T10:00:00.000+08:00' },
      { level: 2, after: 'P2D', at: '2026-03-16T10:00:00.000+08:00' },
      { level: 3, after: 'PT2H', at: '2026-03-13T12:00:00.000+08:00' },
    ]);
    expect(queries).toHaveLength(1);
  });

  it('ignores working days in calendar mode and then reads no overrides', async () => {
    const r = await activities.computeDeadlines({ ...march, businessDays: false });
    expect(r.dueAt).toBe('2026-03-12T10:00:00.000+08:00');
    expect(r.reminders.map((x) => x.lead)).toEqual(['P2D', 'P1D', 'PT4H', 'PT0S']);
    expect(r.reminders[0]?.at).toBe('2026-03-10T10:00:00.000+08:00');
    expect(r.escalations.map((x) => x.at)).toEqual([
      '2026-03-13T10:00:00.000+08:00',
      '2026-03-14T10:00:00.000+08:00',
      '2026-03-12T12:00:00.000+08:00',
    ]);
    expect(queries).toHaveLength(0);
  });

  it('carries the due date across National Day 2025 and drops a reminder at `from`', async () => {
    const r = await activities.computeDeadlines({
      from: '2025-09-30T10:00:00+08:00',
      due: 'P1D',
      leadTimes: ['P1D', 'PT4H'],
      escalationSteps: ['P2D'],
      businessDays: true,
    });
    expect(r.dueAt).toBe('2025-10-09T10:00:00.000+08:00');
    expect(r.reminders).toEqual([{ lead: 'PT4H', at: '2025-10-09T06:00:00.000+08:00' }]);
    // Friday 10 and Saturday 11 October (调休).
    expect(r.escalations).toEqual([{ level: 1, after: 'P2D', at: '2025-10-11T10:00:00.000+08:00' }]);
  });

  it('reads further when company days off reach beyond the first window', async () => {
    // A closure from 1 July to 30 September 2026 (92 days), then National Day 1-7 October.
    const data = [];
    for (let d = new Date(Date.UTC(2026, 6, 1)); d <= new Date(Date.UTC(2026, 8, 30)); d = new Date(d.getTime() + 86_400_000)) {
      data.push({ date: d.toISOString().slice(0, 10), isWorkday: false, note: 'closed' });
    }
    await testDb.db.calendarOverride.createMany({ data });
    const r = await activities.computeDeadlines({
      from: '2026-06-30T09:00:00+08:00',
      due: 'P1D',
      leadTimes: ['P1D'],
      escalationSteps: [],
      businessDays: true,
    });
    expect(r.dueAt).toBe('2026-10-08T09:00:00.000+08:00');
    expect(r.reminders).toEqual([]); // one working day before is 30 June 09:00 = from
    expect(queries.length).toBeGreaterThan(1);
  });

  it('counts an imported official schedule of a year the package does not know; a company day wins over it', async () => {
    // 2027: the package knows weekends only. Imported: 5 and 8 February off, Sunday 14 February a working day.
    await saveOfficialSchedule(testDb.db, {
      year: 2027,
      days: [
        { date: '2027-02-05', isWorkday: false, name: '春节' },
        { date: '2027-02-08', isWorkday: false, name: '春节' },
        { date: '2027-02-14', isWorkday: true, name: '春节' },
      ],
      source: 'csv',
      fileName: null,
      byUserId: null,
    });
    const from = { from: '2027-02-04T10:00:00+08:00', leadTimes: [], escalationSteps: [], businessDays: true };
    // Thursday 4 → (Friday 5 off, weekend, Monday 8 off) Tuesday 9.
    expect((await activities.computeDeadlines({ ...from, due: 'P1D' })).dueAt).toBe('2027-02-09T10:00:00.000+08:00');
    // Friday 12 → Sunday 14 (调休).
    expect((await activities.computeDeadlines({ ...from, from: '2027-02-12T10:00:00+08:00', due: 'P1D' })).dueAt).toBe(
      '2027-02-14T10:00:00.000+08:00',
    );
    // The company works on Monday 8 February: its own day wins.
    await testDb.db.calendarOverride.create({ data: { date: '2027-02-08', isWorkday: true, note: 'stock-taking' } });
    expect((await activities.computeDeadlines({ ...from, due: 'P1D' })).dueAt).toBe('2027-02-08T10:00:00.000+08:00');
  });

  it('fails for good on an invalid duration', async () => {
    const bad = activities.computeDeadlines({ ...march, leadTimes: ['P1D', '1 day'] });
    await expect(bad).rejects.toBeInstanceOf(ApplicationFailure);
    await expect(bad).rejects.toMatchObject({ nonRetryable: true, message: expect.stringMatching(/Invalid duration "1 day"/) });
    expect(queries).toHaveLength(0);
  });
});
