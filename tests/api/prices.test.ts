// Price adjustment (process 4) through the HTTP API on the real workflow, the time-skipping
// Temporal server and a real SMTP server: approved in time → finance and the store manager
// notified (one mail each) before arrival → the price takes effect on its date with history;
// late approval escalates; too late without the urgent flag → 422; an unacknowledged notice is
// reminded before arrival; a later proposal supersedes a pending one only explicitly.
import { DateTime } from 'luxon';
import type { EngineHarness } from '../helpers/engine';
import type { TestApi } from '../helpers/api';
import { startProcessWorld, until, type ProcessWorld } from '../helpers/processApi';
import type { TestSmtpServer } from '../helpers/smtp';

jest.setTimeout(120_000);

let w: ProcessWorld;
let h: EngineHarness;
let api: TestApi;
let smtp: TestSmtpServer;
const as = (username: string) => w.as(username);
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ZONE = 'Asia/Shanghai';

beforeAll(async () => {
  w = await startProcessWorld({ smtp: true });
  ({ h, api } = w);
  smtp = w.smtp!;
  // Clock-time reminders and escalation, so the test does not depend on the holiday calendar.
  await h.settings({ 'reminder.leadTimes': ['PT12H'], 'escalation.steps': ['PT1H'], 'price.approvalLeadDays': 3 });
});
afterAll(() => w?.close());

const dateIn = (ms: number, days: number) => DateTime.fromMillis(ms, { zone: ZONE }).plus({ days }).toISODate()!;
const propose = (body: Record<string, unknown>, user = 'specialist') =>
  api.request('POST', '/api/price-adjustments', { ...as(user), body: { reason: '库龄超过 180 天，配发前降价', ...body } });
const get = async (id: string) => (await api.request('GET', `/api/price-adjustments/${id}`, as('specialist'))).body;
const decide = (taskId: string, user: string, decision: string, comment?: string) =>
  api.request('POST', `/api/tasks/${taskId}/decision`, { ...as(user), body: { decision, comment } });
const skip = (ms: number) => h.env.sleep(ms);

const openTask = (workflowId: string, stepKey: string) => w.openTask(workflowId, stepKey);
const statusOf = (id: string, status: string) =>
  until(
    `adjustment ${status}`,
    () => get(id),
    (a) => a.status === status,
  );
const mailsTo = (addr: string, subject: RegExp) =>
  smtp.received.filter((m) => m.to && 'text' in m.to && m.to.text.includes(addr) && subject.test(m.subject ?? ''));

test('the proposal form’s grounds: stock age, stock on hand, sell-through and a suggested price from the markdown rule', async () => {
  const res = await api.request('GET', '/api/price-adjustments/context?sku=27SS-TS-001&storeIds=S001,S002', as('specialist'));
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ sku: '27SS-TS-001', retailPriceFen: 19_900, stockAgeDays: 200, suggestedPriceFen: 13_900 }); // 200 days: 30 % off, ¥139.30 → ¥139
  expect(res.body.stores).toEqual([
    {
      storeId: 'S001',
      storeName: '上海南京路直营店',
      currentPriceFen: 19_900,
      onHand: 120,
      stockAgeDays: 200,
      soldQty: 80,
      sellThroughBp: 4000,
      suggestedPriceFen: 13_900,
    },
    {
      storeId: 'S002',
      storeName: '深圳万象城直营店',
      currentPriceFen: 19_900,
      onHand: 60,
      stockAgeDays: 40,
      soldQty: 140,
      sellThroughBp: 7000,
      suggestedPriceFen: 19_900,
    },
  ]);
});

test('inside the three-day window: 422 too_late without the urgent flag; urgent goes straight to the manager', async () => {
  const now = Date.now(); // the API checks against its own clock
  const body = { sku: '27SS-DR-003', newPriceFen: 49_900, allocationDate: dateIn(now, 2), arrivalDate: dateIn(now, 4), storeIds: ['S002'] };
  const late = await propose(body);
  expect(late.status).toBe(422);
  expect(late.body.error).toMatchObject({ code: 'too_late', details: { urgent: expect.any(String) } });
  expect(await h.db.priceAdjustment.count()).toBe(0);
  const past = await propose({ ...body, allocationDate: dateIn(now, -3), arrivalDate: dateIn(now, -1), urgent: true });
  expect(past.body.error.code).toBe('too_late');

  const urgent = await propose({ ...body, urgent: true });
  expect(urgent.status).toBe(201);
  expect(urgent.body).toMatchObject({ urgent: true, status: 'pending_approval' });
  const task = await openTask(urgent.body.workflowId, 'manager');
  expect(task.candidateRole).toBe('manager');
  expect((await decide(task.id, 'manager', 'reject', '价格过低')).status).toBe(200);
  const rejected = await statusOf(urgent.body.id, 'rejected');
  expect(rejected.decisionNote).toBe('价格过低');
  // Rejected: nothing changes.
  expect(await h.db.priceChange.count()).toBe(0);
});

test('approved in time → finance and the store manager notified once, before arrival → effective on its date, with history', async () => {
  const t0 = await h.env.currentTimeMs();
  const res = await propose({
    lines: [{ sku: '27SS-TS-001', newPriceFen: 13_900 }],
    allocationDate: dateIn(t0, 10),
    arrivalDate: dateIn(t0, 12),
    storeIds: ['S001', 'S002'],
  });
  expect(res.status).toBe(201);
  const a = res.body;
  expect(a).toMatchObject({
    code: expect.stringMatching(/^PA\d{6}$/),
    status: 'pending_approval',
    effectiveDate: dateIn(t0, 12),
    storeNames: ['上海南京路直营店', '深圳万象城直营店'],
  });
  expect(a.lines).toEqual([
    { sku: '27SS-TS-001', productName: '纯棉圆领T恤', oldPriceFen: 19_900, newPriceFen: 13_900, suggestedPriceFen: 13_900 },
  ]);
  expect(DateTime.fromISO(a.approvalDueAt, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm')).toBe(`${dateIn(t0, 7)} 23:59`);

  const approval = await openTask(a.workflowId, 'superior');
  expect(approval.candidateRole ?? approval.assigneeId).toBe(h.user('supervisor').id); // the specialist's superior
  expect((await decide(approval.id, 'supervisor', 'approve')).status).toBe(200);
  await statusOf(a.id, 'approved');
  const finance = await openTask(a.workflowId, 'notify_finance');
  const store = await openTask(a.workflowId, 'notify_store:S001');
  expect(finance.candidateRole).toBe('finance');
  expect(store.assigneeId).toBe(h.user('store1').id);
  const events = await h.events(a.workflowId, (es) => es.some((e) => e.type === 'notify_skipped'));
  expect(events.find((e) => e.type === 'notify_skipped')!.detail).toMatchObject({ storeId: 'S002' }); // S002 has no store manager user
  expect(Date.parse(finance.createdAt.toISOString())).toBeLessThan(Date.parse(a.notifyBy));

  expect((await decide(store.id, 'store1', 'acknowledge')).status).toBe(200);
  expect((await decide(finance.id, 'store1', 'acknowledge')).status).toBe(403);
  expect((await decide(finance.id, 'finance', 'acknowledge')).status).toBe(200);
  const acked = await until(
    'acknowledgements',
    () => get(a.id),
    (x) => x.notifications.every((n: { acknowledgedAt: string | null }) => n.acknowledgedAt),
  );
  expect(
    acked.notifications.map((n: { kind: string; storeId: string | null; acknowledgedByName: string }) => [
      n.kind,
      n.storeId,
      n.acknowledgedByName,
    ]),
  ).toEqual([
    ['finance', null, '钱财务'],
    ['store', 'S001', '孙店长'],
  ]);

  // Not yet in effect before its date; in effect from the start of it.
  const before = (await api.request('GET', '/api/prices?sku=27SS-TS-001&storeId=S001', as('store1'))).body;
  expect(before[0]).toMatchObject({ currentPriceFen: 19_900 });
  await skip(13 * DAY);
  await statusOf(a.id, 'effective');
  const prices = (await api.request('GET', '/api/prices?sku=27SS-TS-001', as('specialist'))).body;
  const s1 = prices.find((p: { storeId: string }) => p.storeId === 'S001');
  expect(s1.history).toEqual([
    {
      kind: 'regular',
      priceFen: 13_900,
      previousFen: 19_900,
      effectiveAt: DateTime.fromISO(dateIn(t0, 12), { zone: ZONE }).toUTC().toISO(),
      endsAt: null,
      adjustmentCode: a.code,
      note: null,
      pending: expect.any(Boolean),
    },
  ]);
  expect(prices.find((p: { storeId: string }) => p.storeId === 'S002').history).toHaveLength(1);
  expect(prices.find((p: { storeId: string }) => p.storeId === 'S003').history).toHaveLength(0);

  // One notice each: finance and the store manager.
  await until(
    'the notices',
    async () => mailsTo('finance@example.com', /调价通知/).length + mailsTo('store1@example.com', /调价通知/).length,
    (n) => n >= 2,
  );
  expect(mailsTo('finance@example.com', /调价通知/).filter((m) => m.text?.includes(a.code))).toHaveLength(1);
  expect(mailsTo('store1@example.com', /调价通知/).filter((m) => m.text?.includes(a.code))).toHaveLength(1);
  await until(
    'the process to end',
    () => h.db.processInstance.findUniqueOrThrow({ where: { workflowId: a.workflowId } }),
    (p) => p.status === 'completed',
  );
});

test('approval later than the lead days escalates to the approver’s superior, and is recorded as late', async () => {
  const t0 = await h.env.currentTimeMs();
  const res = await propose({
    sku: '27SS-SH-002',
    newPriceFen: 25_900,
    allocationDate: dateIn(t0, 5),
    arrivalDate: dateIn(t0, 8),
    storeIds: ['S002'],
  });
  expect(res.status).toBe(201);
  const task = await openTask(res.body.workflowId, 'superior');
  await skip(3 * DAY + 2 * HOUR); // past the end of allocation − 3 days, and an hour more
  const escalated = await h.events(res.body.workflowId, (es) => es.some((e) => e.type === 'escalated'));
  expect(escalated.find((e) => e.type === 'escalated')!.detail).toMatchObject({
    taskId: task.id,
    level: 1,
    action: 'notified',
    toUserId: h.user('manager').id,
  });
  expect((await decide(task.id, 'supervisor', 'approve')).status).toBe(200);
  await h.events(res.body.workflowId, (es) => es.some((e) => e.type === 'approved_late'));
});

test('an unacknowledged notice is reminded before the goods arrive', async () => {
  const t0 = await h.env.currentTimeMs();
  const res = await propose({
    sku: '27SS-DR-003',
    newPriceFen: 19_900,
    allocationDate: dateIn(t0, 6),
    arrivalDate: dateIn(t0, 8),
    storeIds: ['S001'],
  });
  const approval = await openTask(res.body.workflowId, 'superior');
  await decide(approval.id, 'supervisor', 'approve');
  const store = await openTask(res.body.workflowId, 'notify_store:S001');
  await skip(8 * DAY); // to the arrival: the reminder fires 12 hours before it
  const reminders = (await h.events(res.body.workflowId, (es) => es.some((e) => e.type === 'reminder_sent'))).filter(
    (e) => e.type === 'reminder_sent',
  );
  const forStore = reminders.filter((e) => (e.detail as { taskId: string }).taskId === store.id);
  expect(forStore).toHaveLength(1);
  expect(forStore[0]!.at.getTime()).toBeLessThan(Date.parse(res.body.notifyBy));
  await until(
    'the reminder mail',
    async () => mailsTo('store1@example.com', /提醒/).length,
    (n) => n >= 1,
  );
});

test('a later proposal for a pending SKU and store is refused unless it supersedes it; the superseded one tells who was notified', async () => {
  const t0 = await h.env.currentTimeMs();
  const first = await propose({
    sku: '27SS-PT-004',
    newPriceFen: 25_900,
    allocationDate: dateIn(t0, 10),
    arrivalDate: dateIn(t0, 12),
    storeIds: ['S001', 'S003'],
  });
  const approval = await openTask(first.body.workflowId, 'superior');
  await decide(approval.id, 'supervisor', 'approve');
  await openTask(first.body.workflowId, 'notify_store:S001');

  const blocked = await propose({
    sku: '27SS-PT-004',
    newPriceFen: 22_900,
    allocationDate: dateIn(t0, 10),
    arrivalDate: dateIn(t0, 12),
    storeIds: ['S001'],
  });
  expect(blocked.status).toBe(409);
  expect(blocked.body.error).toMatchObject({ code: 'pending_adjustment', details: { adjustmentId: first.body.id } });
  // Another SKU, or another store, is not blocked.
  expect(
    (
      await propose({
        sku: '27SS-TS-001',
        newPriceFen: 15_900,
        allocationDate: dateIn(t0, 10),
        arrivalDate: dateIn(t0, 12),
        storeIds: ['S003'],
      })
    ).status,
  ).toBe(201);

  const second = await propose({
    sku: '27SS-PT-004',
    newPriceFen: 22_900,
    allocationDate: dateIn(t0, 10),
    arrivalDate: dateIn(t0, 12),
    storeIds: ['S001'],
    supersedes: first.body.id,
  });
  expect(second.status).toBe(201);
  const old = await statusOf(first.body.id, 'superseded');
  expect(old).toMatchObject({ supersededBy: second.body.id, supersededByCode: second.body.code });
  await h.tasks(first.body.workflowId, (ts) => ts.every((t) => t.status !== 'open'));
  await until(
    'the voiding mail',
    async () => mailsTo('store1@example.com', /调价作废/).length,
    (n) => n === 1,
  );
  expect(mailsTo('store1@example.com', /调价作废/)[0]!.text).toContain(second.body.code);
  // It never takes effect.
  await skip(13 * DAY);
  expect(await h.db.priceChange.count({ where: { adjustmentId: first.body.id } })).toBe(0);
});
