// The report figures (lib/reports/figures.ts, SQL on a real PostgreSQL) against a hand-computed
// fixture whose rows sit on both sides of the Asia/Shanghai day and week boundaries
// (tests/reports/fixture.ts), and the Prometheus metrics of the same data.
import { collectMetrics, escapeLabelValue, renderMetrics } from '../../lib/metrics';
import {
  cycleTimeFigures,
  dashboard,
  delayedShipmentFigures,
  escalationsThisWeek,
  lateApprovalFigures,
  orderTotals,
  prepaymentFigures,
  resolveSeason,
  returnFigures,
  taskFigures,
} from '../../lib/reports/figures';
import { reportWindow } from '../../lib/reports/window';
import { openTestDb } from '../helpers/postgres';
import { AT, EXPECTED, PERIOD, writeFixture, writeMasterData, type Fixture } from './fixture';

const TZ = 'Asia/Shanghai';
let t: Awaited<ReturnType<typeof openTestDb>>;
let fx: Fixture;

beforeAll(async () => {
  t = await openTestDb();
  await writeMasterData(t.db);
  fx = await writeFixture(t.db);
});
afterAll(() => t?.close());

const w = () => reportWindow({ tz: TZ, at: AT, ...PERIOD });

test('the window: today, this week (Monday–Sunday) and the period as Shanghai days', () => {
  const win = w();
  expect(win.today).toBe('2027-03-02');
  expect(win.dayStart.toISOString()).toBe('2027-03-01T16:00:00.000Z');
  expect(win.dayEnd.toISOString()).toBe('2027-03-02T16:00:00.000Z');
  expect([win.weekStart, win.weekEnd]).toEqual(['2027-03-01', '2027-03-07']);
  expect(win.weekStartAt.toISOString()).toBe('2027-02-28T16:00:00.000Z');
  expect([win.fromAt.toISOString(), win.toAt.toISOString()]).toEqual(['2027-02-21T16:00:00.000Z', '2027-03-01T16:00:00.000Z']);
  // The default period: the 30 days ending today.
  const def = reportWindow({ tz: TZ, at: AT });
  expect([def.from, def.to]).toEqual(['2027-02-01', '2027-03-02']);
  // 15:59:59Z is still Monday in Shanghai, 16:00:00Z is Tuesday.
  expect(reportWindow({ tz: TZ, at: new Date('2027-03-01T15:59:59Z') }).today).toBe('2027-03-01');
  expect(reportWindow({ tz: TZ, at: new Date('2027-03-01T16:00:00Z') }).today).toBe('2027-03-02');
  expect(() => reportWindow({ tz: TZ, at: AT, from: '2027-03-05', to: '2027-03-01' })).toThrow('must not be after to');
  expect(() => reportWindow({ tz: TZ, at: AT, from: '2027-02-30' })).toThrow('must be a date');
});

test('open, overdue and due-today tasks by process and by person', async () => {
  const f = await taskFigures(t.db, w());
  expect(f.totals).toEqual(EXPECTED.tasks.totals);
  expect(f.byProcess).toEqual(EXPECTED.tasks.byProcess);
  const person = (username: string | null, role: string | null = null) =>
    f.byPerson.find((p) => p.username === username && p.role === role);
  expect(person('specialist')).toMatchObject({ userId: fx.users.specialist, name: '张专员', open: 2, overdue: 1, dueToday: 1 });
  expect(person('follower')).toMatchObject({ userId: fx.users.follower, open: 2, overdue: 1, dueToday: 0 });
  expect(person(null, 'supervisor')).toMatchObject({ userId: null, name: null, open: 1, overdue: 0, dueToday: 1 });
  expect(f.byPerson).toHaveLength(3);
  // A second earlier, the specialist's task due 01:59:59Z is not yet overdue but due today.
  const before = await taskFigures(t.db, reportWindow({ tz: TZ, at: new Date('2027-03-02T01:59:59Z') }));
  expect(before.totals).toEqual({ open: 5, overdue: 1, dueToday: 3 });
});

test('escalations this week: Monday 00:00 to Sunday 24:00 in Shanghai, per day and process', async () => {
  expect(await escalationsThisWeek(t.db, w())).toEqual(EXPECTED.escalations);
  // Seen from Sunday 28 February, the week before holds only the Sunday 23:59:59 one.
  const prev = await escalationsThisWeek(t.db, reportWindow({ tz: TZ, at: new Date('2027-02-28T15:59:59Z') }));
  expect(prev.total).toBe(1);
  expect(prev.byDay.find((d) => d.count)).toEqual({ date: '2027-02-28', count: 1 });
});

test('cycle time per process and per step: median and p90 (percentile_cont) over the period', async () => {
  expect(await cycleTimeFigures(t.db, w())).toEqual(EXPECTED.cycleTimes);
});

test('prepayment due vs received this season by region; overdue once the deadline has passed', async () => {
  expect(await prepaymentFigures(t.db, '2027SS', w())).toEqual(EXPECTED.prepayments);
  // One second later F003's deadline (exactly AT) has passed too.
  const later = await prepaymentFigures(t.db, '2027SS', reportWindow({ tz: TZ, at: new Date(AT.getTime() + 1000) }));
  expect(later.totals.overdueFen).toBe(320_000);
  expect((await prepaymentFigures(t.db, '2026AW', w())).totals).toEqual({
    bookings: 1,
    dueFen: 777_700,
    receivedFen: 777_700,
    outstandingFen: 0,
    overdueFen: 0,
  });
});

test('delayed shipments by escalation level, longest delayed first', async () => {
  const f = await delayedShipmentFigures(t.db, w());
  expect({ total: f.total, byLevel: f.byLevel }).toEqual(EXPECTED.delayedShipments);
  expect(f.shipments.map((s) => [s.level, s.reason, s.hoursDelayed])).toEqual([
    [3, 'late', 72],
    [1, 'silent', 26],
    [3, 'late', 24],
    [0, 'late', 1],
  ]);
});

test('ordered / shipped / owed totals per region, owed as in the order-balance report', async () => {
  expect(await orderTotals(t.db, '2027SS')).toEqual(EXPECTED.orders);
});

test('price adjustments approved late (audit event approved_late) in the period', async () => {
  const f = await lateApprovalFigures(t.db, w());
  expect({ from: f.from, to: f.to, approved: f.approved, late: f.late, onTime: f.onTime }).toEqual(EXPECTED.lateApprovals);
  expect(f.adjustments).toEqual([
    {
      adjustmentId: fx.adjustments.late,
      seq: fx.adjustments.lateSeq,
      approvedAt: '2027-02-26T03:00:01.000Z',
      dueAt: '2027-02-25T16:00:00.000Z',
      hoursLate: 11,
      proposerName: '张专员',
      urgent: false,
    },
  ]);
});

test('returns and defects pending', async () => {
  expect(await returnFigures(t.db)).toEqual(EXPECTED.returns);
});

test('the dashboard is all of them; the season defaults to the one running today', async () => {
  expect(await resolveSeason(t.db, undefined, '2027-03-02')).toBe('2027SS');
  expect(await resolveSeason(t.db, undefined, '2026-09-01')).toBe('2026AW');
  expect(await resolveSeason(t.db, undefined, '2030-01-01')).toBe('2027SS'); // none running: the latest to start
  const all = await dashboard(t.db, w(), '2027SS');
  expect(all).toMatchObject({
    at: AT.toISOString(),
    tz: TZ,
    today: '2027-03-02',
    season: '2027SS',
    period: PERIOD,
    week: { from: '2027-03-01', to: '2027-03-07' },
  });
  expect(all.tasks.totals).toEqual(EXPECTED.tasks.totals);
  expect(all.escalations).toEqual(EXPECTED.escalations);
  expect(all.cycleTimes).toEqual(EXPECTED.cycleTimes);
  expect(all.prepayments).toEqual(EXPECTED.prepayments);
  expect(all.orders).toEqual(EXPECTED.orders);
  expect(all.returns).toEqual(EXPECTED.returns);
});

test('metrics: Prometheus text of the same data', async () => {
  const text = renderMetrics(await collectMetrics(t.db, AT));
  const lines = text.split('\n');
  for (const line of [
    '# TYPE merch_tasks_open gauge',
    'merch_tasks_open{process_type="approval"} 2',
    'merch_tasks_open{process_type="booking"} 0',
    'merch_tasks_overdue{process_type="approval"} 2',
    'merch_tasks_overdue{process_type="plan"} 0',
    '# TYPE merch_task_decisions_total counter',
    'merch_task_decisions_total{process_type="plan",decision="approve"} 4',
    'merch_task_decisions_total{process_type="price",decision="approve"} 2',
    'merch_escalations_total{process_type="approval"} 3',
    'merch_escalations_total{process_type="shipment"} 1',
    'merch_mail_sent_total 3',
    'merch_mail_failed 1',
    'merch_mail_pending 1',
    'merch_workflow_starts_total{process_type="plan"} 8',
    'merch_workflow_starts_total{process_type="approval"} 3',
    'merch_processes_running{process_type="plan"} 1',
    'merch_shipments_delayed{level="3"} 2',
    'merch_shipments_delayed{level="2"} 0',
  ])
    expect(lines).toContain(line);
  // Every sample line is `name{labels} number`.
  for (const l of lines.filter((x) => x && !x.startsWith('#'))) expect(l).toMatch(/^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? \d+$/);
  expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
});

test('a booking still in the quota review owes nothing overdue: its payment window has not started', async () => {
  const specialist = await t.db.user.findFirstOrThrow({ where: { username: 'specialist' } });
  await t.db.franchisee.create({ data: { id: 'FREVIEW', name: '审批中加盟商', regionId: 'EAST', email: 'freview@example.com' } });
  const before = (await prepaymentFigures(t.db, '2026AW', w())).totals;
  // Its row's deadline is the provisional one set at entry, long past: the statement is not sent.
  await t.db.booking.create({
    data: {
      franchiseeId: 'FREVIEW',
      seasonCode: '2026AW',
      status: 'awaiting_approval',
      amountFen: 400_000n,
      prepaymentShareBp: 2500,
      prepaymentDueFen: 100_000n,
      paymentDeadline: new Date(AT.getTime() - 30 * 86_400_000),
      quotaCheck: 'below',
      totalQty: 1,
      createdById: specialist.id,
    },
  });
  const after = (await prepaymentFigures(t.db, '2026AW', w())).totals;
  expect(after).toEqual({
    ...before,
    bookings: before.bookings + 1,
    dueFen: before.dueFen + 100_000,
    outstandingFen: before.outstandingFen + 100_000,
  });
  expect(after.overdueFen).toBe(before.overdueFen);
});
