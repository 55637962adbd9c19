// One answer, one truth: when the API answers 2xx to an act, the very next request, by anyone
// and with no wait in between, sees its effect. Per process type, REPEATS times: act, then at
// once act on the result (or read it). Any refusal or stale read fails the test with its list.
//   plans         send back → edit → resubmit → the approver's task is in the inbox
//   approvals     start → first task in the inbox; approve → the next approver decides at once
//   bookings      payment → the booking shows it (the last one: confirmed)
//   shipments     event → the shipment shows it; arrival → scan task; receipt → reconciled
//   prices        propose (superseding the last) → approve → notices open, the last superseded
//   clearances    request → the manager's task; approve → approved
import { DateTime } from 'luxon';
import type { EngineHarness } from '../helpers/engine';
import type { TestApi } from '../helpers/api';
import { startProcessWorld, type ProcessWorld } from '../helpers/processApi';

jest.setTimeout(300_000);

const REPEATS = Number(process.env.RYW_REPEATS ?? 100);
const ZONE = 'Asia/Shanghai';

let w: ProcessWorld;
let h: EngineHarness;
let api: TestApi;

beforeAll(async () => {
  w = await startProcessWorld();
  ({ h, api } = w);
  await h.settings({ 'reminder.leadTimes': [], 'escalation.steps': [], 'booking.reminderLeadTimes': [] });
  await h.db.franchisee.create({
    data: {
      id: 'RYW1',
      name: '即读加盟商',
      regionId: 'EAST',
      email: 'ryw1@example.com',
      quotas: { create: { seasonCode: '2027SS', quotaFen: 50_000_000n } },
    },
  });
});
afterAll(() => w?.close());

/** What went wrong, each with the repetition it happened in; the test expects none. */
let misses: string[] = [];
beforeEach(() => {
  misses = [];
});
function expectSeen(ok: boolean, what: string): void {
  if (!ok) misses.push(what);
}

const call = (method: string, path: string, user: string, body?: unknown) =>
  api.request(method, path, { ...w.as(user), ...(body === undefined ? {} : { body }) });
/** Fails at once on a refused act: the rest of the loop would only repeat it. */
async function act(method: string, path: string, user: string, body: unknown, want: number, what: string) {
  const res = await call(method, path, user, body);
  if (res.status !== want) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)} (misses so far: ${JSON.stringify(misses)})`);
  return res.body;
}
/** The user's open tasks of one process, as the inbox asks for them. */
async function inbox(user: string, workflowId: string): Promise<{ id: string; stepKey: string }[]> {
  const filter = encodeURIComponent(JSON.stringify({ mine: true, status: 'open', workflowId }));
  return (await call('GET', `/api/tasks?filter=${filter}`, user)).body;
}

test(`plans: send back → edit → resubmit, ${REPEATS} times, each at once`, async () => {
  const lines = (qty: number) => [{ category: 'T恤', regionId: 'EAST', qty, amountFen: qty * 8_900 }];
  const plan = await act(
    'POST',
    '/api/plans',
    'specialist',
    { season: '2027SS', type: 'purchase', title: '即读采买计划', lines: lines(100) },
    201,
    'create',
  );
  const submitted = await act('POST', `/api/plans/${plan.id}/submit`, 'specialist', {}, 200, 'submit');
  expect(submitted.status).toBe('submitted');
  for (let i = 0; i < REPEATS; i++) {
    const [task] = (await inbox('supervisor', plan.workflowId)).filter((t) => t.stepKey === 'supervisor');
    expectSeen(!!task, `round ${i}: the supervisor's task not in the inbox after the (re)submit`);
    if (!task) break;
    await act(
      'POST',
      `/api/tasks/${task.id}/decision`,
      'supervisor',
      { decision: 'send_back', comment: `第${i + 1}次退回` },
      200,
      `round ${i}: send back`,
    );
    const edited = await call('PUT', `/api/plans/${plan.id}`, 'specialist', { lines: lines(100 + i + 1) });
    expectSeen(edited.status === 200, `round ${i}: edit after send back answered ${edited.status} ${edited.body?.error?.code ?? ''}`);
    const again = await call('POST', `/api/plans/${plan.id}/submit`, 'specialist', {});
    expectSeen(
      again.status === 200 && again.body.status === 'submitted',
      `round ${i}: resubmit answered ${again.status} ${again.body?.error?.code ?? again.body?.status}`,
    );
  }
  expect(misses).toEqual([]);
  const final = (await call('GET', `/api/plans/${plan.id}`, 'specialist')).body;
  expect(final).toMatchObject({ status: 'submitted', currentRevision: REPEATS + 1 });
});

test(`approvals: start → first task; approve → the next approver decides at once; ${REPEATS} decisions`, async () => {
  const approvers = ['supervisor', 'manager'];
  const STEPS = 20; // the most a request may have
  let decided = 0;
  for (let p = 0; decided < REPEATS; p++) {
    const steps = Array.from({ length: Math.min(STEPS, REPEATS - decided) }, (_, i) => ({
      key: `s${i}`,
      title: { 'zh-CN': `第${i + 1}级`, en: `Level ${i + 1}` },
      assignees: [{ userId: h.user(approvers[i % 2]!).id }],
    }));
    const started = await act('POST', '/api/approvals', 'specialist', { title: `即读审批 ${p}`, steps }, 201, `start ${p}`);
    for (let i = 0; i < steps.length; i++) {
      const who = approvers[i % 2]!;
      const [task] = (await inbox(who, started.workflowId)).filter((t) => t.stepKey === `s${i}`);
      expectSeen(!!task, `process ${p} step ${i}: ${who}'s task not in the inbox right after the ${i ? 'previous approval' : 'start'}`);
      if (!task) break;
      const res = await call('POST', `/api/tasks/${task.id}/decision`, who, { decision: 'approve' });
      expectSeen(res.status === 200, `process ${p} step ${i}: approve answered ${res.status} ${res.body?.error?.code ?? ''}`);
      decided += 1;
    }
    const done = (await call('GET', `/api/processes/${encodeURIComponent(started.workflowId)}`, 'specialist')).body;
    expectSeen(done.status === 'approved', `process ${p}: ${done.status} right after the last approval`);
  }
  expect(misses).toEqual([]);
});

test(`bookings: ${REPEATS} payments, each seen at once; the last confirms the booking`, async () => {
  const booking = await act(
    'POST',
    '/api/bookings',
    'specialist',
    { franchiseeId: 'RYW1', season: '2027SS', lines: [{ sku: '27SS-DR-003', size: 'M', qty: 2000 }] },
    201,
    'book',
  );
  const first = (await call('GET', `/api/bookings/${booking.id}`, 'finance')).body;
  expectSeen(
    first.status === 'awaiting_payment' && !!first.paymentDeadline,
    `after booking: ${first.status}, deadline ${first.paymentDeadline}`,
  );
  const due = Number(first.prepaymentDueFen);
  const part = Math.floor(due / REPEATS);
  let paid = 0;
  for (let i = 0; i < REPEATS; i++) {
    const amountFen = i === REPEATS - 1 ? due - paid : part;
    await act('POST', `/api/bookings/${booking.id}/payments`, 'finance', { amountFen, reference: `RYW-${i}` }, 201, `payment ${i}`);
    paid += amountFen;
    const now = (await call('GET', `/api/bookings/${booking.id}`, 'finance')).body;
    const wanted = i === REPEATS - 1 ? 'confirmed' : 'awaiting_payment';
    expectSeen(
      Number(now.paidFen) === paid && now.status === wanted,
      `payment ${i}: read ${now.status} ${now.paidFen}, wanted ${wanted} ${paid}`,
    );
  }
  expect(misses).toEqual([]);
  expect(await h.db.orderLine.count({ where: { bookingId: booking.id } })).toBe(1);
});

test(`shipments: ${REPEATS} events, each seen at once; arrival → scan task; receipt → reconciled`, async () => {
  const t0 = await h.env.currentTimeMs();
  const iso = (ms: number) => new Date(ms).toISOString();
  const s = await act(
    'POST',
    '/api/shipments',
    'follower',
    { lines: [{ sku: '27SS-TS-001', size: 'M', qty: 10 }], expectedArrival: iso(t0 + 30 * 86_400_000) },
    201,
    'announce',
  );
  for (let i = 0; i < REPEATS - 1; i++) {
    const eta = t0 + (31 + i) * 86_400_000;
    const event =
      i === 0
        ? { type: 'dispatched' }
        : i % 2
          ? { type: 'eta_changed', expectedArrival: iso(eta) }
          : { type: 'in_transit', location: `中转站 ${i}` };
    await act(
      'POST',
      `/api/shipments/${s.id}/events`,
      'follower',
      { eventId: `ryw-${i}`, at: iso(t0 + i * 1000), ...event },
      200,
      `event ${i}`,
    );
    const now = (await call('GET', `/api/shipments/${s.id}`, 'follower')).body;
    const ok =
      event.type === 'eta_changed'
        ? Date.parse(now.expectedArrival) === eta
        : event.type === 'in_transit'
          ? now.status === 'in_transit' && now.location === event.location
          : now.status === 'dispatched';
    expectSeen(ok, `event ${i} (${event.type}): read ${now.status} ${now.location} ${now.expectedArrival}`);
  }
  await act(
    'POST',
    `/api/shipments/${s.id}/events`,
    'follower',
    { eventId: 'ryw-arrived', type: 'arrived', at: iso(t0 + REPEATS * 1000) },
    200,
    'arrival',
  );
  expectSeen(
    (await inbox('follower', s.workflowId)).some((t) => t.stepKey === 'scan_in'),
    'the scan task not in the inbox right after the arrival',
  );
  await act('POST', `/api/shipments/${s.id}/receipt`, 'follower', { lines: [{ sku: '27SS-TS-001', size: 'M', qty: 10 }] }, 201, 'receipt');
  const done = (await call('GET', `/api/shipments/${s.id}`, 'follower')).body;
  expectSeen(done.status === 'reconciled', `right after the receipt: ${done.status}`);
  expect(misses).toEqual([]);
});

test(`prices: ${REPEATS} proposals, each superseding the last: task, approval, notices, all at once`, async () => {
  const today = DateTime.now().setZone(ZONE);
  let previous: { id: string } | undefined;
  for (let i = 0; i < REPEATS; i++) {
    const body = {
      sku: '27SS-PT-004',
      newPriceFen: 25_900 - i * 10,
      allocationDate: today.plus({ days: 10 }).toISODate(),
      arrivalDate: today.plus({ days: 12 }).toISODate(),
      storeIds: ['S001'],
      reason: `第${i + 1}版调价`,
      ...(previous ? { supersedes: previous.id } : {}),
    };
    const proposal = await act('POST', '/api/price-adjustments', 'specialist', body, 201, `proposal ${i}`);
    if (previous) {
      const old = (await call('GET', `/api/price-adjustments/${previous.id}`, 'specialist')).body;
      expectSeen(old.status === 'superseded', `proposal ${i}: the one it supersedes reads ${old.status}`);
    }
    const [task] = await inbox('supervisor', proposal.workflowId);
    expectSeen(!!task, `proposal ${i}: the superior's task not in the inbox right after the proposal`);
    if (!task) break;
    await act('POST', `/api/tasks/${task.id}/decision`, 'supervisor', { decision: 'approve' }, 200, `approve ${i}`);
    const notices = await inbox('finance', proposal.workflowId);
    const approved = (await call('GET', `/api/price-adjustments/${proposal.id}`, 'specialist')).body;
    expectSeen(
      notices.length === 1 && approved.status === 'approved',
      `proposal ${i}: ${notices.length} notices for finance, status ${approved.status}`,
    );
    previous = proposal;
  }
  expect(misses).toEqual([]);
});

test(`clearances: ${REPEATS} requests: the manager's task at once; approved at once`, async () => {
  const start = DateTime.fromMillis(await h.env.currentTimeMs(), { zone: ZONE }).plus({ days: 30 });
  for (let i = 0; i < REPEATS; i++) {
    const body = {
      kind: 'clearance',
      lines: [{ sku: '27SS-TS-001', clearancePriceFen: 9_900 }],
      startsOn: start.toISODate(),
      endsOn: start.plus({ days: 6 }).toISODate(),
      reason: `清货 ${i}`,
    };
    const req = await act('POST', '/api/returns', 'store1', body, 201, `request ${i}`);
    const [task] = await inbox('manager', req.workflowId);
    expectSeen(!!task, `request ${i}: the manager's task not in the inbox right after the request`);
    if (!task) break;
    await act('POST', `/api/tasks/${task.id}/decision`, 'manager', { decision: 'approve' }, 200, `approve ${i}`);
    const now = (await call('GET', `/api/returns/${req.id}`, 'store1')).body;
    expectSeen(now.status === 'approved', `request ${i}: ${now.status} right after the approval`);
  }
  expect(misses).toEqual([]);
});
