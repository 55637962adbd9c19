// Records the event histories of real runs, for tests/replay/replay.test.ts to replay against
// today's workflow code (docs/changing-a-process.md, "Changing a workflow that has runs in flight").
// Run it on the code whose histories you want to keep:
//   npm run replay:record -- <prefix> [recording ...]
// Each recording below drives one process through one of its paths on the time-skipping server,
// through the real API where a person would act, and writes the run's history to
// tests/replay/histories/<prefix>-<recording>.json (protobuf's toObject: 64-bit numbers, enums and
// bytes as strings). Some end; some stop while the run still waits (a booking awaiting payment,
// a shipment in transit, a clearance in its period): those partial histories are what a deploy
// meets. Without names it records them all; an existing file of the same name is overwritten.
// The sets: `v1` the code of issue 26 (every process type); `pre-local-writes` the code before
// the engine's local writes (the patch in workflows/engine/writes.ts); `local-writes` the code
// before the booking reminders went through the engine's watch (the patch
// 'booking-reminders-engine-watch' in workflows/orderBooking.ts); `engine-reminders` after it;
// `serial` after a run's writes stopped overlapping ('engine-local-writes-one-at-a-time');
// `reminder-rule` after the engine's rule for reminders whose lead has passed (the patch
// 'engine-reminders-passed-leads' in workflows/engine/state.ts); `pre-clearance-periods` before a
// clearance's prices ended with its period (the patch 'clearance-period-ends' in
// workflows/clearance.ts), `clearance-periods` after it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { DateTime } from 'luxon';
import { resubmitUpdate, withdrawUpdate } from '../../workflows/messages';
import { step } from '../helpers/engine';
import { startProcessWorld, until, type ProcessWorld } from '../helpers/processApi';

type Recording = (w: ProcessWorld) => Promise<{ workflowId: string }>;

/** The API's answer, or a failure naming the act. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function ok(what: string, res: Promise<{ status: number; body: any }>): Promise<any> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A booking of a franchisee of its own with the given quota (its workflow started). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function booking(w: ProcessWorld, franchiseeId: string, name: string, quotaFen = 50_000_000n): Promise<any> {
  await w.h.db.franchisee.create({
    data: {
      id: franchiseeId,
      name,
      regionId: 'EAST',
      email: `${franchiseeId.toLowerCase()}@example.com`,
      quotas: { create: { seasonCode: '2027SS', quotaFen } },
    },
  });
  return ok(
    'book',
    w.post('/api/bookings', { franchiseeId, season: '2027SS', lines: [{ sku: '27SS-DR-003', size: 'M', qty: 2000 }] }, 'specialist'),
  );
}

/** A franchisee of its own with a quota, and its booking within it, once the statement is out. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function bookingAwaitingPayment(w: ProcessWorld, franchiseeId: string, name: string): Promise<any> {
  const b = await booking(w, franchiseeId, name);
  await until(
    'awaiting payment',
    async () => (await w.api.request('GET', `/api/bookings/${b.id}`, w.as('finance'))).body,
    (x) => x.status === 'awaiting_payment' && !!x.paymentDeadline,
  );
  return b;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ZONE = 'Asia/Shanghai';
/** The date `days` after the instant `ms`, in the business zone. */
const dateIn = (ms: number, days: number) => DateTime.fromMillis(ms, { zone: ZONE }).plus({ days }).toISODate()!;

/** A purchase plan submitted for approval, its workflow id. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function submittedPlan(w: ProcessWorld, title: string): Promise<{ plan: any; wf: string }> {
  const lines = [{ category: '衬衫', regionId: 'EAST', qty: 80, amountFen: 712_000 }];
  const plan = await ok('create plan', w.post('/api/plans', { season: '2027SS', type: 'purchase', title, lines }, 'specialist'));
  await ok('submit', w.post(`/api/plans/${plan.id}/submit`, {}, 'specialist'));
  return { plan, wf: `plan-${plan.id}` };
}

/** A shipment announced by the follower, expected `etaIn` ms from now, once its tracking has started. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function shipment(w: ProcessWorld, lines: { sku: string; size: string; qty: number }[], etaIn: number): Promise<any> {
  const t0 = await w.h.env.currentTimeMs();
  const s = await ok('announce', w.post('/api/shipments', { lines, expectedArrival: new Date(t0 + etaIn).toISOString() }, 'follower'));
  await until(
    'tracking started',
    () => w.h.db.auditEvent.count({ where: { workflowId: s.workflowId, type: 'started' } }),
    (n) => n === 1,
  );
  return s;
}

const RETURN_SKU = '26AW-JK-201';
let returnGoodsReady: Promise<void> | undefined;
/**
 * What a return needs, once: a season ending in ten days (on the process clock, so its return
 * window is open), a product of it, and F001's confirmed booking of 20 M and 5 L, received.
 */
function returnGoods(w: ProcessWorld): Promise<void> {
  returnGoodsReady ??= (async () => {
    const today = DateTime.fromMillis(await w.h.env.currentTimeMs(), { zone: ZONE });
    await w.h.db.season.create({
      data: {
        code: '2026AW',
        name: '2026 秋冬',
        startsOn: new Date('2026-08-01'),
        endsOn: new Date(`${today.plus({ days: 10 }).toISODate()}T00:00:00Z`),
      },
    });
    await w.h.db.product.create({
      data: {
        sku: RETURN_SKU,
        name: '短款夹克',
        category: '外套',
        seasonCode: '2026AW',
        wholesalePriceFen: 19_900,
        retailPriceFen: 45_900,
        sizes: { create: [{ size: 'M' }, { size: 'L' }] },
      },
    });
    const b = await w.h.db.booking.create({
      data: {
        franchiseeId: 'F001',
        seasonCode: '2026AW',
        status: 'confirmed',
        amountFen: 0n,
        prepaymentShareBp: 3000,
        prepaymentDueFen: 0n,
        paymentDeadline: new Date(),
        quotaCheck: 'within',
        totalQty: 25,
        createdById: w.h.user('specialist').id,
        lines: {
          create: [
            { position: 0, sku: RETURN_SKU, size: 'M', qty: 20, unitPriceFen: 19_900, amountFen: 398_000n },
            { position: 1, sku: RETURN_SKU, size: 'L', qty: 5, unitPriceFen: 19_900, amountFen: 99_500n },
          ],
        },
      },
      include: { lines: true },
    });
    for (const l of b.lines)
      await w.h.db.orderLine.create({
        data: {
          bookingLineId: l.id,
          bookingId: b.id,
          franchiseeId: 'F001',
          seasonCode: '2026AW',
          sku: l.sku,
          size: l.size,
          qty: l.qty,
          shippedQty: l.qty,
          receivedQty: l.qty,
        },
      });
  })();
  return returnGoodsReady;
}

/** A franchisee's return of `qty` M, approved by the supervisor, once it is on its way back. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function approvedReturn(w: ProcessWorld, qty: number, defective: boolean): Promise<any> {
  await returnGoods(w);
  const r = await ok(
    'ask',
    w.post(
      '/api/returns',
      { kind: 'return', lines: [{ sku: RETURN_SKU, size: 'M', qty, condition: defective ? 'defective' : 'new' }], reason: '过季返仓' },
      'franchisee1',
    ),
  );
  await ok('approve', w.decide(await w.openTask(r.workflowId, 'approve_return'), 'supervisor', 'approve'));
  await until(
    'in transit',
    async () => (await w.api.request('GET', `/api/returns/${r.id}`, w.as('specialist'))).body,
    (x) => x.status === 'in_transit' && !!x.shipment,
  );
  return r;
}

/** The return's shipment arrives and is scanned in with `damaged` of its units defective (the discrepancy accepted). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function receiveReturn(w: ProcessWorld, r: any, qty: number, damaged: number): Promise<void> {
  const { shipment: sh } = (await w.api.request('GET', `/api/returns/${r.id}`, w.as('specialist'))).body;
  const s = (await w.api.request('GET', `/api/shipments/${sh.id}`, w.as('follower'))).body;
  const at = new Date(await w.h.env.currentTimeMs()).toISOString();
  await ok('arrived', w.post(`/api/shipments/${s.id}/events`, { eventId: 'arrived', type: 'arrived', at }, 'follower'));
  await w.openTask(s.workflowId, 'scan_in');
  await ok('receipt', w.post(`/api/shipments/${s.id}/receipt`, { lines: [{ sku: RETURN_SKU, size: 'M', qty, damaged }] }, 'follower'));
  if (damaged) await ok('accept', w.decide(await w.openTask(s.workflowId, 'discrepancy'), 'supervisor', 'accept'));
}

/** A store manager's clearance of one SKU in their store (S001) from tomorrow for a week. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function clearanceAsked(w: ProcessWorld, sku: string): Promise<any> {
  const start = DateTime.fromMillis(await w.h.env.currentTimeMs(), { zone: ZONE }).plus({ days: 1 });
  return ok(
    'ask',
    w.post(
      '/api/returns',
      {
        kind: 'clearance',
        lines: [{ sku, clearancePriceFen: 9_900 }],
        startsOn: start.toISODate(),
        endsOn: start.plus({ days: 6 }).toISODate(),
        reason: '季末清货',
      },
      'store1',
    ),
  );
}

const recordings: Record<string, Recording> = {
  /** Send back, resubmit, a 会签 step of two, approved; a reminder on the way. */
  async 'approval-sent-back-approved'({ h }) {
    const handle = await h.start({
      steps: [
        step('supervisor', [{ userId: h.user('supervisor').id }]),
        step('both', [{ userId: h.user('manager').id }, { userId: h.user('finance').id }]),
      ],
    });
    const wf = handle.workflowId;
    const [first] = await h.tasks(wf);
    await h.decide(handle, first!, 'supervisor', 'send_back', '请补充预算明细');
    await h.tasks(wf, (ts) => ts.some((t) => t.stepKey === 'revise' && t.status === 'open'));
    await handle.executeUpdate(resubmitUpdate, { args: [{ actor: h.user('specialist').actor, comment: '已补充' }] });
    const again = await h.tasks(wf, (ts) => ts.some((t) => t.stepKey === 'supervisor' && t.round === 1 && t.status === 'open'));
    await h.decide(
      handle,
      again.find((t) => t.stepKey === 'supervisor' && t.round === 1)!,
      'supervisor',
      'approve',
    );
    const both = await h.tasks(wf, (ts) => ts.filter((t) => t.stepKey === 'both' && t.status === 'open').length === 2);
    for (const t of both.filter((x) => x.stepKey === 'both'))
      await h.decide(handle, t, t.assigneeId === h.user('manager').id ? 'manager' : 'finance', 'approve');
    await handle.result();
    return { workflowId: wf };
  },
  /** A step due in less than every lead (PT1H): one reminder at the opening (the engine's rule since 'engine-reminders-passed-leads'), approved. */
  async 'approval-reminded-at-opening'({ h }) {
    const handle = await h.start({ steps: [step('supervisor', [{ userId: h.user('supervisor').id }], { due: 'PT30M' })] });
    const wf = handle.workflowId;
    const [task] = await h.tasks(wf);
    await h.events(wf, (es) => es.some((e) => e.type === 'reminder_sent'));
    await h.decide(handle, task!, 'supervisor', 'approve');
    await handle.result();
    return { workflowId: wf };
  },
  /** Rejected at the first step. */
  async 'approval-rejected'({ h }) {
    const handle = await h.start({ steps: [step('supervisor', [{ userId: h.user('supervisor').id }])] });
    const [first] = await h.tasks(handle.workflowId);
    await h.decide(handle, first!, 'supervisor', 'reject', '预算不足');
    await handle.result();
    return { workflowId: handle.workflowId };
  },
  /** A plan sent back, revised, resubmitted and approved up the chain. */
  async 'plan-sent-back-approved'(w) {
    const lines = [{ category: 'T恤', regionId: 'EAST', qty: 100, amountFen: 890_000 }];
    const plan = await ok(
      'create plan',
      w.post('/api/plans', { season: '2027SS', type: 'purchase', title: '回放采买计划', lines }, 'specialist'),
    );
    await ok('submit', w.post(`/api/plans/${plan.id}/submit`, {}, 'specialist'));
    const wf = `plan-${plan.id}`;
    await ok('send back', w.decide(await w.openTask(wf, 'supervisor'), 'supervisor', 'send_back', '数量偏少'));
    await until(
      'sent back',
      async () => (await w.api.request('GET', `/api/plans/${plan.id}`, w.as('specialist'))).body.status,
      (s) => s === 'sent_back',
    );
    await ok(
      'edit',
      w.api.request('PUT', `/api/plans/${plan.id}`, {
        ...w.as('specialist'),
        body: { lines: [{ ...lines[0], qty: 120, amountFen: 1_068_000 }] },
      }),
    );
    await ok('resubmit', w.post(`/api/plans/${plan.id}/submit`, {}, 'specialist'));
    await ok('approve 1', w.decide(await w.openTask(wf, 'supervisor'), 'supervisor', 'approve'));
    await ok('approve 2', w.decide(await w.openTask(wf, 'manager'), 'manager', 'approve'));
    await w.h.env.client.workflow.getHandle(wf).result();
    return { workflowId: wf };
  },
  /** A booking within its quota, paid in two parts, confirmed. */
  async 'booking-paid'(w) {
    const b = await bookingAwaitingPayment(w, 'RPL1', '回放加盟商');
    const due = Number(b.prepaymentDueFen);
    await ok('pay 1', w.post(`/api/bookings/${b.id}/payments`, { amountFen: 1_000_000, reference: 'RPL-1' }, 'finance'));
    await ok('pay 2', w.post(`/api/bookings/${b.id}/payments`, { amountFen: due - 1_000_000, reference: 'RPL-2' }, 'finance'));
    await w.h.env.client.workflow.getHandle(b.workflowId).result();
    return { workflowId: b.workflowId };
  },
  /** A booking paid in part, reminded, overdue at its deadline, extended by the manager, then paid. */
  async 'booking-reminded-extended'(w) {
    const b = await bookingAwaitingPayment(w, 'RPL2', '回放加盟商二');
    const due = Number(b.prepaymentDueFen);
    await ok('pay 1', w.post(`/api/bookings/${b.id}/payments`, { amountFen: 1_000_000, reference: 'RPL2-1' }, 'finance'));
    await w.h.env.sleep(8 * 86_400_000); // past the reminder and the deadline
    await ok('extend', w.decide(await w.openTask(b.workflowId, 'payment_overdue'), 'manager', 'extend', '加盟商申请延期'));
    await until(
      'awaiting payment again',
      async () => (await w.api.request('GET', `/api/bookings/${b.id}`, w.as('finance'))).body,
      (x) => x.status === 'awaiting_payment',
    );
    await ok('pay 2', w.post(`/api/bookings/${b.id}/payments`, { amountFen: due - 1_000_000, reference: 'RPL2-2' }, 'finance'));
    await w.h.env.client.workflow.getHandle(b.workflowId).result();
    return { workflowId: b.workflowId };
  },
  /** A shipment's events, a short receipt, the discrepancy accepted, reconciled. */
  async 'shipment-discrepancy'(w) {
    const t0 = await w.h.env.currentTimeMs();
    const iso = (ms: number) => new Date(ms).toISOString();
    const s = await ok(
      'announce',
      w.post(
        '/api/shipments',
        { lines: [{ sku: '27SS-TS-001', size: 'M', qty: 10 }], expectedArrival: iso(t0 + 5 * 86_400_000) },
        'follower',
      ),
    );
    await until(
      'tracking started',
      () => w.h.db.auditEvent.count({ where: { workflowId: s.workflowId, type: 'started' } }),
      (n) => n === 1,
    );
    await ok('dispatched', w.post(`/api/shipments/${s.id}/events`, { eventId: 'e1', type: 'dispatched', at: iso(t0) }, 'follower'));
    await ok(
      'eta',
      w.post(
        `/api/shipments/${s.id}/events`,
        { eventId: 'e2', type: 'eta_changed', at: iso(t0 + 1000), expectedArrival: iso(t0 + 6 * 86_400_000) },
        'follower',
      ),
    );
    await ok('arrived', w.post(`/api/shipments/${s.id}/events`, { eventId: 'e3', type: 'arrived', at: iso(t0 + 2000) }, 'follower'));
    await w.openTask(s.workflowId, 'scan_in');
    await ok('receipt', w.post(`/api/shipments/${s.id}/receipt`, { lines: [{ sku: '27SS-TS-001', size: 'M', qty: 8 }] }, 'follower'));
    await ok('accept', w.decide(await w.openTask(s.workflowId, 'discrepancy'), 'supervisor', 'accept', '少2件，认了'));
    await w.h.env.client.workflow.getHandle(s.workflowId).result();
    return { workflowId: s.workflowId };
  },

  // ---- the general approval (approvalRequest): the engine's own paths ----

  /** Overdue: the superior is told (level 1), then the task is handed to them (level 2), who approves. */
  async 'approval-escalated-approved'({ h }) {
    await h.settings({ 'escalation.steps': ['PT1H', 'PT2H'] });
    const handle = await h.start({ steps: [step('supervisor', [{ userId: h.user('supervisor').id }], { due: 'PT2H' })] });
    const wf = handle.workflowId;
    await h.tasks(wf);
    await h.env.sleep(5 * HOUR); // due after 2 hours; notified after 3, reassigned after 4
    const [task] = await h.tasks(wf, (ts) => ts.some((t) => t.assigneeId === h.user('manager').id && t.escalationLevel === 2));
    await h.decide(handle, task!, 'manager', 'approve', '代为审批');
    await handle.result();
    return { workflowId: wf };
  },
  /** Withdrawn by its submitter while the first step is open. */
  async 'approval-withdrawn'({ h }) {
    const handle = await h.start({ steps: [step('supervisor', [{ userId: h.user('supervisor').id }])] });
    await h.tasks(handle.workflowId);
    await handle.executeUpdate(withdrawUpdate, { args: [{ actor: h.user('specialist').actor, reason: '不再需要' }] });
    await handle.result();
    return { workflowId: handle.workflowId };
  },
  /** In flight: the first step approved, the 会签 step of two open, one of them decided, its reminders pending. */
  async 'approval-waiting'({ h }) {
    const handle = await h.start({
      steps: [
        step('supervisor', [{ userId: h.user('supervisor').id }]),
        step('both', [{ userId: h.user('manager').id }, { userId: h.user('finance').id }]),
      ],
    });
    const wf = handle.workflowId;
    const [first] = await h.tasks(wf);
    await h.decide(handle, first!, 'supervisor', 'approve');
    const both = await h.tasks(wf, (ts) => ts.filter((t) => t.stepKey === 'both' && t.status === 'open').length === 2);
    await h.decide(
      handle,
      both.find((t) => t.stepKey === 'both' && t.assigneeId === h.user('finance').id)!,
      'finance',
      'approve',
    );
    await h.tasks(wf, (ts) => ts.filter((t) => t.stepKey === 'both' && t.status === 'open').length === 1);
    return { workflowId: wf };
  },

  // ---- plan approval (planApproval) ----

  /** Sent back, and withdrawn by its owner instead of revised. */
  async 'plan-sent-back-withdrawn'(w) {
    const { plan, wf } = await submittedPlan(w, '回放撤回的计划');
    await ok('send back', w.decide(await w.openTask(wf, 'supervisor'), 'supervisor', 'send_back', '请按片区拆分'));
    await w.openTask(wf, 'revise');
    await ok('withdraw', w.post(`/api/processes/${wf}/withdraw`, { reason: '本季取消' }, 'specialist'));
    await w.h.env.client.workflow.getHandle(wf).result();
    void plan;
    return { workflowId: wf };
  },
  /** Rejected by the manager after the supervisor approved. */
  async 'plan-rejected'(w) {
    const { wf } = await submittedPlan(w, '回放驳回的计划');
    await ok('approve 1', w.decide(await w.openTask(wf, 'supervisor'), 'supervisor', 'approve'));
    await ok('reject', w.decide(await w.openTask(wf, 'manager'), 'manager', 'reject', '与上季重复'));
    await w.h.env.client.workflow.getHandle(wf).result();
    return { workflowId: wf };
  },
  /** In flight: approved by the supervisor, waiting for the manager. */
  async 'plan-awaiting-manager'(w) {
    const { wf } = await submittedPlan(w, '回放待审的计划');
    await ok('approve 1', w.decide(await w.openTask(wf, 'supervisor'), 'supervisor', 'approve'));
    await w.openTask(wf, 'manager');
    return { workflowId: wf };
  },

  // ---- order-fair booking (orderBooking) ----

  /** Part paid, unpaid at the deadline, cancelled by the manager; finance refunds what was paid. */
  async 'booking-overdue-cancelled-refunded'(w) {
    const b = await bookingAwaitingPayment(w, 'RPL3', '回放加盟商三');
    await ok('pay 1', w.post(`/api/bookings/${b.id}/payments`, { amountFen: 1_000_000, reference: 'RPL3-1' }, 'finance'));
    await w.h.env.sleep(8 * DAY); // past the reminder and the deadline
    await ok('cancel', w.decide(await w.openTask(b.workflowId, 'payment_overdue'), 'manager', 'cancel', '逾期未付'));
    await ok('refunded', w.decide(await w.openTask(b.workflowId, 'refund'), 'finance', 'refunded', '已原路退回'));
    await w.h.env.client.workflow.getHandle(b.workflowId).result();
    return { workflowId: b.workflowId };
  },
  /** Above its quota: the manager's review rejects it. */
  async 'booking-quota-rejected'(w) {
    const b = await booking(w, 'RPL4', '回放加盟商四', 1_000_000n);
    await ok('reject', w.decide(await w.openTask(b.workflowId, 'quota_review'), 'manager', 'reject', '超出订货指标'));
    await w.h.env.client.workflow.getHandle(b.workflowId).result();
    return { workflowId: b.workflowId };
  },
  /** In flight: the statement out, paid in part, waiting for the rest with its reminder and deadline pending. */
  async 'booking-awaiting-payment'(w) {
    const b = await bookingAwaitingPayment(w, 'RPL5', '回放加盟商五');
    await ok('pay 1', w.post(`/api/bookings/${b.id}/payments`, { amountFen: 1_000_000, reference: 'RPL5-1' }, 'finance'));
    await w.h.events(b.workflowId, (es) => es.some((e) => e.type === 'payment_recorded'));
    return { workflowId: b.workflowId };
  },

  // ---- shipment tracking (shipmentTracking) ----

  /** Late: the ladder climbs follower → supervisor → manager, the follower answers; it arrives, scanned in exact, reconciled. */
  async 'shipment-delayed-arrived'(w) {
    const s = await shipment(w, [{ sku: '27SS-SH-002', size: 'L', qty: 40 }], HOUR);
    await w.h.env.sleep(HOUR + 60_000);
    await w.openTask(s.workflowId, 'delay_1');
    await w.h.env.sleep(DAY);
    await w.openTask(s.workflowId, 'delay_2');
    await ok('rung 1', w.decide(await w.openTask(s.workflowId, 'delay_1'), 'follower', 'followed_up', '已联系承运商'));
    await w.h.env.sleep(DAY);
    await w.openTask(s.workflowId, 'delay_3');
    const at = new Date(await w.h.env.currentTimeMs()).toISOString();
    await ok('arrived', w.post(`/api/shipments/${s.id}/events`, { eventId: 'arr', type: 'arrived', at }, 'follower'));
    await w.openTask(s.workflowId, 'scan_in');
    await ok('receipt', w.post(`/api/shipments/${s.id}/receipt`, { lines: [{ sku: '27SS-SH-002', size: 'L', qty: 40 }] }, 'follower'));
    await w.h.env.client.workflow.getHandle(s.workflowId).result();
    return { workflowId: s.workflowId };
  },
  /** In flight: dispatched and in transit, the next check (silence, expected arrival) pending. */
  async 'shipment-in-transit'(w) {
    const s = await shipment(w, [{ sku: '27SS-TS-001', size: 'L', qty: 12 }], 10 * DAY);
    const t = await w.h.env.currentTimeMs();
    await ok(
      'dispatched',
      w.post(`/api/shipments/${s.id}/events`, { eventId: 'd', type: 'dispatched', at: new Date(t).toISOString() }, 'follower'),
    );
    await ok(
      'in transit',
      w.post(
        `/api/shipments/${s.id}/events`,
        { eventId: 't', type: 'in_transit', at: new Date(t + 1000).toISOString(), location: '武汉' },
        'follower',
      ),
    );
    await w.h.events(s.workflowId, (es) => es.filter((e) => e.type === 'shipment_event').length === 2);
    return { workflowId: s.workflowId };
  },
  /** In flight: silent past shipment.silenceTimeout, delayed at the second rung, both rungs' tasks open. */
  async 'shipment-delayed-waiting'(w) {
    const s = await shipment(w, [{ sku: '27SS-PT-004', size: 'S', qty: 10 }], 30 * DAY);
    const t = await w.h.env.currentTimeMs();
    await ok(
      'dispatched',
      w.post(`/api/shipments/${s.id}/events`, { eventId: 'd', type: 'dispatched', at: new Date(t).toISOString() }, 'follower'),
    );
    await w.h.env.sleep(2 * DAY + HOUR); // silent for the timeout: rung 1
    await w.openTask(s.workflowId, 'delay_1');
    await w.h.env.sleep(DAY); // rung 2
    await w.openTask(s.workflowId, 'delay_2');
    return { workflowId: s.workflowId };
  },

  // ---- price adjustment (priceAdjustment) ----

  /** Approved in time; finance and the store manager acknowledge; effective on its date. */
  async 'price-approved-effective'(w) {
    const t0 = await w.h.env.currentTimeMs();
    const a = await ok(
      'propose',
      w.post(
        '/api/price-adjustments',
        {
          reason: '库龄超过 180 天，配发前降价',
          lines: [{ sku: '27SS-TS-001', newPriceFen: 13_900 }],
          allocationDate: dateIn(t0, 10),
          arrivalDate: dateIn(t0, 12),
          storeIds: ['S001', 'S002'],
        },
        'specialist',
      ),
    );
    await ok('approve', w.decide(await w.openTask(a.workflowId, 'superior'), 'supervisor', 'approve'));
    await ok('store', w.decide(await w.openTask(a.workflowId, 'notify_store:S001'), 'store1', 'acknowledge'));
    await ok('finance', w.decide(await w.openTask(a.workflowId, 'notify_finance'), 'finance', 'acknowledge'));
    await w.h.env.sleep(13 * DAY);
    await w.h.env.client.workflow.getHandle(a.workflowId).result();
    return { workflowId: a.workflowId };
  },
  /** Rejected by the proposer's superior. */
  async 'price-rejected'(w) {
    const t0 = await w.h.env.currentTimeMs();
    const a = await ok(
      'propose',
      w.post(
        '/api/price-adjustments',
        {
          reason: '竞品降价',
          sku: '27SS-DR-003',
          newPriceFen: 49_900,
          allocationDate: dateIn(t0, 10),
          arrivalDate: dateIn(t0, 12),
          storeIds: ['S002'],
        },
        'specialist',
      ),
    );
    await ok('reject', w.decide(await w.openTask(a.workflowId, 'superior'), 'supervisor', 'reject', '价格过低'));
    await w.h.env.client.workflow.getHandle(a.workflowId).result();
    return { workflowId: a.workflowId };
  },
  /** In flight: waiting for the superior's approval, its reminder and due time ahead. */
  async 'price-awaiting-approval'(w) {
    const t0 = await w.h.env.currentTimeMs();
    const a = await ok(
      'propose',
      w.post(
        '/api/price-adjustments',
        {
          reason: '配发前调价',
          sku: '27SS-TS-001',
          newPriceFen: 16_900,
          allocationDate: dateIn(t0, 10),
          arrivalDate: dateIn(t0, 12),
          storeIds: ['S003'],
        },
        'specialist',
      ),
    );
    await w.openTask(a.workflowId, 'superior');
    return { workflowId: a.workflowId };
  },
  /** In flight: approved past the lead days (escalated, recorded late); the notices open, the effective date ahead. */
  async 'price-escalated-awaiting-notices'(w) {
    await w.h.settings({ 'escalation.steps': ['PT1H'] });
    const t0 = await w.h.env.currentTimeMs();
    const a = await ok(
      'propose',
      w.post(
        '/api/price-adjustments',
        {
          reason: '库龄偏高',
          sku: '27SS-SH-002',
          newPriceFen: 25_900,
          allocationDate: dateIn(t0, 5),
          arrivalDate: dateIn(t0, 8),
          storeIds: ['S001'],
        },
        'specialist',
      ),
    );
    const task = await w.openTask(a.workflowId, 'superior');
    await w.h.env.sleep(3 * DAY + 2 * HOUR); // past the end of allocation − 3 days, and an hour more
    await w.h.events(a.workflowId, (es) => es.some((e) => e.type === 'escalated'));
    await ok('approve', w.decide(task, 'supervisor', 'approve'));
    await w.openTask(a.workflowId, 'notify_store:S001');
    await w.openTask(a.workflowId, 'notify_finance');
    await w.h.events(a.workflowId, (es) => es.some((e) => e.type === 'notified'));
    return { workflowId: a.workflowId };
  },

  /** Approved, its notices out, then superseded by a later proposal for the same SKU and store: ends cancelled. */
  async 'price-superseded'(w) {
    const t0 = await w.h.env.currentTimeMs();
    const body = {
      reason: '季中调价',
      sku: '27SS-PT-004',
      allocationDate: dateIn(t0, 10),
      arrivalDate: dateIn(t0, 12),
      storeIds: ['S003'],
    };
    const first = await ok('propose', w.post('/api/price-adjustments', { ...body, newPriceFen: 25_900 }, 'specialist'));
    await ok('approve', w.decide(await w.openTask(first.workflowId, 'superior'), 'supervisor', 'approve'));
    await w.openTask(first.workflowId, 'notify_finance');
    await ok('supersede', w.post('/api/price-adjustments', { ...body, newPriceFen: 22_900, supersedes: first.id }, 'specialist'));
    await w.h.env.client.workflow.getHandle(first.workflowId).result();
    return { workflowId: first.workflowId };
  },

  // ---- return (goodsReturn) and clearance (clearance) ----

  /** Withdrawn by the franchisee while waiting for the supervisor. */
  async 'return-withdrawn'(w) {
    await returnGoods(w);
    const r = await ok(
      'ask',
      w.post(
        '/api/returns',
        { kind: 'return', lines: [{ sku: RETURN_SKU, size: 'M', qty: 1, condition: 'new' }], reason: '过季返仓' },
        'franchisee1',
      ),
    );
    await w.openTask(r.workflowId, 'approve_return');
    await ok('withdraw', w.post(`/api/processes/${r.workflowId}/withdraw`, { reason: '改为店内清货' }, 'franchisee1'));
    await w.h.env.client.workflow.getHandle(r.workflowId).result();
    return { workflowId: r.workflowId };
  },

  /** Approved, shipped back (a child shipmentTracking), received with defects: after-sales writes them off, finance books it. */
  async 'return-defects-completed'(w) {
    const r = await approvedReturn(w, 6, true);
    await receiveReturn(w, r, 6, 2);
    await ok('defects', w.decide(await w.openTask(r.workflowId, 'defect_handling'), 'admin', 'write_off', '残次报废'));
    await ok('accounting', w.decide(await w.openTask(r.workflowId, 'defect_accounting'), 'finance', 'booked', '已做报废账务处理'));
    await w.h.env.client.workflow.getHandle(r.workflowId).result();
    return { workflowId: r.workflowId };
  },
  /** Refused by the return standard (more than received, worn goods), before anyone is asked. */
  async 'return-refused-by-standard'(w) {
    await returnGoods(w);
    const r = await ok(
      'ask',
      w.post(
        '/api/returns',
        {
          kind: 'return',
          franchiseeId: 'F001',
          reason: '季末返仓',
          lines: [
            { sku: RETURN_SKU, size: 'L', qty: 9, condition: 'new' },
            { sku: RETURN_SKU, size: 'M', qty: 1, condition: 'worn' },
          ],
        },
        'specialist',
      ),
    );
    await w.h.env.client.workflow.getHandle(r.workflowId).result();
    return { workflowId: r.workflowId };
  },
  /** In flight: approved and on its way back, waiting for its child shipment to be received. */
  async 'return-in-transit'(w) {
    const r = await approvedReturn(w, 2, false);
    return { workflowId: r.workflowId };
  },
  /** Approved by the manager, in effect over its period, ended with its sell-through. */
  async 'clearance-completed'(w) {
    const c = await clearanceAsked(w, '27SS-TS-001');
    await ok('approve', w.decide(await w.openTask(c.workflowId, 'approve_clearance'), 'manager', 'approve'));
    await w.h.env.sleep(9 * DAY);
    await w.h.env.client.workflow.getHandle(c.workflowId).result();
    return { workflowId: c.workflowId };
  },
  /** Rejected by the manager. */
  async 'clearance-rejected'(w) {
    const c = await clearanceAsked(w, '27SS-PT-004');
    await ok('reject', w.decide(await w.openTask(c.workflowId, 'approve_clearance'), 'manager', 'reject', '折扣过大'));
    await w.h.env.client.workflow.getHandle(c.workflowId).result();
    return { workflowId: c.workflowId };
  },
  /** In flight: approved, its period begun, waiting for the period's end. */
  async 'clearance-running'(w) {
    const c = await clearanceAsked(w, '27SS-DR-003');
    await ok('approve', w.decide(await w.openTask(c.workflowId, 'approve_clearance'), 'manager', 'approve'));
    await w.h.env.sleep(2 * DAY);
    await w.h.events(c.workflowId, (es) => es.some((e) => e.type === 'clearance_started'));
    return { workflowId: c.workflowId };
  },
};

/** The settings every recording starts from; a recording changes what it needs before it starts its run. */
const BASE_SETTINGS = {
  'reminder.leadTimes': ['PT1H'],
  'escalation.steps': [],
  'booking.reminderLeadTimes': ['P1D'],
  'shipment.silenceTimeout': 'P2D',
  'shipment.escalationLadder': ['PT0S', 'P1D', 'P2D'],
};

const RECORDING_TIMEOUT_MS = 120_000;

/** A mistake in the command line: said without a stack. */
class UsageError extends Error {}

async function main(): Promise<void> {
  const [prefix, ...only] = process.argv.slice(2);
  if (!prefix || !/^[a-z0-9][a-z0-9-]*$/.test(prefix)) {
    throw new UsageError(`usage: npm run replay:record -- <prefix> [recording ...]\nrecordings: ${Object.keys(recordings).join(', ')}`);
  }
  const unknown = only.filter((n) => !(n in recordings));
  if (unknown.length) throw new UsageError(`no recording ${unknown.join(', ')}; there are: ${Object.keys(recordings).join(', ')}`);
  const dir = path.join(__dirname, 'histories');
  mkdirSync(dir, { recursive: true });
  const w = await startProcessWorld();
  try {
    for (const [name, record] of Object.entries(recordings)) {
      if (only.length && !only.includes(name)) continue;
      await w.h.settings(BASE_SETTINGS);
      // A recording that hangs (the time-skipping server waiting on something) fails by name.
      let timer: NodeJS.Timeout | undefined;
      const { workflowId } = await Promise.race([
        record(w),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`recording ${name} took more than ${RECORDING_TIMEOUT_MS / 1000} s`)),
            RECORDING_TIMEOUT_MS,
          );
        }),
      ]).finally(() => clearTimeout(timer));
      const history = await w.h.env.client.workflow.getHandle(workflowId).fetchHistory();
      const file = path.join(dir, `${prefix}-${name}.json`);
      const json = `${JSON.stringify(temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), { longs: String, enums: String, bytes: String }))}\n`;
      writeFileSync(file, json);
      const last = history.events?.at(-1)?.eventType;
      const ended = String(last).includes('WORKFLOW_EXECUTION_COMPLETED') || last === 2;
      process.stdout.write(
        `recorded ${path.relative(process.cwd(), file)}: ${history.events?.length ?? 0} events, ${Math.round(json.length / 1024)} kB, ${ended ? 'ended' : 'in flight'}\n`,
      );
    }
  } finally {
    await w.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof UsageError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
