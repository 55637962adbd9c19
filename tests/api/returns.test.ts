// Returns and clearances (process 5) through the HTTP API on the real workflows and the
// time-skipping Temporal server: a return checked against the standard, approved, tracked as an
// inbound shipment, graded at receipt with defects → defect handling → finance's accounting; a
// return refused by the standard with its reasons; a clearance approved, priced, and its
// sell-through recorded at the end of the period; slow defect handling escalating.
import { DateTime } from 'luxon';
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
const ZONE = 'Asia/Shanghai';
const SKU = '26AW-JK-201';

beforeAll(async () => {
  w = await startProcessWorld();
  ({ h, api } = w);
  await h.settings({
    'reminder.leadTimes': [],
    'escalation.steps': ['PT1H'],
    'return.defectDue': 'PT4H',
    'return.accountingDue': 'PT4H',
    'return.transitTime': 'P3D',
  });
  // A season ending in ten days (on the process clock): its return window is open.
  const today = DateTime.fromMillis(await h.env.currentTimeMs(), { zone: ZONE });
  await h.db.season.create({
    data: {
      code: '2026AW',
      name: '2026 秋冬',
      startsOn: new Date('2026-08-01'),
      endsOn: new Date(`${today.plus({ days: 10 }).toISODate()}T00:00:00Z`),
    },
  });
  await h.db.product.create({
    data: {
      sku: SKU,
      name: '短款夹克',
      category: '外套',
      seasonCode: '2026AW',
      wholesalePriceFen: 19_900,
      retailPriceFen: 45_900,
      sizes: { create: [{ size: 'M' }, { size: 'L' }] },
    },
  });
  // F001 received 20 M and 5 L of it from a confirmed booking.
  const b = await h.db.booking.create({
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
      createdById: h.user('specialist').id,
      lines: {
        create: [
          { position: 0, sku: SKU, size: 'M', qty: 20, unitPriceFen: 19_900, amountFen: 398_000n },
          { position: 1, sku: SKU, size: 'L', qty: 5, unitPriceFen: 19_900, amountFen: 99_500n },
        ],
      },
    },
    include: { lines: true },
  });
  for (const l of b.lines)
    await h.db.orderLine.create({
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
});
afterAll(() => w?.close());

const post = (path: string, body: unknown, user: string) => w.post(path, body, user);
const get = async (id: string) => (await api.request('GET', `/api/returns/${id}`, as('specialist'))).body;
const statusOf = (id: string, status: string) =>
  until(
    `return ${status}`,
    () => get(id),
    (r) => r.status === status,
  );
const openTask = (workflowId: string, stepKey: string): Promise<Task> => w.openTask(workflowId, stepKey);
const decide = (task: Task, user: string, decision: string, comment?: string) => w.decide(task, user, decision, comment);

/** A return approved and received with `damaged` defective units of M. */
async function approvedAndReceived(qtyM: number, damaged: number) {
  const res = await post(
    '/api/returns',
    { kind: 'return', lines: [{ sku: SKU, size: 'M', qty: qtyM, condition: damaged ? 'defective' : 'new' }], reason: '过季返仓' },
    'franchisee1',
  );
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ kind: 'return', franchiseeId: 'F001', code: expect.stringMatching(/^RT\d{6}$/) });
  const approval = await openTask(res.body.workflowId, 'approve_return');
  expect(approval.candidateRole).toBe('supervisor');
  expect((await decide(approval, 'supervisor', 'approve')).status).toBe(200);
  const inTransit = await statusOf(res.body.id, 'in_transit');
  expect(inTransit.shipment).toMatchObject({ code: expect.stringMatching(/^SH\d{6}$/), status: 'created' });
  const shipment = (await api.request('GET', `/api/shipments/${inTransit.shipment.id}`, as('follower'))).body;
  expect(shipment).toMatchObject({ kind: 'return', totalQty: qtyM });
  await post(
    `/api/shipments/${shipment.id}/events`,
    { eventId: 'arrived', type: 'arrived', at: new Date(await h.env.currentTimeMs()).toISOString() },
    'follower',
  );
  await openTask(shipment.workflowId, 'scan_in');
  expect(
    (await post(`/api/shipments/${shipment.id}/receipt`, { lines: [{ sku: SKU, size: 'M', qty: qtyM, damaged }] }, 'follower')).status,
  ).toBe(201);
  if (damaged) {
    // The scan-in's damaged units are a discrepancy of the shipment first: the supervisor accepts it.
    const d = await openTask(shipment.workflowId, 'discrepancy');
    expect((await decide(d, 'supervisor', 'accept')).status).toBe(200);
  }
  return res.body;
}

test('approved return received with defects → defect handling → finance’s accounting task done', async () => {
  const r = await approvedAndReceived(6, 2);
  const defect = await openTask(r.workflowId, 'defect_handling');
  expect(defect).toMatchObject({ candidateRole: 'after_sales', allowedDecisions: ['repair', 'write_off', 'return_to_head_office'] });
  const graded = await statusOf(r.id, 'defect_handling');
  expect(graded.lines).toEqual([expect.objectContaining({ sku: SKU, size: 'M', qty: 6, receivedQty: 6, defectiveQty: 2 })]);
  expect((await decide(defect, 'follower', 'write_off')).status).toBe(403);
  expect((await decide(defect, 'admin', 'write_off', '残次报废')).status).toBe(200); // admin holds after_sales in the demo
  const accounting = await openTask(r.workflowId, 'defect_accounting');
  expect(accounting.candidateRole).toBe('finance');
  expect((await decide(accounting, 'finance', 'booked', '已做报废账务处理')).status).toBe(200);
  const done = await statusOf(r.id, 'completed');
  expect(done.result).toMatchObject({ defectDecision: 'write_off', defectiveQty: 2 });
  const types = (await h.events(r.workflowId, (es) => es.some((e) => e.type === 'completed'))).map((e) => e.type);
  expect(types).toEqual(expect.arrayContaining(['standard_passed', 'return_shipped', 'graded', 'completed']));
});

test('a return the standard refuses ends with its reasons: worn goods, more than received, a season not yet in its window', async () => {
  const res = await post(
    '/api/returns',
    {
      kind: 'return',
      franchiseeId: 'F001',
      reason: '季末返仓',
      lines: [
        { sku: SKU, size: 'L', qty: 9, condition: 'new' },
        { sku: SKU, size: 'M', qty: 1, condition: 'worn' },
        { sku: '27SS-TS-001', size: 'M', qty: 1 },
      ],
    },
    'specialist',
  );
  expect(res.status).toBe(201);
  const refused = await statusOf(res.body.id, 'refused');
  expect(refused.refusalReasons).toEqual([
    `line 1 (${SKU} L): 9 requested but only 5 received and not yet returned`,
    `line 2 (${SKU} M): worn or soiled goods are not returnable`,
    expect.stringMatching(/^line 3 \(27SS-TS-001 M\): the return window opens on 2027-07-01/),
    'line 3 (27SS-TS-001 M): 1 requested but only 0 received and not yet returned',
  ]);
  await until(
    'the process to end',
    () => h.db.processInstance.findUniqueOrThrow({ where: { workflowId: res.body.workflowId } }),
    (p) => p.status === 'rejected',
  );
  expect(await h.db.task.count({ where: { workflowId: res.body.workflowId } })).toBe(0); // refused before anyone is asked
});

test('slow defect handling is escalated like every task', async () => {
  const r = await approvedAndReceived(3, 1);
  const defect = await openTask(r.workflowId, 'defect_handling');
  await h.env.sleep(6 * HOUR); // due after 4 hours, escalated an hour later
  const escalated = await h.events(r.workflowId, (es) =>
    es.some((e) => e.type === 'escalated' && (e.detail as { taskId: string }).taskId === defect.id),
  );
  expect(escalated.find((e) => e.type === 'escalated')!.detail).toMatchObject({ level: 1, action: 'notified' });
});

test('a store manager’s clearance: approved, priced for its period, and its sell-through recorded at the end', async () => {
  const start = DateTime.fromMillis(await h.env.currentTimeMs(), { zone: ZONE }).plus({ days: 1 });
  const body = {
    kind: 'clearance',
    lines: [{ sku: '27SS-TS-001', clearancePriceFen: 9_900 }],
    startsOn: start.toISODate(),
    endsOn: start.plus({ days: 6 }).toISODate(),
    reason: '季末清货',
  };
  expect((await post('/api/returns', { ...body, storeId: 'S002' }, 'store1')).status).toBe(403); // not their store
  const res = await post('/api/returns', body, 'store1');
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ kind: 'clearance', storeId: 'S001', status: 'pending_approval' });
  const approval = await openTask(res.body.workflowId, 'approve_clearance');
  expect(approval.candidateRole).toBe('manager');
  expect((await decide(approval, 'manager', 'approve')).status).toBe(200);
  await statusOf(res.body.id, 'approved');
  await h.env.sleep(2 * DAY);
  await statusOf(res.body.id, 'running');
  const prices = (await api.request('GET', '/api/prices?sku=27SS-TS-001&storeId=S001', as('store1'))).body;
  // (The API reads "current" by the wall clock, which the time-skipping server has run ahead of.)
  // The clearance price from the start of its period, and the return to the price before it after its last day.
  const end = start.plus({ days: 7 }).startOf('day').toUTC().toISO();
  expect(prices[0].history).toEqual([
    expect.objectContaining({ kind: 'clearance_end', priceFen: 19_900, previousFen: 9_900, effectiveAt: end, pending: true }),
    expect.objectContaining({
      kind: 'clearance',
      priceFen: 9_900,
      previousFen: 19_900,
      effectiveAt: start.startOf('day').toUTC().toISO(),
      endsAt: end,
    }),
  ]);
  // The store sells 50 during the period (stock as the POS feed would leave it).
  await h.db.storeStock.update({ where: { storeId_sku: { storeId: 'S001', sku: '27SS-TS-001' } }, data: { soldQty: 130, onHand: 70 } });
  await h.env.sleep(7 * DAY);
  const done = await statusOf(res.body.id, 'completed');
  expect(done.result).toMatchObject({ soldQty: 50, remainingQty: 70, sellThroughBp: 4166 });
  expect(
    (await h.events(res.body.workflowId, (es) => es.some((e) => e.type === 'clearance_result'))).find((e) => e.type === 'clearance_result')!
      .detail,
  ).toMatchObject({ soldQty: 50 });
});

test('bad requests are refused with the field named', async () => {
  const r1 = await post('/api/returns', { kind: 'return', lines: [{ sku: 'NOPE', size: 'M', qty: 1 }], reason: 'x' }, 'specialist');
  expect(r1.status).toBe(422);
  expect(r1.body.error.details).toMatchObject({ storeId: 'give either storeId or franchiseeId', 'lines.0.sku': 'no such SKU NOPE' });
  expect((await post('/api/returns', { kind: 'swap', lines: [], reason: 'x' }, 'specialist')).status).toBe(422);
  expect(
    (await post('/api/returns', { kind: 'return', franchiseeId: 'F001', lines: [{ sku: SKU, size: 'M', qty: 1 }], reason: 'x' }, 'finance'))
      .status,
  ).toBe(403);
  const past = await post(
    '/api/returns',
    {
      kind: 'clearance',
      storeId: 'S001',
      lines: [{ sku: '27SS-TS-001', clearancePriceFen: 100 }],
      startsOn: '2020-01-01',
      endsOn: '2020-01-02',
      reason: 'x',
    },
    'specialist',
  );
  expect(past.body.error.details).toHaveProperty('startsOn');
});
