// Shipment tracking (process 3) through the HTTP API on the real workflow and the time-skipping
// Temporal server: on time and exact; late, climbing the escalation ladder rung by rung and
// stopping on arrival; silence; a new ETA resetting the clock; duplicate and out-of-order
// events; short and damaged receipts through the discrepancy task; and the ordered / shipped /
// owed report against a hand-computed fixture.
import type { Task } from '../../generated/prisma/client';
import type { EngineHarness } from '../helpers/engine';
import type { TestApi } from '../helpers/api';
import { startProcessWorld, until, type ProcessWorld } from '../helpers/processApi';

jest.setTimeout(120_000);

let w: ProcessWorld;
let h: EngineHarness;
let api: TestApi;
const as = (username: string) => w.as(username);
const HOUR = 3600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  w = await startProcessWorld();
  ({ h, api } = w);
  await h.settings({
    'reminder.leadTimes': [],
    'escalation.steps': [],
    'shipment.silenceTimeout': 'P2D',
    'shipment.escalationLadder': ['PT0S', 'P1D', 'P2D'],
  });
});
afterAll(() => w?.close());

/** A confirmed booking with its open order lines, as the booking workflow leaves it. */
async function confirmedBooking(
  franchiseeId: string,
  lines: { sku: string; size: string; qty: number }[],
  season = '2027SS',
): Promise<string> {
  const creator = h.user('specialist').id;
  const b = await h.db.booking.create({
    data: {
      franchiseeId,
      seasonCode: season,
      status: 'confirmed',
      amountFen: 0n,
      prepaymentShareBp: 3000,
      prepaymentDueFen: 0n,
      paymentDeadline: new Date(),
      quotaCheck: 'within',
      totalQty: lines.reduce((n, l) => n + l.qty, 0),
      createdById: creator,
      confirmedAt: new Date(),
      lines: { create: lines.map((l, position) => ({ position, ...l, unitPriceFen: 100, amountFen: BigInt(l.qty * 100) })) },
    },
    include: { lines: true },
  });
  for (const l of b.lines) {
    await h.db.orderLine.create({
      data: { bookingLineId: l.id, bookingId: b.id, franchiseeId, seasonCode: season, sku: l.sku, size: l.size, qty: l.qty },
    });
  }
  return b.id;
}

const clock = () => h.env.currentTimeMs();
const skip = (ms: number) => h.env.sleep(ms);
const post = (path: string, body: unknown, user = 'follower') => w.post(path, body, user);
const get = async (id: string) => (await api.request('GET', `/api/shipments/${id}`, as('follower'))).body;

const shipmentUntil = (id: string, ok: (s: any) => boolean, what = 'shipment') => until(what, () => get(id), ok); // eslint-disable-line @typescript-eslint/no-explicit-any
const tasksOf = (workflowId: string, ok: (ts: Task[]) => boolean) => h.tasks(workflowId, ok);
const openOf = (ts: Task[], stepKey: string) => ts.filter((t) => t.stepKey === stepKey && t.status === 'open');

async function ship(lines: { sku: string; size: string; qty: number }[], etaMs: number, extra: Record<string, unknown> = {}) {
  const res = await post('/api/shipments', { lines, expectedArrival: new Date(etaMs).toISOString(), ...extra });
  expect(res.status).toBe(201);
  await until(
    'tracking to start',
    () => h.db.auditEvent.count({ where: { workflowId: res.body.workflowId, type: 'started' } }),
    (n) => n === 1,
  );
  return res.body;
}
const event = (id: string, body: Record<string, unknown>) => post(`/api/shipments/${id}/events`, body);
const receipt = (id: string, lines: unknown, user = 'follower') => post(`/api/shipments/${id}/receipt`, { lines }, user);
const decide = (task: Task, user: string, decision: string, comment?: string) => w.decide(task, user, decision, comment);

test('on time and exact: dispatched → in transit → arrived → scanned in → reconciled; the order lines are received', async () => {
  const bookingId = await confirmedBooking('F002', [{ sku: '27SS-TS-001', size: 'M', qty: 100 }]);
  const t0 = await clock();
  const s = await ship([{ sku: '27SS-TS-001', size: 'M', qty: 100 }], t0 + 5 * DAY, { bookingId, externalRef: 'HO-0001' });
  expect(s).toMatchObject({
    code: expect.stringMatching(/^SH\d{6}$/),
    status: 'created',
    bookingId,
    season: '2027SS',
    delayed: false,
    escalationLevel: 0,
  });
  expect(s.lines).toEqual([expect.objectContaining({ sku: '27SS-TS-001', size: 'M', qty: 100, franchiseeId: 'F002' })]);
  expect((await event(s.id, { eventId: 'e1', type: 'dispatched', at: new Date(t0).toISOString() })).body.applied).toBe(true);
  expect(
    (await event(s.id, { eventId: 'e2', type: 'in_transit', at: new Date(t0 + HOUR).toISOString(), location: '杭州转运中心' })).body
      .shipment,
  ).toMatchObject({ status: 'in_transit', location: '杭州转运中心' });
  await skip(DAY);
  await event(s.id, { eventId: 'e3', type: 'arrived', at: new Date(t0 + DAY).toISOString() });
  const scan = openOf(await tasksOf(s.workflowId, (ts) => openOf(ts, 'scan_in').length === 1), 'scan_in')[0]!;
  expect(scan.candidateRole).toBe('follower');

  const r = await receipt(s.id, [{ sku: '27SS-TS-001', size: 'M', qty: 100 }]);
  expect(r.status).toBe(201);
  const done = await shipmentUntil(s.id, (x) => x.status === 'reconciled');
  expect(done).toMatchObject({ resolution: 'exact', delayed: false, receipt: { discrepancies: [] } });
  expect(done.lines[0]).toMatchObject({ receivedQty: 100, damagedQty: 0 });
  expect(await h.db.task.findUniqueOrThrow({ where: { id: scan.id } })).toMatchObject({ status: 'done', decision: 'received' });
  expect(await h.db.orderLine.findFirstOrThrow({ where: { bookingId } })).toMatchObject({ shippedQty: 100, receivedQty: 100 });
  const types = (await h.events(s.workflowId, (es) => es.some((e) => e.type === 'completed'))).map((e) => e.type);
  expect(types).not.toContain('delayed');
  expect((await receipt(s.id, [])).status).toBe(409);
});

test('late: the ladder is climbed rung by rung (follower, supervisor, manager), with a task and mail at each, and stops on arrival', async () => {
  const t0 = await clock();
  const s = await ship([{ sku: '27SS-SH-002', size: 'L', qty: 40 }], t0 + HOUR);
  await skip(HOUR + 60_000);
  let x = await shipmentUntil(s.id, (v) => v.escalationLevel === 1, 'rung 1');
  expect(x).toMatchObject({ delayed: true, delayReason: 'late' });
  let ts = await tasksOf(s.workflowId, (all) => openOf(all, 'delay_1').length === 1);
  expect(openOf(ts, 'delay_1')[0]!.candidateRole).toBe('follower');
  expect(openOf(ts, 'delay_2')).toHaveLength(0);

  await skip(DAY);
  x = await shipmentUntil(s.id, (v) => v.escalationLevel === 2, 'rung 2');
  ts = await tasksOf(s.workflowId, (all) => openOf(all, 'delay_2').length === 1);
  expect(openOf(ts, 'delay_2')[0]!.candidateRole).toBe('supervisor');
  // The follower answers their rung; the ladder goes on by itself.
  expect((await decide(openOf(ts, 'delay_1')[0]!, 'follower', 'followed_up', '已联系承运商')).status).toBe(200);
  await skip(DAY);
  await shipmentUntil(s.id, (v) => v.escalationLevel === 3, 'rung 3');
  ts = await tasksOf(s.workflowId, (all) => openOf(all, 'delay_3').length === 1);
  expect(openOf(ts, 'delay_3')[0]!.candidateRole).toBe('manager');
  await skip(5 * DAY);
  expect((await get(s.id)).escalationLevel).toBe(3); // the top of the ladder: no fourth rung

  await event(s.id, { eventId: 'arr', type: 'arrived', at: new Date(await clock()).toISOString() });
  x = await shipmentUntil(s.id, (v) => !v.delayed && v.status === 'arrived', 'the delay to end');
  expect(x.escalationLevel).toBe(0);
  ts = await tasksOf(s.workflowId, (all) => openOf(all, 'delay_2').length === 0 && openOf(all, 'delay_3').length === 0);
  expect(ts.filter((t) => t.stepKey.startsWith('delay_')).map((t) => [t.stepKey, t.status])).toEqual([
    ['delay_1', 'done'],
    ['delay_2', 'cancelled'],
    ['delay_3', 'cancelled'],
  ]);
  const events = await h.events(s.workflowId, (es) => es.some((e) => e.type === 'delay_cleared'));
  expect(events.filter((e) => e.type === 'escalated').map((e) => (e.detail as { level: number; role: string }).role)).toEqual([
    'follower',
    'supervisor',
    'manager',
  ]);
  expect(events.find((e) => e.type === 'delay_cleared')!.detail).toMatchObject({ reason: 'arrived', level: 3 });
  // Each rung mailed its role's holders once.
  // (The scan task that opens on arrival mails the follower too: only the rungs' mails count here.)
  const mails = await until(
    'rung mails',
    () => h.db.mailMessage.findMany({ where: { workflowId: s.workflowId, template: 'task_assigned', subject: { contains: '延误跟进' } } }),
    (ms) => ms.length >= 3,
  );
  expect(mails.map((m) => m.to).sort()).toEqual(['follower@example.com', 'manager@example.com', 'supervisor@example.com']);
});

test('announced with its arrival already past: one rung per interval from the announcement, the timeline in causal order', async () => {
  const rungMails = (wid: string) =>
    h.db.mailMessage.findMany({ where: { workflowId: wid, template: 'task_assigned', subject: { contains: '延误跟进' } } });
  const t0 = await clock();
  // Expected three days ago: the ages of every rung (0, 1 and 2 days) have passed already.
  const s = await ship([{ sku: '27SS-SH-002', size: 'M', qty: 7 }], t0 - 3 * DAY);
  await shipmentUntil(s.id, (v) => v.escalationLevel === 1, 'rung 1');
  await tasksOf(s.workflowId, (all) => openOf(all, 'delay_1').length === 1);
  await until(
    'the follower’s mail',
    () => rungMails(s.workflowId),
    (ms) => ms.length === 1,
  );

  // Just short of one interval: still rung 1 only.
  await skip(DAY - HOUR);
  expect(await get(s.id)).toMatchObject({ delayed: true, delayReason: 'late', escalationLevel: 1 });
  let ts = await tasksOf(s.workflowId, () => true);
  expect(ts.filter((t) => t.stepKey.startsWith('delay_')).map((t) => t.stepKey)).toEqual(['delay_1']);
  expect((await rungMails(s.workflowId)).map((m) => m.to)).toEqual(['follower@example.com']);

  await skip(HOUR + 60_000);
  await shipmentUntil(s.id, (v) => v.escalationLevel === 2, 'rung 2');
  await skip(DAY - 2 * HOUR);
  expect((await get(s.id)).escalationLevel).toBe(2);
  await skip(2 * HOUR);
  await shipmentUntil(s.id, (v) => v.escalationLevel === 3, 'rung 3');
  ts = await tasksOf(s.workflowId, (all) => openOf(all, 'delay_3').length === 1);
  const rungTasks = ['delay_1', 'delay_2', 'delay_3'].map((k) => ts.find((t) => t.stepKey === k)!);
  expect(rungTasks.map((t) => t.candidateRole)).toEqual(['follower', 'supervisor', 'manager']);
  const mails = await until(
    'three rung mails',
    () => rungMails(s.workflowId),
    (ms) => ms.length === 3,
  );
  expect(mails.map((m) => m.to).sort()).toEqual(['follower@example.com', 'manager@example.com', 'supervisor@example.com']);

  // The times: rung 1 at the announcement, each next rung one interval (a day) after the one below.
  const events = await h.events(s.workflowId, (es) => es.filter((e) => e.type === 'escalated').length === 3);
  const escalatedAt = events.filter((e) => e.type === 'escalated').map((e) => e.at.getTime());
  expect(escalatedAt[0]! - t0).toBeLessThan(HOUR);
  expect(escalatedAt[1]! - escalatedAt[0]!).toBeGreaterThanOrEqual(DAY);
  expect(escalatedAt[2]! - escalatedAt[1]!).toBeGreaterThanOrEqual(DAY);
  // Each rung's task opens right after its escalation, long before the next rung.
  rungTasks.forEach((t, i) => {
    expect(t.createdAt.getTime()).toBeGreaterThanOrEqual(escalatedAt[i]!);
    expect(t.createdAt.getTime()).toBeLessThan(escalatedAt[i]! + HOUR);
  });

  // The timeline: each escalation, then the task it opened, in the order they happened.
  const timeline = (await api.request('GET', `/api/processes/${s.workflowId}/timeline`, as('manager'))).body as {
    type: string;
    detail: { level?: number; stepKey?: string };
  }[];
  expect(
    timeline
      .filter((e) => ['delayed', 'escalated'].includes(e.type) || (e.type === 'task_created' && e.detail.stepKey?.startsWith('delay_')))
      .map((e) => (e.type === 'escalated' ? `escalated ${e.detail.level}` : e.type === 'task_created' ? e.detail.stepKey : e.type)),
  ).toEqual(['delayed', 'escalated 1', 'delay_1', 'escalated 2', 'delay_2', 'escalated 3', 'delay_3']);
  expect(timeline[0]!.type).toBe('started');
  await event(s.id, { eventId: 'arr', type: 'arrived', at: new Date(await clock()).toISOString() });
  await shipmentUntil(s.id, (v) => !v.delayed, 'the delay to end');
});

test('entries of one moment are on the timeline in the order the run wrote them, not the order their rows landed', async () => {
  const t0 = await clock();
  const s = await ship([{ sku: '27SS-SH-002', size: 'S', qty: 2 }], t0 + 10 * DAY);
  const started = (await h.events(s.workflowId, (es) => es.some((e) => e.type === 'started'))).find((e) => e.type === 'started')!;
  const run = started.idempotencyKey!.replace(/:\d+$/, '');
  // Two writes the workflow started one after the other without waiting (an escalation at
  // position 1001, the task it opens at 1002), committed the other way round: 1002's row first.
  const at = new Date(started.at.getTime() + HOUR);
  const row = (n: number, type: string) => ({
    idempotencyKey: `${run}:${n}`,
    workflowId: s.workflowId,
    processType: 'shipment',
    processId: s.id,
    type,
    at,
    detail: { n },
  });
  await h.db.auditEvent.create({ data: row(1002, 'task_created') });
  await h.db.auditEvent.create({ data: row(1001, 'escalated') });
  const timeline = (await api.request('GET', `/api/processes/${s.workflowId}/timeline`, as('manager'))).body as {
    type: string;
    at: string;
    detail: { n?: number };
  }[];
  expect(timeline.filter((e) => e.at === at.toISOString()).map((e) => [e.type, e.detail.n])).toEqual([
    ['escalated', 1001],
    ['task_created', 1002],
  ]);
  expect(timeline[0]!.type).toBe('started');
});

test('silence: nothing heard for shipment.silenceTimeout is a delay; the next event ends it', async () => {
  const t0 = await clock();
  const s = await ship([{ sku: '27SS-PT-004', size: 'S', qty: 10 }], t0 + 30 * DAY);
  await event(s.id, { eventId: 'd', type: 'dispatched', at: new Date(t0).toISOString() });
  await skip(DAY);
  expect((await get(s.id)).delayed).toBe(false);
  await skip(DAY + HOUR);
  const x = await shipmentUntil(s.id, (v) => v.delayed, 'silence');
  expect(x).toMatchObject({ delayReason: 'silent', escalationLevel: 1 });
  await event(s.id, { eventId: 'moved', type: 'in_transit', at: new Date(await clock()).toISOString(), location: '武汉' });
  await shipmentUntil(s.id, (v) => !v.delayed && v.escalationLevel === 0, 'the delay to end');
  const cleared = (await h.events(s.workflowId, (es) => es.some((e) => e.type === 'delay_cleared'))).find(
    (e) => e.type === 'delay_cleared',
  )!;
  expect(cleared.detail).toMatchObject({ reason: 'moved' });
  await tasksOf(s.workflowId, (all) => openOf(all, 'delay_1').length === 0);
});

test('a new expected arrival from head office resets the clock', async () => {
  const t0 = await clock();
  const s = await ship([{ sku: '27SS-DR-003', size: 'S', qty: 5 }], t0 + HOUR);
  await skip(HOUR + DAY + 60_000);
  await shipmentUntil(s.id, (v) => v.escalationLevel === 2, 'rung 2');
  const eta = (await clock()) + DAY; // within the silence timeout: only lateness can start the next delay
  const res = await event(s.id, {
    eventId: 'eta-1',
    type: 'eta_changed',
    at: new Date(await clock()).toISOString(),
    expectedArrival: new Date(eta).toISOString(),
  });
  expect(res.body.applied).toBe(true);
  const x = await shipmentUntil(s.id, (v) => !v.delayed, 'the reset');
  expect(x).toMatchObject({ escalationLevel: 0, expectedArrival: new Date(eta).toISOString() });
  expect(
    (await h.events(s.workflowId, (es) => es.some((e) => e.type === 'delay_cleared'))).find((e) => e.type === 'delay_cleared')!.detail,
  ).toMatchObject({ reason: 'new_eta' });
  await tasksOf(s.workflowId, (all) => all.filter((t) => t.stepKey.startsWith('delay_')).every((t) => t.status === 'cancelled'));
  // The new ETA passes too: the ladder starts again from the bottom.
  await skip(DAY + 60_000);
  await shipmentUntil(s.id, (v) => v.delayed && v.escalationLevel === 1, 'a new delay at rung 1');
});

test('duplicate events change nothing; an older event is kept but does not move the status or location back', async () => {
  const t0 = await clock();
  const s = await ship([{ sku: '27SS-TS-001', size: 'L', qty: 3 }], t0 + 10 * DAY);
  const at = (h: number) => new Date(t0 + h * HOUR).toISOString();
  await event(s.id, { eventId: 'a', type: 'dispatched', at: at(1) });
  await event(s.id, { eventId: 'c', type: 'in_transit', at: at(5), location: '南京' });
  const older = await event(s.id, { eventId: 'b', type: 'in_transit', at: at(3), location: '苏州' });
  expect(older.body).toMatchObject({ duplicate: false, applied: false, shipment: { status: 'in_transit', location: '南京' } });
  const dup = await event(s.id, { eventId: 'c', type: 'in_transit', at: at(5), location: '南京' });
  expect(dup.body).toMatchObject({ duplicate: true, applied: false });
  await event(s.id, { eventId: 'd', type: 'arrived', at: at(8) });
  const late = await event(s.id, { eventId: 'e', type: 'in_transit', at: at(6), location: '无锡' });
  expect(late.body).toMatchObject({ applied: false, shipment: { status: 'arrived', location: '南京' } });
  const x = await get(s.id);
  expect(x.events.map((e: { eventId: string; applied: boolean }) => [e.eventId, e.applied])).toEqual([
    ['a', true],
    ['b', false],
    ['c', true],
    ['e', false],
    ['d', true],
  ]);
  expect(await h.db.shipmentEvent.count({ where: { shipmentId: s.id } })).toBe(5);
  expect((await event(s.id, { type: 'teleported', at: at(9) })).status).toBe(422);
  expect((await event(s.id, { eventId: 'x', type: 'eta_changed', at: at(9) })).status).toBe(422);
  expect(
    (await api.request('POST', `/api/shipments/${s.id}/events`, { ...as('finance'), body: { type: 'arrived', at: at(9) } })).status,
  ).toBe(403);
});

test('short, then recounted and damaged: discrepancy tasks for the supervisor; a claim ends it; order lines get the good units', async () => {
  const bookingId = await confirmedBooking('F003', [
    { sku: '27SS-PT-004', size: 'M', qty: 60 },
    { sku: '27SS-PT-004', size: 'L', qty: 40 },
  ]);
  const t0 = await clock();
  const s = await ship(
    [
      { sku: '27SS-PT-004', size: 'M', qty: 60 },
      { sku: '27SS-PT-004', size: 'L', qty: 40 },
    ],
    t0 + 2 * DAY,
    { bookingId },
  );
  await event(s.id, { eventId: 'arr', type: 'arrived', at: new Date(t0 + DAY).toISOString() });
  await tasksOf(s.workflowId, (ts) => openOf(ts, 'scan_in').length === 1);
  // Short by 5 on M, and a size that was not shipped.
  await receipt(s.id, [
    { sku: '27SS-PT-004', size: 'M', qty: 55 },
    { sku: '27SS-PT-004', size: 'L', qty: 40 },
    { sku: '27SS-PT-004', size: 'XL', qty: 2 },
  ]);
  let x = await shipmentUntil(s.id, (v) => v.status === 'received');
  expect(x.receipt.discrepancies).toEqual([
    { sku: '27SS-PT-004', size: 'M', kind: 'short', expected: 60, received: 55, damaged: 0 },
    { sku: '27SS-PT-004', size: 'XL', kind: 'wrong_item', expected: 0, received: 2, damaged: 0 },
  ]);
  let task = openOf(await tasksOf(s.workflowId, (ts) => openOf(ts, 'discrepancy').length === 1), 'discrepancy')[0]!;
  expect(task).toMatchObject({ candidateRole: 'supervisor', allowedDecisions: ['accept', 'claim', 'recount'] });
  expect((await receipt(s.id, [{ sku: '27SS-PT-004', size: 'M', qty: 60 }])).body.error.code).toBe('receipt_exists');
  expect((await decide(task, 'supervisor', 'recount')).status).toBe(422); // a recount says why
  expect((await decide(task, 'follower', 'accept')).status).toBe(403);
  expect((await decide(task, 'supervisor', 'recount', '请重新清点 M 码')).status).toBe(200);

  // The recount: every unit there, but 3 of L damaged.
  await tasksOf(s.workflowId, (ts) => openOf(ts, 'scan_in').length === 1);
  expect(
    (
      await receipt(s.id, [
        { sku: '27SS-PT-004', size: 'M', qty: 60 },
        { sku: '27SS-PT-004', size: 'L', qty: 40, damaged: 3 },
      ])
    ).status,
  ).toBe(201);
  task = openOf(await tasksOf(s.workflowId, (ts) => openOf(ts, 'discrepancy').length === 1), 'discrepancy')[0]!;
  x = await get(s.id);
  expect(x.receipt).toMatchObject({
    number: 2,
    discrepancies: [{ sku: '27SS-PT-004', size: 'L', kind: 'damaged', expected: 40, received: 40, damaged: 3 }],
  });
  expect((await decide(task, 'supervisor', 'claim', '向总公司索赔 3 件破损')).status).toBe(200);
  x = await shipmentUntil(s.id, (v) => v.status === 'reconciled');
  expect(x).toMatchObject({ resolution: 'claimed', resolutionNote: '向总公司索赔 3 件破损' });
  expect(x.lines.map((l: { size: string; receivedQty: number; damagedQty: number }) => [l.size, l.receivedQty, l.damagedQty])).toEqual([
    ['M', 60, 0],
    ['L', 40, 3],
  ]);
  const ol = await h.db.orderLine.findMany({ where: { bookingId }, orderBy: { size: 'asc' } });
  expect(ol.map((o) => [o.size, o.shippedQty, o.receivedQty])).toEqual([
    ['L', 40, 37],
    ['M', 60, 60],
  ]);
});

test('ordered / shipped / owed (期货订、发、欠) per franchisee and SKU match a hand-computed fixture', async () => {
  // Season 2027AW keeps this fixture apart from the other tests' order lines.
  await h.db.season.create({
    data: { code: '2027AW', name: '2027 秋冬', startsOn: new Date('2027-08-01'), endsOn: new Date('2028-01-31') },
  });
  await h.db.product.create({
    data: {
      sku: '27AW-CT-101',
      name: '羊毛大衣',
      category: '外套',
      seasonCode: '2027AW',
      wholesalePriceFen: 59_900,
      retailPriceFen: 129_900,
      sizes: { create: [{ size: 'M' }, { size: 'L' }] },
    },
  });
  await h.db.product.create({
    data: {
      sku: '27AW-KN-102',
      name: '针织开衫',
      category: '针织',
      seasonCode: '2027AW',
      wholesalePriceFen: 19_900,
      retailPriceFen: 45_900,
      sizes: { create: [{ size: 'M' }] },
    },
  });
  const mk = async (f: string, lines: { sku: string; size: string; qty: number }[]) => {
    await confirmedBooking(f, lines, '2027AW');
    await new Promise((r) => setTimeout(r, 20)); // distinct createdAt: F001's lines are older
  };
  // F001 ordered CT M 30, CT L 20, KN M 50; F002 ordered CT M 40.
  await mk('F001', [
    { sku: '27AW-CT-101', size: 'M', qty: 30 },
    { sku: '27AW-CT-101', size: 'L', qty: 20 },
    { sku: '27AW-KN-102', size: 'M', qty: 50 },
  ]);
  await mk('F002', [{ sku: '27AW-CT-101', size: 'M', qty: 40 }]);
  const t0 = await clock();
  // Shipment 1: CT M 45 → F001 30 (older order first), F002 15; KN M 50 → F001 50.
  const s1 = await ship(
    [
      { sku: '27AW-CT-101', size: 'M', qty: 45 },
      { sku: '27AW-KN-102', size: 'M', qty: 50 },
    ],
    t0 + 10 * DAY,
  );
  expect(s1.lines.map((l: { size: string; qty: number; franchiseeId: string }) => [l.size, l.qty, l.franchiseeId])).toEqual([
    ['M', 30, 'F001'],
    ['M', 15, 'F002'],
    ['M', 50, 'F001'],
  ]);
  // Shipment 2: CT M 30 → F002 25 and 5 not ordered by anyone; CT L 8 → F001 8.
  const s2 = await ship(
    [
      { sku: '27AW-CT-101', size: 'M', qty: 30 },
      { sku: '27AW-CT-101', size: 'L', qty: 8 },
    ],
    t0 + 10 * DAY,
  );
  expect(s2.lines.map((l: { qty: number; franchiseeId: string | null }) => [l.qty, l.franchiseeId])).toEqual([
    [25, 'F002'],
    [5, null],
    [8, 'F001'],
  ]);
  // Shipment 1 is received exactly; shipment 2 is still on the way.
  await event(s1.id, { eventId: 'a', type: 'arrived', at: new Date(t0).toISOString() });
  await receipt(s1.id, [
    { sku: '27AW-CT-101', size: 'M', qty: 45 },
    { sku: '27AW-KN-102', size: 'M', qty: 50 },
  ]);
  await shipmentUntil(s1.id, (v) => v.status === 'reconciled');

  const report = (await api.request('GET', '/api/reports/order-balance?season=2027AW', as('manager'))).body;
  // By hand: F001 CT ordered 50, shipped 30 + 8 = 38, owed 12, received 30; F001 KN 50/50/0/50;
  // F002 CT ordered 40, shipped 15 + 25 = 40, owed 0, received 15.
  expect(report.rows).toEqual([
    {
      franchiseeId: 'F001',
      franchiseeName: '杭州西湖加盟店',
      sku: '27AW-CT-101',
      productName: '羊毛大衣',
      orderedQty: 50,
      shippedQty: 38,
      owedQty: 12,
      receivedQty: 30,
    },
    {
      franchiseeId: 'F001',
      franchiseeName: '杭州西湖加盟店',
      sku: '27AW-KN-102',
      productName: '针织开衫',
      orderedQty: 50,
      shippedQty: 50,
      owedQty: 0,
      receivedQty: 50,
    },
    {
      franchiseeId: 'F002',
      franchiseeName: '广州天河加盟店',
      sku: '27AW-CT-101',
      productName: '羊毛大衣',
      orderedQty: 40,
      shippedQty: 40,
      owedQty: 0,
      receivedQty: 15,
    },
  ]);
  expect(report.totals).toEqual({ orderedQty: 140, shippedQty: 128, owedQty: 12, receivedQty: 95 });
  const csv = await fetch(`${api.url}/api/reports/order-balance?season=2027AW&format=csv`, {
    headers: { authorization: `Bearer ${w.as('manager').token}` },
  });
  expect(csv.status).toBe(200);
  expect(await csv.text()).toContain('羊毛大衣');
  // The in-transit and delayed lists.
  const open = (
    await api.request('GET', `/api/shipments?filter=${encodeURIComponent(JSON.stringify({ open: true, season: '2027AW' }))}`, as('manager'))
  ).body;
  expect(open.map((x: { id: string }) => x.id)).toEqual([s2.id]);
});

test('bad shipments are refused with the field named', async () => {
  const res = await post('/api/shipments', {
    lines: [
      { sku: 'NOPE', size: 'M', qty: 1 },
      { sku: '27SS-TS-001', size: 'XXL', qty: 1 },
    ],
    expectedArrival: 'soon',
  });
  expect(res.status).toBe(422);
  expect(res.body.error.details).toHaveProperty('expectedArrival');
  const res2 = await post('/api/shipments', {
    lines: [
      { sku: 'NOPE', size: 'M', qty: 1 },
      { sku: '27SS-TS-001', size: 'XXL', qty: 1 },
    ],
    expectedArrival: '2027-03-10',
  });
  expect(res2.body.error.details).toEqual({ 'lines.0.sku': 'no such SKU NOPE', 'lines.1.size': '27SS-TS-001 has no size XXL' });
  expect(
    (await post('/api/shipments', { lines: [{ sku: '27SS-TS-001', size: 'M', qty: 1 }], expectedArrival: '2027-03-10' }, 'finance')).status,
  ).toBe(403);
});

test('head office’s shipping list creates one shipment per 发货单号, once', async () => {
  const bookingId = await confirmedBooking('F001', [{ sku: '27SS-SH-002', size: 'S', qty: 12 }]);
  const code = (await h.db.booking.findUniqueOrThrow({ where: { id: bookingId } })).seq;
  const csv = `发货单号,款号,尺码,数量,预计到货,订单号\nHO-9001,27SS-SH-002,S,12,2027-03-20,BK${String(code).padStart(6, '0')}\nHO-9002,27SS-TS-001,M,5,2027-03-22,\nHO-9002,27SS-TS-001,L,5,2027-03-22,\n`;
  const upload = async (body: string) => {
    const res = await fetch(`${api.url}/api/shipments/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.as('follower').token}`, 'content-type': 'text/csv' },
      body,
    });
    return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const first = await upload(csv);
  expect(first.status).toBe(201);
  expect(
    first.body.shipments.map((s: { externalRef: string; totalQty: number; bookingId: string | null }) => [
      s.externalRef,
      s.totalQty,
      s.bookingId,
    ]),
  ).toEqual([
    ['HO-9001', 12, bookingId],
    ['HO-9002', 10, null],
  ]);
  // 预计到货 2027-03-20: the end of that day in Asia/Shanghai.
  expect(first.body.shipments[0].expectedArrival).toBe('2027-03-20T15:59:59.999Z');
  const again = await upload(csv);
  expect(again.status).toBe(201);
  expect(again.body).toEqual({ shipments: [], skipped: ['HO-9001', 'HO-9002'] });
  const bad = await upload('发货单号,款号,尺码,数量,预计到货\nHO-9003,NOPE,S,1,2027-03-20\n');
  expect(bad.status).toBe(422);
  expect(bad.body.error.details).toEqual({ 'rows.2.sku': 'no such SKU NOPE' });
});

test('the scan task is closed by the receipt, not by a decision; the timeline starts with the start', async () => {
  const t0 = await clock();
  const s = await post('/api/shipments', {
    lines: [{ sku: '27SS-TS-001', size: 'S', qty: 1 }],
    expectedArrival: new Date(t0 + DAY).toISOString(),
  });
  // An event sent the moment the shipment exists still comes after 'started' on the timeline.
  await event(s.body.id, { eventId: 'now', type: 'arrived', at: new Date(t0).toISOString() });
  const scan = openOf(await tasksOf(s.body.workflowId, (ts) => openOf(ts, 'scan_in').length === 1), 'scan_in')[0]!;
  const refused = await decide(scan, 'follower', 'received');
  expect(refused.status).toBe(422);
  const types = (await h.events(s.body.workflowId)).map((e) => e.type);
  expect(types[0]).toBe('started');
});
