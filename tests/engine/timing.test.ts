// The engine's timing rules on the time-skipping test server, for every process: reminders
// whose lead has already passed when a task opens (or a process's own deadline is watched: a
// booking's payment deadline), and due times kept exactly as computed, to the millisecond.
import { DateTime } from 'luxon';
import type { AuditEvent } from '../../generated/prisma/client';
import type { TestApi } from '../helpers/api';
import { step, type EngineHarness } from '../helpers/engine';
import { startProcessWorld, until, type ProcessWorld } from '../helpers/processApi';

jest.setTimeout(120_000);

const ZONE = 'Asia/Shanghai';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
let w: ProcessWorld;
let h: EngineHarness;
let api: TestApi;
beforeAll(async () => {
  w = await startProcessWorld();
  ({ h, api } = w);
});
afterAll(() => w?.close());

const near = (actual: Date, expected: number) => Math.abs(actual.getTime() - expected) < MINUTE;
const reminders = (es: AuditEvent[]) => es.filter((e) => e.type === 'reminder_sent');
const detail = (e: AuditEvent) => e.detail as { lead: string; opening?: boolean };
const setAtOpening = async (value: boolean) => {
  const res = await api.request('PUT', '/api/settings/reminder.atOpening', { ...w.as('admin'), body: { value } });
  expect(res.status).toBe(200);
};

describe('reminders whose lead has passed when a task opens', () => {
  beforeAll(() =>
    h.settings({
      'task.dueInBusinessDays': false,
      'reminder.leadTimes': ['P1D', 'PT2H'],
      'escalation.steps': [],
      'reminder.atOpening': true,
    }),
  );

  /** An approval of one step for the manager, due `due` after it opens; its task. */
  async function openFor(due: string) {
    const handle = await h.start({ steps: [step('manager', [{ userId: h.user('manager').id }], { due })] });
    const [task] = await h.tasks(handle.workflowId);
    return { handle, task: task! };
  }

  test('a window shorter than the first lead: the next lead’s reminder at its time; shorter than every lead: one at the opening', async () => {
    // 12 hours: the 1-day lead has passed at the opening, the 2-hour one lies ahead.
    const twelve = await openFor('PT12H');
    // 1 hour: both leads have passed.
    const one = await openFor('PT1H');
    const oneEvents = await h.events(one.handle.workflowId, (es) => reminders(es).length > 0);
    await h.env.sleep(12 * HOUR + MINUTE);

    const twelveEvents = reminders(await h.events(twelve.handle.workflowId, (es) => reminders(es).length > 0));
    expect(twelveEvents.map(detail)).toEqual([expect.objectContaining({ lead: 'PT2H' })]);
    expect(detail(twelveEvents[0]!).opening).toBeUndefined();
    expect(near(twelveEvents[0]!.at, twelve.task.dueAt.getTime() - 2 * HOUR)).toBe(true);

    // One reminder, at the opening (not one per passed lead), and none after it.
    const opened = reminders(await h.events(one.handle.workflowId));
    expect(opened.map(detail)).toEqual([expect.objectContaining({ lead: 'PT2H', opening: true })]);
    expect(near(reminders(oneEvents)[0]!.at, one.task.createdAt.getTime())).toBe(true);
    const mails = await until(
      'the reminder mail',
      () => h.db.mailMessage.findMany({ where: { workflowId: one.handle.workflowId, template: 'task_reminder' } }),
      (ms) => ms.length > 0,
    );
    expect(mails.map((m) => m.to)).toEqual(['manager@example.com']);
    expect(mails[0]!.subject).toMatch(/即将到期/); // "due soon", not a lead it no longer has

    for (const x of [twelve, one]) await x.handle.terminate('test done');
  });

  test('reminder.atOpening (default on) turns the reminder at the opening off', async () => {
    const all = (await api.request('GET', '/api/settings', w.as('admin'))).body as { key: string; value: unknown; default: unknown }[];
    expect(all.find((s) => s.key === 'reminder.atOpening')).toMatchObject({ value: true, default: true });
    await setAtOpening(false);
    try {
      const { handle, task } = await openFor('PT1H');
      await h.env.sleep(2 * HOUR);
      expect(reminders(await h.events(handle.workflowId, (es) => es.some((e) => e.type === 'task_created')))).toEqual([]);
      expect(task.status).toBe('open');
      await handle.terminate('test done');
    } finally {
      await setAtOpening(true);
    }
  });
});

describe('a booking’s payment deadline (remindBefore): the same rule', () => {
  let n = 0;
  beforeAll(() => h.settings({ 'reminder.leadTimes': [], 'escalation.steps': [], 'booking.reminderLeadTimes': ['P3D', 'P1D'] }));

  /** A franchisee of its own (with its payment window in days, if any) and its booking, once the statement is out. */
  async function book(windowDays: number | null) {
    const id = `R${String(++n).padStart(2, '0')}`;
    await h.db.franchisee.create({
      data: {
        id,
        name: `提醒测试${id}`,
        regionId: 'EAST',
        email: `${id.toLowerCase()}@example.com`,
        paymentWindowDays: windowDays,
        quotas: { create: { seasonCode: '2027SS', quotaFen: 50_000_000n } },
      },
    });
    const res = await w.post(
      '/api/bookings',
      { franchiseeId: id, season: '2027SS', lines: [{ sku: '27SS-DR-003', size: 'M', qty: 2000 }] },
      'specialist',
    );
    expect(res.status).toBe(201);
    await h.events(res.body.workflowId, (es) => es.some((e) => e.type === 'statement_sent'));
    const b = (await api.request('GET', `/api/bookings/${res.body.id}`, w.as('specialist'))).body;
    return {
      id: b.id as string,
      workflowId: b.workflowId as string,
      deadline: Date.parse(b.paymentDeadline),
      email: `${id.toLowerCase()}@example.com`,
    };
  }
  const cancel = (id: string) => w.post(`/api/bookings/${id}/cancel`, { reason: '测试结束' }, 'manager');

  test('a window shorter than the first lead gets the next lead’s reminder; shorter than every lead, one at the opening; the setting turns it off', async () => {
    // Two days (to the end of the second day): the 3-day lead has passed, the 1-day one lies ahead.
    const twoDays = await book(2);
    // 12 hours: both leads have passed.
    await h.settings({ 'booking.paymentWindow': 'PT12H' });
    const short = await book(null);
    await setAtOpening(false);
    const off = await book(null);
    await setAtOpening(true);
    await h.settings({ 'booking.paymentWindow': 'P7D' });

    const shortReminders = reminders(await h.events(short.workflowId, (es) => reminders(es).length > 0));
    expect(shortReminders.map(detail)).toEqual([expect.objectContaining({ lead: 'P1D', opening: true })]);
    const statementAt = (await h.events(short.workflowId)).find((e) => e.type === 'statement_sent')!.at;
    expect(near(shortReminders[0]!.at, statementAt.getTime())).toBe(true);

    await h.env.sleep(3 * DAY);
    const twoDaysReminders = reminders(await h.events(twoDays.workflowId, (es) => reminders(es).length > 0));
    expect(twoDaysReminders.map(detail)).toEqual([expect.objectContaining({ lead: 'P1D' })]);
    expect(detail(twoDaysReminders[0]!).opening).toBeUndefined();
    expect(near(twoDaysReminders[0]!.at, twoDays.deadline - DAY)).toBe(true);
    expect(reminders(await h.events(short.workflowId))).toHaveLength(1);
    expect(reminders(await h.events(off.workflowId, (es) => es.some((e) => e.type === 'payment_overdue')))).toEqual([]);

    const mails = await until(
      'the reminder at the opening',
      () => h.db.mailMessage.findMany({ where: { workflowId: short.workflowId, template: 'booking_reminder' } }),
      (ms) => ms.length > 0,
    );
    expect(mails.map((m) => m.to)).toEqual([short.email]);
    for (const b of [twoDays, short, off]) await cancel(b.id);
  });
});

describe('exact due times', () => {
  beforeAll(() => h.settings({ 'reminder.leadTimes': ['PT12H'], 'escalation.steps': [], 'price.approvalLeadDays': 3 }));

  test('a price approval due by the end of a day is due at 23:59:59.999 exactly; its notices at the start of the arrival day', async () => {
    const t0 = await h.env.currentTimeMs();
    const dateIn = (days: number) => DateTime.fromMillis(t0, { zone: ZONE }).plus({ days }).toISODate()!;
    const res = await w.post(
      '/api/price-adjustments',
      {
        lines: [{ sku: '27SS-TS-001', newPriceFen: 13_900 }],
        allocationDate: dateIn(10),
        arrivalDate: dateIn(12),
        storeIds: ['S001'],
        reason: '库龄超过 180 天，配发前降价',
      },
      'specialist',
    );
    expect(res.status).toBe(201);
    const a = res.body;
    const endOfDay = DateTime.fromISO(`${dateIn(7)}T23:59:59.999`, { zone: ZONE });
    expect(Date.parse(a.approvalDueAt)).toBe(endOfDay.toMillis());

    const approval = await w.openTask(a.workflowId, 'superior');
    expect(approval.dueAt.getTime()).toBe(endOfDay.toMillis());
    const shown = (await api.request('GET', `/api/tasks/${approval.id}`, w.as('supervisor'))).body;
    expect(shown.dueAt).toBe(endOfDay.toUTC().toISO());
    expect(DateTime.fromISO(shown.dueAt, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm:ss.SSS')).toBe(`${dateIn(7)} 23:59:59.999`);
    const created = (await h.events(a.workflowId)).find((e) => e.type === 'task_created')!;
    expect(Date.parse((created.detail as { dueAt: string }).dueAt)).toBe(endOfDay.toMillis());

    expect((await w.decide(approval, 'supervisor', 'approve')).status).toBe(200);
    const arrivalDay = DateTime.fromISO(dateIn(12), { zone: ZONE }).startOf('day');
    for (const key of ['notify_finance', 'notify_store:S001']) {
      const notice = await w.openTask(a.workflowId, key);
      expect(notice.dueAt.getTime()).toBe(arrivalDay.toMillis());
      const got = (await api.request('GET', `/api/tasks/${notice.id}`, w.as('admin'))).body;
      expect(got.dueAt).toBe(arrivalDay.toUTC().toISO());
    }
  });
});
