// Races through the real API on real Temporal (time-skipping server and worker) and real
// PostgreSQL: many identical requests at once must have exactly one effect. Concurrent
// decisions on one task, payments with one bank reference (one booking, two bookings),
// duplicate shipment events, concurrent scan-ins, and shipments racing for one order line.
import type { Task } from '../../generated/prisma/client';
import { startProcessWorld, until, type ProcessWorld } from '../helpers/processApi';
import { FULL, recordReliability, runs } from './report';

jest.setTimeout(FULL ? 600_000 : 240_000);

let w: ProcessWorld;
beforeAll(async () => {
  w = await startProcessWorld();
  await w.h.settings({ 'reminder.leadTimes': [], 'escalation.steps': [], 'booking.paymentWindow': 'P7D', 'booking.reminderLeadTimes': [] });
}, 300_000);
afterAll(() => w?.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const statuses = (rs: { status: number; body: any }[]) => {
  const out: Record<string, number> = {};
  for (const r of rs) {
    const key = `${r.status}${r.body?.error?.code ? ` ${r.body.error.code}` : ''}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
};

test('concurrent decisions on one task: exactly one wins, the rest are 409 task_already_decided; one decided event; the process advances once', async () => {
  const { h, api } = w;
  const rounds = runs(5, 20);
  const concurrency = runs(25, 50);
  let requests = 0;
  for (let round = 0; round < rounds; round++) {
    const created = await w.post('/api/approvals', { title: `并发决定 ${round}`, amountFen: 100_000 }, 'specialist');
    expect(created.status).toBe(201);
    const workflowId = created.body.workflowId as string;
    const first = await w.openTask(workflowId, (await h.tasks(workflowId, (ts) => ts.some((t) => t.status === 'open')))[0]!.stepKey);
    // The assignee and the admin, approving and rejecting, all at once.
    const attempts = Array.from({ length: concurrency }, (_, i) =>
      w.decide(first, i % 2 ? 'admin' : 'supervisor', i % 3 === 0 ? 'reject' : 'approve', `并发 ${i}`),
    );
    const results = await Promise.all(attempts);
    requests += results.length;
    const winners = results.filter((r) => r.status === 200);
    expect({ round, winners: winners.length, codes: statuses(results) }).toEqual({
      round,
      winners: 1,
      codes: { '200': 1, '409 task_already_decided': concurrency - 1 },
    });
    const decided = winners[0]!.body;
    const row = await h.db.task.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({ status: 'done', decision: decided.decision });
    const decidedEvents = (await h.events(workflowId, (es) => es.some((e) => e.type === 'decided'))).filter(
      (e) => e.type === 'decided' && (e.detail as { taskId?: string }).taskId === first.id,
    );
    expect(decidedEvents).toHaveLength(1);
    if (decided.decision === 'approve') {
      // The chain moved on once: one task for the next step, not one per racing request.
      const tasks = await h.tasks(workflowId, (ts) => ts.some((t) => t.status === 'open'));
      expect(tasks.filter((t) => t.status === 'open')).toHaveLength(1);
      expect(tasks).toHaveLength(2);
    } else {
      const p = await until(
        'the process to end rejected',
        () => h.db.processInstance.findUniqueOrThrow({ where: { workflowId } }),
        (x) => x.status !== 'running',
      );
      expect(p.status).toBe('rejected');
      expect(await h.db.task.count({ where: { workflowId } })).toBe(1);
    }
    // A decision afterwards is refused the same way.
    expect(
      (await api.request('POST', `/api/tasks/${first.id}/decision`, { ...w.as('supervisor'), body: { decision: 'approve' } })).status,
    ).toBe(409);
  }
  recordReliability({
    id: 'race-decisions',
    kind: 'race',
    tried: `${rounds} rounds of ${concurrency} concurrent decisions (approve and reject, by the assignee and the admin) on one task through the API`,
    runs: requests,
    checked:
      'Per round exactly one 200 and the rest 409 task_already_decided; the task row holds the winner; one decided audit event; the chain opened one next task (or ended rejected)',
    outcome: `${rounds}/${rounds} rounds with one winner, ${requests - rounds} refused, 0 doubled decisions`,
    lost: 0,
  });
});

/** 2,000 dresses at ¥239.00 = ¥478,000 within 90–100 % of a ¥500,000 quota: no approval needed. */
const LINES = [
  { sku: '27SS-DR-003', size: 'M', qty: 1200 },
  { sku: '27SS-DR-003', size: 'L', qty: 800 },
];
const AMOUNT = 2000 * 23_900;
let franchiseeSeq = 0;
async function bookingAwaitingPayment(): Promise<{ id: string; workflowId: string; prepaymentDueFen: number }> {
  const { h, api } = w;
  const id = `RC${String(++franchiseeSeq).padStart(3, '0')}`;
  await h.db.franchisee.create({
    data: {
      id,
      name: `并发加盟商${id}`,
      regionId: 'EAST',
      email: `${id.toLowerCase()}@example.com`,
      quotas: { create: { seasonCode: '2027SS', quotaFen: 50_000_000n } },
    },
  });
  const res = await w.post('/api/bookings', { franchiseeId: id, season: '2027SS', lines: LINES }, 'specialist');
  expect(res.status).toBe(201);
  await until(
    'the statement to be sent',
    () => h.db.auditEvent.count({ where: { workflowId: res.body.workflowId, type: 'statement_sent' } }),
    (n) => n === 1,
  );
  const b = (await api.request('GET', `/api/bookings/${res.body.id}`, w.as('finance'))).body;
  return { id: b.id, workflowId: b.workflowId, prepaymentDueFen: b.prepaymentDueFen };
}
const pay = (bookingId: string, amountFen: number, reference: string) =>
  w.api.request('POST', `/api/bookings/${bookingId}/payments`, {
    ...w.as('finance'),
    body: { amountFen, reference, paidOn: '2026-11-30' },
  });

test('concurrent payments with one bank reference, on one booking and across two: exactly one is recorded; completing payments confirm once', async () => {
  const { h } = w;
  const rounds = runs(3, 10);
  const concurrency = runs(12, 24);
  let requests = 0;
  for (let round = 0; round < rounds; round++) {
    const [a, b, c] = [await bookingAwaitingPayment(), await bookingAwaitingPayment(), await bookingAwaitingPayment()];
    // One booking, one reference, many at once.
    const same = await Promise.all(Array.from({ length: concurrency }, () => pay(a.id, 1_000, `SAME-${round}`)));
    // Two bookings, one reference, many at once on each.
    const across = await Promise.all(Array.from({ length: concurrency }, (_, i) => pay(i % 2 ? a.id : b.id, 2_000, `ACROSS-${round}`)));
    // Distinct references that each pay the whole prepayment, at once: whatever is accepted is
    // recorded once, never above the order amount, and the booking is confirmed once.
    const completing = await Promise.all(Array.from({ length: runs(4, 8) }, (_, i) => pay(c.id, c.prepaymentDueFen, `FULL-${round}-${i}`)));
    requests += same.length + across.length + completing.length;

    expect({ round, same: statuses(same) }).toEqual({ round, same: { '201': 1, '409 duplicate_payment_reference': concurrency - 1 } });
    expect({ round, across: statuses(across) }).toEqual({
      round,
      across: { '201': 1, '409 duplicate_payment_reference': concurrency - 1 },
    });
    expect(await h.db.bookingPayment.count({ where: { reference: `SAME-${round}` } })).toBe(1);
    expect(await h.db.bookingPayment.count({ where: { reference: `ACROSS-${round}` } })).toBe(1);
    const acceptedAcross = across.find((r) => r.status === 201)!.body.id as string;
    // What each booking shows as paid is exactly what was accepted for it.
    for (const booking of [a, b]) {
      const paid = (booking.id === a.id ? 1_000 : 0) + (booking.id === acceptedAcross ? 2_000 : 0);
      const rows = await h.db.bookingPayment.findMany({ where: { bookingId: booking.id } });
      expect(rows.reduce((n, p) => n + Number(p.amountFen), 0)).toBe(paid);
      const view = await until(
        'the paid total',
        async () => (await w.api.request('GET', `/api/bookings/${booking.id}`, w.as('finance'))).body,
        (v) => v.paidFen === paid,
      );
      expect(view.payments).toHaveLength(rows.length);
    }
    const ok = completing.filter((r) => r.status === 201).length;
    expect(ok).toBeGreaterThanOrEqual(1);
    expect(completing.every((r) => r.status === 201 || r.status === 409 || r.status === 422)).toBe(true);
    const confirmed = await until(
      'booking c confirmed',
      async () => (await w.api.request('GET', `/api/bookings/${c.id}`, w.as('finance'))).body,
      (v) => v.status === 'confirmed',
    );
    const cRows = await h.db.bookingPayment.findMany({ where: { bookingId: c.id } });
    expect(cRows).toHaveLength(ok);
    expect(confirmed.paidFen).toBe(ok * c.prepaymentDueFen);
    expect(confirmed.paidFen).toBeLessThanOrEqual(AMOUNT);
    expect(await h.db.orderLine.count({ where: { bookingId: c.id } })).toBe(LINES.length);
    expect(await h.db.auditEvent.count({ where: { workflowId: c.workflowId, type: 'payment_recorded' } })).toBe(ok);
  }
  recordReliability({
    id: 'race-payments',
    kind: 'race',
    tried: `${rounds} rounds: ${concurrency} concurrent payments with one reference on one booking, ${concurrency} with one reference split over two bookings, and ${runs(4, 8)} concurrent full prepayments with distinct references on a third`,
    runs: requests,
    checked:
      'Exactly one payment per reference recorded (201, the rest 409 duplicate_payment_reference), each booking’s paid total equals its accepted payments, the confirmation made its order lines once',
    outcome: `${rounds * 2}/${rounds * 2} references recorded once, ${rounds}/${rounds} bookings confirmed once, 0 doubled payments`,
    lost: 0,
  });
});

test('duplicate shipment events, concurrent scan-ins and shipments racing for one order line: one effect each', async () => {
  const { h } = w;
  const rounds = runs(3, 10);
  const concurrency = runs(12, 24);
  let requests = 0;
  for (let round = 0; round < rounds; round++) {
    // A confirmed booking's open order line of 100, as the booking workflow leaves it.
    const franchiseeId = `SC${String(round).padStart(3, '0')}`;
    await h.db.franchisee.create({
      data: { id: franchiseeId, name: `扫描加盟商${franchiseeId}`, regionId: 'EAST', email: `${franchiseeId.toLowerCase()}@example.com` },
    });
    const booking = await h.db.booking.create({
      data: {
        franchiseeId,
        seasonCode: '2027SS',
        status: 'confirmed',
        amountFen: 0n,
        prepaymentShareBp: 3000,
        prepaymentDueFen: 0n,
        paymentDeadline: new Date(),
        quotaCheck: 'within',
        totalQty: 100,
        createdById: h.user('specialist').id,
        confirmedAt: new Date(),
        lines: { create: [{ position: 0, sku: '27SS-SH-002', size: 'S', qty: 100, unitPriceFen: 100, amountFen: 10_000n }] },
      },
      include: { lines: true },
    });
    const orderLine = await h.db.orderLine.create({
      data: {
        bookingLineId: booking.lines[0]!.id,
        bookingId: booking.id,
        franchiseeId,
        seasonCode: '2027SS',
        sku: '27SS-SH-002',
        size: 'S',
        qty: 100,
      },
    });
    const eta = new Date((await h.env.currentTimeMs()) + 5 * 86_400_000).toISOString();
    // Shipments racing for the one order line: it is allocated to one of them only.
    const shipments = await Promise.all(
      Array.from({ length: runs(4, 8) }, () =>
        w.post(
          '/api/shipments',
          { bookingId: booking.id, lines: [{ sku: '27SS-SH-002', size: 'S', qty: 100 }], expectedArrival: eta },
          'follower',
        ),
      ),
    );
    requests += shipments.length;
    expect(shipments.map((s) => s.status)).toEqual(shipments.map(() => 201));
    const allocated = await h.db.shipmentLine.findMany({ where: { orderLineId: orderLine.id } });
    expect(allocated).toHaveLength(1);
    expect(await h.db.orderLine.findUniqueOrThrow({ where: { id: orderLine.id } })).toMatchObject({ shippedQty: 100 });
    const s = shipments.find((x) => x.body.id === allocated[0]!.shipmentId)!.body as { id: string; workflowId: string };
    await until(
      'tracking to start',
      () => h.db.auditEvent.count({ where: { workflowId: s.workflowId, type: 'started' } }),
      (n) => n === 1,
    );

    // The same carrier event many times at once: applied once.
    const at = new Date(await h.env.currentTimeMs()).toISOString();
    const events = await Promise.all(
      Array.from({ length: concurrency }, () =>
        w.post(`/api/shipments/${s.id}/events`, { eventId: `arrived-${round}`, type: 'arrived', at }, 'follower'),
      ),
    );
    requests += events.length;
    expect(events.map((e) => e.status)).toEqual(events.map(() => 200));
    expect(events.filter((e) => e.body.applied === true)).toHaveLength(1);
    expect(events.filter((e) => e.body.duplicate === true)).toHaveLength(concurrency - 1);
    expect(await h.db.shipmentEvent.count({ where: { shipmentId: s.id, eventId: `arrived-${round}` } })).toBe(1);
    await w.openTask(s.workflowId, 'scan_in');

    // The scan-in, sent many times at once (by two people): one receipt.
    const scans = await Promise.all(
      Array.from({ length: concurrency }, (_, i) =>
        w.post(
          `/api/shipments/${s.id}/receipt`,
          { lines: [{ sku: '27SS-SH-002', size: 'S', qty: 100 }] },
          i % 2 ? 'follower' : 'supervisor',
        ),
      ),
    );
    requests += scans.length;
    expect({ round, scans: statuses(scans) }).toEqual({ round, scans: { '201': 1, '409 receipt_exists': concurrency - 1 } });
    await until(
      'reconciled',
      async () => (await w.api.request('GET', `/api/shipments/${s.id}`, w.as('follower'))).body,
      (x) => x.status === 'reconciled',
    );
    expect(await h.db.shipmentReceipt.count({ where: { shipmentId: s.id } })).toBe(1);
    expect(await h.db.orderLine.findUniqueOrThrow({ where: { id: orderLine.id } })).toMatchObject({ shippedQty: 100, receivedQty: 100 });
    expect(await h.db.shipmentLine.findFirstOrThrow({ where: { shipmentId: s.id } })).toMatchObject({ receivedQty: 100, damagedQty: 0 });
    const scanTasks: Task[] = await h.db.task.findMany({ where: { workflowId: s.workflowId, stepKey: 'scan_in' } });
    expect(scanTasks.map((t) => t.status)).toEqual(['done']);
  }
  recordReliability({
    id: 'race-scans',
    kind: 'race',
    tried: `${rounds} rounds: ${runs(4, 8)} shipments announced at once for one open order line, ${concurrency} copies of one arrival event at once, then ${concurrency} concurrent scan-ins (two people) of the shipment`,
    runs: requests,
    checked:
      'The order line allocated to one shipment (shipped 100, not more); the event applied once and stored once; exactly one receipt (201, the rest 409 receipt_exists); the order line received 100 once; one scan task done',
    outcome: `${rounds}/${rounds} rounds: 1 allocation, 1 applied event, 1 receipt each; 0 doubled scans`,
    lost: 0,
  });
});
