// Records the event histories of real runs, for tests/replay/replay.test.ts to replay against
// today's workflow code. Run against the code whose histories you want to keep:
//   node --import tsx tests/replay/record.ts [prefix] [recording…]
// It writes tests/replay/histories/<prefix>-<name>.json (the Temporal history as a plain object:
// protobuf's toObject with 64-bit numbers, enums and bytes as strings).
// The histories recorded on the code before the engine's local writes (prefix `pre-local-writes`)
// prove that runs started then still replay after the deploy (the patch in workflows/engine/writes.ts);
// those before booking reminders went through the engine's watch (prefix `local-writes`), the
// patch 'booking-reminders-engine-watch' in workflows/orderBooking.ts; those before a clearance's
// prices ended with its period (prefix `pre-clearance-periods`), the patch 'clearance-period-ends'
// in workflows/clearance.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { DateTime } from 'luxon';
import { resubmitUpdate } from '../../workflows/messages';
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

/** A franchisee of its own with a quota, and its booking within it, once the statement is out. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function bookingAwaitingPayment(w: ProcessWorld, franchiseeId: string, name: string): Promise<any> {
  await w.h.db.franchisee.create({
    data: {
      id: franchiseeId,
      name,
      regionId: 'EAST',
      email: `${franchiseeId.toLowerCase()}@example.com`,
      quotas: { create: { seasonCode: '2027SS', quotaFen: 50_000_000n } },
    },
  });
  const b = await ok(
    'book',
    w.post('/api/bookings', { franchiseeId, season: '2027SS', lines: [{ sku: '27SS-DR-003', size: 'M', qty: 2000 }] }, 'specialist'),
  );
  await until(
    'awaiting payment',
    async () => (await w.api.request('GET', `/api/bookings/${b.id}`, w.as('finance'))).body,
    (x) => x.status === 'awaiting_payment' && !!x.paymentDeadline,
  );
  return b;
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

  /** A store's clearance approved, its period started and ended, the sell-through recorded. */
  async 'clearance-completed'(w) {
    const t0 = DateTime.fromMillis(await w.h.env.currentTimeMs(), { zone: 'Asia/Shanghai' });
    const c = await ok(
      'clearance',
      w.post(
        '/api/returns',
        {
          kind: 'clearance',
          storeId: 'S001',
          lines: [{ sku: '27SS-TS-001', clearancePriceFen: 9_900 }],
          startsOn: t0.plus({ days: 2 }).toISODate(),
          endsOn: t0.plus({ days: 4 }).toISODate(),
          reason: '季末清货',
        },
        'specialist',
      ),
    );
    await ok('approve', w.decide(await w.openTask(c.workflowId, 'approve_clearance'), 'manager', 'approve'));
    await w.h.env.client.workflow.getHandle(c.workflowId).result();
    return { workflowId: c.workflowId };
  },
};

async function main(): Promise<void> {
  const prefix = process.argv[2] ?? 'current';
  const dir = path.join(__dirname, 'histories');
  mkdirSync(dir, { recursive: true });
  const w = await startProcessWorld();
  try {
    await w.h.settings({ 'reminder.leadTimes': ['PT1H'], 'escalation.steps': [], 'booking.reminderLeadTimes': ['P1D'] });
    // Further arguments: record only these (e.g. a new recording of code already recorded).
    const only = process.argv.slice(3);
    for (const [name, record] of Object.entries(recordings)) {
      if (only.length && !only.includes(name)) continue;
      const { workflowId } = await record(w);
      const history = await w.h.env.client.workflow.getHandle(workflowId).fetchHistory();
      const file = path.join(dir, `${prefix}-${name}.json`);
      writeFileSync(
        file,
        `${JSON.stringify(temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), { longs: String, enums: String, bytes: String }))}\n`,
      );
      process.stdout.write(`recorded ${file} (${history.events?.length ?? 0} events)\n`);
    }
  } finally {
    await w.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
