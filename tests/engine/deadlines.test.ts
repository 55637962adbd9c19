// Due dates, reminders and escalation, on the time-skipping test server: days pass in
// milliseconds, and each timer fires at its moment of workflow time.
import { DateTime } from 'luxon';
import { chinaIsWorkday } from '../../activities/calendar';
import { urgeUpdate } from '../../workflows/messages';
import { startEngine, step, type EngineHarness } from '../helpers/engine';
import { until } from '../helpers/until';

const ZONE = 'Asia/Shanghai';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
let h: EngineHarness;
beforeAll(async () => {
  h = await startEngine();
});
afterAll(() => h?.close());

const near = (actual: Date, expected: number) => Math.abs(actual.getTime() - expected) < MINUTE;

test('business days: the due date skips a public holiday and counts a 调休 working Saturday', async () => {
  const start = DateTime.fromMillis(await h.env.currentTimeMs(), { zone: ZONE });
  // From tomorrow: the first weekday becomes a holiday, the first Saturday a make-up working day.
  const days = Array.from({ length: 14 }, (_, i) => start.plus({ days: i + 1 }).startOf('day'));
  const holiday = days.find((d) => d.weekday <= 5)!;
  const makeUpSaturday = days.find((d) => d.weekday === 6)!;
  await h.db.calendarOverride.createMany({
    data: [
      { date: holiday.toISODate()!, isWorkday: false, note: '测试假日' },
      { date: makeUpSaturday.toISODate()!, isWorkday: true, note: '调休上班' },
    ],
  });
  await h.settings({ 'task.defaultDue': 'P3D', 'task.dueInBusinessDays': true, 'reminder.leadTimes': [], 'escalation.steps': [] });
  try {
    const handle = await h.start({ steps: [step('manager', [{ userId: h.user('manager').id }])] });
    const [task] = await h.tasks(handle.workflowId);
    const created = DateTime.fromJSDate(task!.createdAt, { zone: ZONE });
    // The oracle: walk the calendar day by day, counting working days.
    const working = (d: DateTime) =>
      d.hasSame(holiday, 'day') ? false : d.hasSame(makeUpSaturday, 'day') ? true : chinaIsWorkday(d.toISODate()!);
    let due = created;
    for (let counted = 0; counted < 3;) {
      due = due.plus({ days: 1 });
      if (working(due)) counted += 1;
    }
    expect(near(task!.dueAt, due.toMillis())).toBe(true);
    const dueLocal = DateTime.fromJSDate(task!.dueAt, { zone: ZONE });
    // Three calendar days would land earlier; the holiday pushed it and the Saturday pulled it back.
    expect(dueLocal.toISODate()).toBe(due.toISODate());
    expect(dueLocal.toFormat('HH:mm')).toBe(created.toFormat('HH:mm'));
    await h.decide(handle, task!, 'manager', 'approve');
    await handle.result();
  } finally {
    await h.db.calendarOverride.deleteMany({});
  }
});

test('a reminder is mailed at each lead time before the due time', async () => {
  await h.settings({
    'task.defaultDue': 'P2D',
    'task.dueInBusinessDays': false,
    'reminder.leadTimes': ['P1D', 'PT2H', 'PT0S'],
    'escalation.steps': [],
  });
  const handle = await h.start({ steps: [step('manager', [{ userId: h.user('manager').id }])] });
  const [task] = await h.tasks(handle.workflowId);
  const due = task!.dueAt.getTime();
  expect(near(task!.createdAt, due - 2 * DAY)).toBe(true);

  await h.env.sleep(2 * DAY + MINUTE);
  const events = await h.events(handle.workflowId, (es) => es.filter((e) => e.type === 'reminder_sent').length === 3);
  const reminders = events.filter((e) => e.type === 'reminder_sent');
  expect(reminders.map((e) => (e.detail as { lead: string }).lead)).toEqual(['P1D', 'PT2H', 'PT0S']);
  expect(near(reminders[0]!.at, due - 24 * 60 * MINUTE)).toBe(true);
  expect(near(reminders[1]!.at, due - 120 * MINUTE)).toBe(true);
  expect(near(reminders[2]!.at, due)).toBe(true);
  const mails = await h.db.mailMessage.findMany({
    where: { workflowId: handle.workflowId, template: 'task_reminder' },
    orderBy: { createdAt: 'asc' },
  });
  expect(mails.map((m) => m.to)).toEqual(['manager@example.com', 'manager@example.com', 'manager@example.com']);
  expect(mails[0]!.subject).toMatch(/^【提醒】/);

  await h.decide(handle, task!, 'manager', 'approve');
  expect(await handle.result()).toEqual({ result: 'approved' });
});

test('an overdue task escalates step by step (notify, then reassign up the chain) and stops when decided', async () => {
  await h.settings({
    'task.defaultDue': 'P1D',
    'task.dueInBusinessDays': false,
    'reminder.leadTimes': [],
    'escalation.steps': ['P1D', 'P2D', 'P3D'],
  });
  const handle = await h.start(
    {
      steps: [
        step('specialist', [{ userId: h.user('specialist').id }]),
        step('manager', [{ userId: h.user('manager').id }], { due: 'P30D' }),
      ],
    },
    { submitter: 'follower' },
  );
  const [task] = await h.tasks(handle.workflowId);
  const due = task!.dueAt.getTime();

  await h.env.sleep(3 * DAY + 60 * MINUTE); // due + 2 days + 1 hour
  let events = await h.events(handle.workflowId, (es) => es.filter((e) => e.type === 'escalated').length === 2);
  const escalations = events.filter((e) => e.type === 'escalated');
  expect(escalations.map((e) => e.detail)).toEqual([
    { taskId: task!.id, level: 1, action: 'notified', toUserId: h.user('supervisor').id, assigneeId: h.user('specialist').id },
    { taskId: task!.id, level: 2, action: 'reassigned', fromUserId: h.user('specialist').id, toUserId: h.user('supervisor').id },
  ]);
  expect(near(escalations[0]!.at, due + 24 * 60 * MINUTE)).toBe(true);
  expect(near(escalations[1]!.at, due + 48 * 60 * MINUTE)).toBe(true);
  expect(await h.db.task.findUniqueOrThrow({ where: { id: task!.id } })).toMatchObject({
    assigneeId: h.user('supervisor').id,
    escalationLevel: 2,
  });
  const mails = await h.db.mailMessage.findMany({ where: { workflowId: handle.workflowId } });
  expect(mails.filter((m) => m.template === 'task_overdue').map((m) => m.to)).toEqual(['supervisor@example.com']);
  expect(mails.filter((m) => m.template === 'task_reassigned').map((m) => m.to)).toEqual(['supervisor@example.com']);

  // The specialist has lost the task; the supervisor decides it.
  expect(await h.outcome(h.decide(handle, task!, 'specialist', 'approve'))).toBe('forbidden');
  expect(await h.outcome(h.decide(handle, task!, 'supervisor', 'approve'))).toBe('accepted');
  await h.tasks(handle.workflowId, (ts) => ts.length === 2);
  await h.env.sleep(3 * DAY); // level 3 would have come at due + 3 days
  events = await h.events(handle.workflowId);
  expect(events.filter((e) => e.type === 'escalated')).toHaveLength(2);
  const decidedAt = events.find((e) => e.type === 'decided')!.at.getTime();
  expect(events.filter((e) => (e.detail as { taskId?: string }).taskId === task!.id && e.at.getTime() > decidedAt)).toEqual([]);
  await handle.terminate('test done');
});

test('urge (催办) by the submitter mails the approver, at most once per interval', async () => {
  await h.settings({ 'task.defaultDue': 'P5D', 'reminder.leadTimes': [], 'escalation.steps': [], 'urge.minInterval': 'PT1H' });
  const handle = await h.start({ steps: [step('manager', [{ userId: h.user('manager').id }])] });
  const [task] = await h.tasks(handle.workflowId);
  const urge = (who: string) => handle.executeUpdate(urgeUpdate, { args: [{ actor: h.user(who).actor, comment: '客户在等，请尽快' }] });
  expect(await urge('specialist')).toEqual({ notified: 1 });
  expect(await h.outcome(urge('specialist'))).toBe('urge_too_soon');
  expect(await h.outcome(urge('supervisor'))).toBe('forbidden');
  await h.env.sleep(61 * MINUTE);
  expect(await urge('specialist')).toEqual({ notified: 1 });
  // Mail follows the answer (the outbox), it does not hold it up.
  const urged = await until(
    'both urge mails',
    () => h.db.mailMessage.findMany({ where: { workflowId: handle.workflowId, template: 'task_urged' }, orderBy: { createdAt: 'asc' } }),
    (ms) => ms.length >= 2,
  );
  expect(urged.map((m) => m.to)).toEqual(['manager@example.com', 'manager@example.com']);
  expect(urged[0]!.text).toContain('客户在等，请尽快');
  await h.decide(handle, task!, 'manager', 'approve');
  await handle.result();
});
