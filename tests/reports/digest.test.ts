// The daily digest and the weekly summary, end to end on Temporal.
//
// Across several days on the time-skipping server, with a real SMTP server: each morning at 08:00
// Shanghai (what the Schedule does; the time-skipping server has no Schedules, so the test starts
// each run at that moment itself) every manager or supervisor with overdue work of their own or
// their team's gets one mail, once a day however often the digest runs, and nobody else gets one.
// The weekly summary goes to the department manager. The pure rules of who gets what (a team
// through superiors at any depth, role tasks, the administrator left out).
//
// On the dev server (which has Schedules): the schedules are made at worker start from the
// settings, at digest.dailyAt in Asia/Shanghai (the summary on digest.weeklyOn); a second start
// updates instead of failing; a paused schedule stays paused; and the schedule's action runs the
// dailyDigest workflow on the task queue.
import { randomUUID } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundle } from '@temporalio/worker';
import { DateTime } from 'luxon';
import type { ParsedMail } from 'mailparser';
import { loadConfig } from '../../lib/config';
import type { Db } from '../../lib/db/client';
import { dailyDigests, teamOf, type DigestPerson, type OverdueTask } from '../../lib/reports/digest';
import {
  DAILY_DIGEST_SCHEDULE,
  ensureDigestSchedules,
  ensureDigestSchedulesAtStart,
  WEEKLY_SUMMARY_SCHEDULE,
} from '../../lib/reports/schedules';
import { writeSetting } from '../../lib/settings';
import { bundleWorkflows } from '../../lib/temporal/worker';
import { createWorker } from '../../runtime/createWorker';
import { dailyDigest, weeklySummary } from '../../workflows/dailyDigest';
import { knowYearsAhead } from '../helpers/calendar';
import { openTestDb } from '../helpers/postgres';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { devServerEnv, timeSkippingEnv } from '../helpers/temporal';
import { until } from '../helpers/until';
import { writeMasterData } from './fixture';

jest.setTimeout(120_000);

const TZ = 'Asia/Shanghai';
const HOUR = 3600_000;

// Like tests/helpers/engine.ts's startEngine, on the quick master data of ./fixture; and the dev
// server with a database of its own. One workflow bundle for both.
let smtp: TestSmtpServer;
let h: { env: TestWorkflowEnvironment; db: Db; taskQueue: string };
let dev: { env: TestWorkflowEnvironment; db: Db; url: string };
let bundle: WorkflowBundle;
let worker: Worker;
let running: Promise<void>;
const closing: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  smtp = await startSmtpServer();
  const [env, devEnv, b, t, devDb] = await Promise.all([timeSkippingEnv(), devServerEnv(), bundleWorkflows(), openTestDb(), openTestDb()]);
  closing.push(
    () => env.teardown(),
    () => devEnv.teardown(),
    t.close,
    devDb.close,
  );
  bundle = b;
  await Promise.all([writeMasterData(t.db), writeMasterData(devDb.db)]);
  // The admins' calendar warning is tests/calendar/officialYear.test.ts's: here the years ahead are known.
  await Promise.all([knowYearsAhead(t.db), knowYearsAhead(devDb.db)]);
  h = { env, db: t.db, taskQueue: `digest-${randomUUID()}` };
  dev = { env: devEnv, db: devDb.db, url: devDb.url };
  worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue: h.taskQueue,
    workflowBundle: bundle,
    deps: { db: t.db, config: loadConfig({ DATABASE_URL: t.url, SMTP_URL: smtp.url }) },
  });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  for (const close of closing) await close();
  await smtp?.close();
});

/** Sleeps (skipping time) to the next 08:00 in Shanghai; returns that instant. */
async function nextMorning(): Promise<number> {
  const now = await h.env.currentTimeMs();
  let at = DateTime.fromMillis(now, { zone: TZ }).set({ hour: 8, minute: 0, second: 0, millisecond: 0 });
  if (at.toMillis() <= now) at = at.plus({ days: 1 });
  await h.env.sleep(at.toMillis() - now);
  return at.toMillis();
}

let runs = 0;
/**
 * Starts a run and waits for it by polling: awaiting its result would let the time-skipping server
 * jump ahead (to the run's ten-year timeout) and put the next run years later.
 */
async function run<T>(workflow: (input?: { at?: string }) => Promise<T>, name: string): Promise<T> {
  const handle = await h.env.client.workflow.start(workflow, { taskQueue: h.taskQueue, workflowId: `${name}-${++runs}`, args: [{}] });
  await until(
    `${handle.workflowId} finished`,
    () => handle.describe(),
    (d) => d.status.name !== 'RUNNING',
    { timeoutMs: 30_000, intervalMs: 50 },
  );
  // Not handle.result(): even on a finished run it lets the time-skipping server jump ahead.
  const { events } = await handle.fetchHistory();
  const done = events?.at(-1)?.workflowExecutionCompletedEventAttributes?.result?.payloads?.[0];
  if (!done) throw new Error(`${handle.workflowId} did not complete`);
  return defaultPayloadConverter.fromPayload<T>(done);
}
const runDigest = () => run(dailyDigest, 'digest-daily');
const toOf = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.text : '');

test('once a day at 08:00, only to managers and supervisors with overdue work of their own or their team', async () => {
  const users = Object.fromEntries((await h.db.user.findMany()).map((u) => [u.username, u]));
  // A second supervisor under the manager, with nobody below and nothing overdue: never mailed.
  await h.db.user.create({
    data: {
      username: 'supervisor2',
      name: '周主管',
      email: 'supervisor2@example.com',
      passwordHash: 'x',
      roles: ['supervisor'],
      superiorId: users.manager!.id,
    },
  });

  const day1 = await nextMorning();
  const date = (ms: number) => DateTime.fromMillis(ms, { zone: TZ }).toISODate()!;
  let n = 0;
  const overdueTask = async (username: string, dueAt: number, title: string) => {
    n += 1;
    const workflowId = `digest-fx-${n}`;
    await h.db.processInstance.create({
      data: { workflowId, processType: 'approval', processId: `p${n}`, title: `采购申请 ${n}`, submitterId: users.specialist!.id },
    });
    return h.db.task.create({
      data: {
        idempotencyKey: `digest-fx-${n}`,
        processType: 'approval',
        processId: `p${n}`,
        workflowId,
        stepKey: 's',
        title,
        assigneeId: users[username]!.id,
        dueAt: new Date(dueAt),
      },
    });
  };
  const t1 = await overdueTask('specialist', day1 + 12 * HOUR, '张专员的审批'); // overdue from day 2
  const t2 = await overdueTask('follower', day1 + 36 * HOUR, '赵跟单的审批'); // overdue from day 3
  await overdueTask('finance', day1 - HOUR, '财务的审批'); // overdue, but finance is nobody's team and no manager

  // Day 1: only finance's task is overdue: nobody is mailed.
  expect((await runDigest()).recipients).toEqual([]);
  expect(smtp.received).toHaveLength(0);

  // Day 2: the specialist's task is overdue: their supervisor and the manager above are mailed.
  const day2 = await nextMorning();
  const first = await runDigest();
  expect(first.date).toBe(date(day2));
  expect(first.recipients.map((r) => r.status)).toEqual(['sent', 'sent']);
  expect(smtp.received.map(toOf).sort()).toEqual(['"李主管" <supervisor@example.com>', '"王经理" <manager@example.com>']);
  // The same day again (a catch-up or a manual run, an hour later): nothing twice.
  await h.env.sleep(HOUR);
  const again = await runDigest();
  expect(again.recipients.map((r) => r.status)).toEqual(['already_sent', 'already_sent']);
  expect(smtp.received).toHaveLength(2);
  const toManager = smtp.received.find((m) => toOf(m).includes('manager@'))!;
  expect(toManager.subject).toBe(
    `【每日待办摘要】${DateTime.fromMillis(day2, { zone: TZ }).toFormat('yyyy年M月d日')}：您有 0 项、团队有 1 项逾期待办`,
  );
  expect(toManager.text).toMatch(/张专员的审批 +采购申请 1 +张专员 /);
  expect(toManager.html).toContain(`/#/tasks/${t1.id}/show`);
  expect(toManager.text).not.toContain('财务的审批');

  // Day 3: the specialist's task was decided; the follower's is overdue now.
  await h.db.task.update({ where: { id: t1.id }, data: { status: 'done', decidedAt: new Date(), decision: 'approve' } });
  const day3 = await nextMorning();
  const third = await runDigest();
  expect(third.recipients.map((r) => r.status)).toEqual(['sent', 'sent']);
  expect(smtp.received).toHaveLength(4);
  const day3Mail = smtp.received.slice(2);
  expect(day3Mail.map(toOf).sort()).toEqual(['"李主管" <supervisor@example.com>', '"王经理" <manager@example.com>']);
  for (const m of day3Mail) {
    expect(m.text).toContain('赵跟单的审批');
    expect(m.text).not.toContain('张专员的审批');
    expect(m.subject).toContain(DateTime.fromMillis(day3, { zone: TZ }).toFormat('yyyy年M月d日'));
  }

  // Day 4: everything of the team is done: nobody is mailed.
  await h.db.task.update({ where: { id: t2.id }, data: { status: 'done', decidedAt: new Date(), decision: 'approve' } });
  await nextMorning();
  expect((await runDigest()).recipients).toEqual([]);
  expect(smtp.received).toHaveLength(4);

  // One row per recipient and day, keyed so.
  const rows = await h.db.mailMessage.findMany({ where: { template: 'daily_digest' }, orderBy: { createdAt: 'asc' } });
  expect(rows.map((r) => r.idempotencyKey).sort()).toEqual(
    [users.supervisor!.id, users.manager!.id].flatMap((id) => [date(day2), date(day3)].map((d) => `digest:daily:${id}:${d}`)).sort(),
  );
  expect(rows.every((r) => r.status === 'sent')).toBe(true);
});

test('the weekly summary goes to the department manager, once per day it runs', async () => {
  const before = smtp.received.length;
  const result = await run(weeklySummary, 'digest-weekly');
  expect(result.recipients.map((r) => r.status)).toEqual(['sent']);
  expect((await run(weeklySummary, 'digest-weekly')).recipients.map((r) => r.status)).toEqual(['already_sent']);
  const mails = smtp.received.slice(before);
  expect(mails.map(toOf)).toEqual(['"王经理" <manager@example.com>']); // not the administrator, who holds every role
  const today = DateTime.fromISO(result.date, { zone: TZ });
  const fmt = (d: DateTime) => d.toFormat('yyyy年M月d日');
  expect(mails[0]!.subject).toBe(`【每周汇总】商品部流程周报 ${fmt(today.minus({ days: 7 }))} 至 ${fmt(today.minus({ days: 1 }))}`);
  expect(mails[0]!.text).toContain('逾期待办（当前）：1'); // finance's task
  expect(mails[0]!.text).toMatch(/^通用审批 +\d+ +\d+ +.* +1 +1$/m);
  expect(mails[0]!.text).toContain('查看报表：http://localhost:3000/#/dashboard');
});

describe('who gets what (pure rules)', () => {
  const p = (id: string, roles: string[], superiorId: string | null = null, extra: Partial<DigestPerson> = {}): DigestPerson => ({
    id,
    name: id,
    roles,
    regionId: null,
    superiorId,
    active: true,
    ...extra,
  });
  const people = [
    p('admin', ['admin', 'manager', 'supervisor']),
    p('gm', ['general_manager'], 'admin'),
    p('mgr', ['manager'], 'gm'),
    p('sup', ['supervisor'], 'mgr'),
    p('supEast', ['supervisor'], 'mgr', { regionId: 'EAST' }),
    p('spec', ['specialist'], 'sup'),
    p('junior', ['specialist'], 'spec'),
    p('gone', ['supervisor'], 'mgr', { active: false }),
    p('loopA', ['specialist'], 'loopB'),
    p('loopB', ['specialist'], 'loopA'),
  ];
  const at = new Date('2027-03-02T00:00:00Z');
  const task = (id: string, extra: Partial<OverdueTask>): OverdueTask => ({
    id,
    title: id,
    processTitle: 'P',
    processType: 'approval',
    dueAt: new Date('2027-03-01T00:00:00Z'),
    assigneeId: null,
    assigneeName: null,
    candidateRole: null,
    candidateRegionId: null,
    ...extra,
  });

  test('a team is everyone below through superiors, at any depth; a cycle in the data ends the walk', () => {
    expect([...teamOf('mgr', people)].sort()).toEqual(['gone', 'junior', 'spec', 'sup', 'supEast']);
    expect([...teamOf('sup', people)].sort()).toEqual(['junior', 'spec']);
    expect([...teamOf('loopA', people)]).toEqual(['loopB']);
  });

  test('own tasks, the team’s, role tasks by region; the administrator and inactive people get none', () => {
    const tasks = [
      task('juniorTask', { assigneeId: 'junior', assigneeName: 'junior', dueAt: new Date('2027-02-26T00:00:00Z') }),
      task('roleEast', { candidateRole: 'supervisor', candidateRegionId: 'EAST' }),
      task('mgrOwn', { assigneeId: 'mgr', assigneeName: 'mgr' }),
    ];
    const out = dailyDigests(people, tasks, at, '2027-03-02');
    const of = (id: string) => out.find((d) => d.userId === id);
    expect(out.map((d) => d.userId).sort()).toEqual(['mgr', 'sup', 'supEast']);
    expect(of('sup')!.params).toMatchObject({ ownOverdue: 0, teamOverdue: 1, reportDate: '2027-03-02' });
    expect(of('sup')!.params.digestTasks).toEqual([
      {
        processTitle: 'P',
        taskTitle: 'juniorTask',
        assigneeName: 'junior',
        role: undefined,
        dueAt: '2027-02-26T00:00:00.000Z',
        overdueDays: 4,
        mine: false,
        link: '/#/tasks/juniorTask/show',
      },
    ]);
    // The EAST supervisor may claim the EAST role task; the manager sees it as their team's.
    expect(of('supEast')!.params).toMatchObject({ ownOverdue: 1, teamOverdue: 0 });
    expect(of('mgr')!.params).toMatchObject({ ownOverdue: 1, teamOverdue: 2 });
    expect(of('mgr')!.params.digestTasks!.map((t) => [t.taskTitle, t.mine])).toEqual([
      ['mgrOwn', true],
      ['juniorTask', false],
      ['roleEast', false],
    ]);
    expect(of('mgr')!.key).toBe('digest:daily:mgr:2027-03-02');
    expect(dailyDigests(people, [], at, '2027-03-02')).toEqual([]);
  });
});

describe('the Schedules (dev server)', () => {
  const taskQueue = `digest-schedule-${randomUUID()}`;
  const config = { tzBusiness: TZ, taskQueue };
  const local = (d: Date) => DateTime.fromJSDate(d, { zone: TZ });

  test('created from the settings at worker start, updated by the next start, paused stays paused', async () => {
    await writeSetting(dev.db, 'digest.dailyAt', '07:30', null);
    await writeSetting(dev.db, 'digest.weeklyOn', 'friday', null);
    await ensureDigestSchedulesAtStart(dev.env.nativeConnection, { ...config, temporalNamespace: dev.env.namespace ?? 'default' }, dev.db);

    const daily = await dev.env.client.schedule.getHandle(DAILY_DIGEST_SCHEDULE).describe();
    expect(daily.spec.timezone).toBe(TZ);
    expect(daily.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'dailyDigest',
      taskQueue,
      workflowId: DAILY_DIGEST_SCHEDULE,
    });
    const next = daily.info.nextActionTimes;
    expect(next.length).toBeGreaterThanOrEqual(2);
    for (const d of next) expect(local(d).toFormat('HH:mm:ss')).toBe('07:30:00'); // 23:30 UTC the day before
    expect(next[1]!.getTime() - next[0]!.getTime()).toBe(24 * 3600_000);

    const weekly = await dev.env.client.schedule.getHandle(WEEKLY_SUMMARY_SCHEDULE).describe();
    expect(weekly.action).toMatchObject({ workflowType: 'weeklySummary', taskQueue });
    for (const d of weekly.info.nextActionTimes) expect(local(d).toFormat('cccc HH:mm')).toBe('Friday 07:30');

    // The setting changes and a worker starts again: the same schedule, at the new time.
    await writeSetting(dev.db, 'digest.dailyAt', '08:00', null);
    await dev.env.client.schedule.getHandle(DAILY_DIGEST_SCHEDULE).pause('paused by an operator');
    await ensureDigestSchedules(dev.env.client, config, dev.db);
    const updated = await dev.env.client.schedule.getHandle(DAILY_DIGEST_SCHEDULE).describe();
    expect(updated.state.paused).toBe(true);
    await dev.env.client.schedule.getHandle(DAILY_DIGEST_SCHEDULE).unpause();
    const resumed = await dev.env.client.schedule.getHandle(DAILY_DIGEST_SCHEDULE).describe();
    for (const d of resumed.info.nextActionTimes) expect(local(d).toFormat('HH:mm:ss')).toBe('08:00:00');
    const ids: string[] = [];
    for await (const s of dev.env.client.schedule.list()) ids.push(s.scheduleId);
    expect(ids.filter((id) => id.startsWith('digest-')).sort()).toEqual([DAILY_DIGEST_SCHEDULE, WEEKLY_SUMMARY_SCHEDULE]);
  });

  test('the schedule’s action runs dailyDigest on the worker: the overdue task’s supervisor and manager are mailed', async () => {
    const users = Object.fromEntries((await dev.db.user.findMany()).map((u) => [u.username, u.id]));
    await dev.db.processInstance.create({
      data: { workflowId: 'sched-fx', processType: 'approval', processId: 'p', title: '采购申请', submitterId: users.specialist! },
    });
    await dev.db.task.create({
      data: {
        idempotencyKey: 'sched-fx',
        processType: 'approval',
        processId: 'p',
        workflowId: 'sched-fx',
        stepKey: 's',
        title: '逾期的审批',
        assigneeId: users.specialist!,
        dueAt: new Date(Date.now() - 3600_000),
      },
    });

    const worker: Worker = await createWorker({
      connection: dev.env.nativeConnection,
      namespace: dev.env.namespace ?? 'default',
      taskQueue,
      workflowBundle: bundle,
      deps: { db: dev.db, config: loadConfig({ DATABASE_URL: dev.url }) },
    });
    await worker.runUntil(async () => {
      await dev.env.client.schedule.getHandle(DAILY_DIGEST_SCHEDULE).trigger();
      const workflowId = (await until(
        'a run started by the schedule',
        async () =>
          (await dev.env.client.schedule.getHandle(DAILY_DIGEST_SCHEDULE).describe()).info.recentActions[0]?.action.workflow.workflowId,
        Boolean,
        { timeoutMs: 30_000 },
      ))!;
      expect(workflowId.startsWith(`${DAILY_DIGEST_SCHEDULE}-`)).toBe(true);
      const result = await dev.env.client.workflow.getHandle(workflowId).result();
      expect(result.recipients.map((r: { status: string }) => r.status)).toEqual(['captured', 'captured']);
    });
    const rows = await dev.db.mailMessage.findMany({ where: { template: 'daily_digest' } });
    expect(rows.map((r) => r.to).sort()).toEqual(['manager@example.com', 'supervisor@example.com']);
    expect(rows.every((r) => r.text.includes('逾期的审批'))).toBe(true);
  });
});
