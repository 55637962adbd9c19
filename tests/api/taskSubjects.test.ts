// Every task carries its business content (issue 19, api/subjects.ts): the inbox's summary
// (`subject`, in lists and GET one) and the object in full (`content`, GET one), per process type,
// on the real workflows; and nobody reads them through the task endpoints who may not see the task.
import { DateTime } from 'luxon';
import type { Task } from '../../generated/prisma/client';
import { startProcessWorld, until, type ProcessWorld } from '../helpers/processApi';

let w: ProcessWorld;
const ZONE = 'Asia/Shanghai';
const RETURN_SKU = '26AW-JK-301';

beforeAll(async () => {
  w = await startProcessWorld();
  await w.h.settings({ 'reminder.leadTimes': [], 'escalation.steps': [] });
  // A season whose return window is open, a product of it, and F001 having received 20 M of it.
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
      name: '长款风衣',
      category: '外套',
      seasonCode: '2026AW',
      wholesalePriceFen: 29_900,
      retailPriceFen: 69_900,
      sizes: { create: [{ size: 'M' }] },
    },
  });
  const b = await w.h.db.booking.create({
    data: {
      franchiseeId: 'F001',
      seasonCode: '2026AW',
      status: 'confirmed',
      amountFen: 598_000n,
      prepaymentShareBp: 3000,
      prepaymentDueFen: 0n,
      paymentDeadline: new Date(),
      quotaCheck: 'within',
      totalQty: 20,
      createdById: w.h.user('specialist').id,
      lines: { create: [{ position: 0, sku: RETURN_SKU, size: 'M', qty: 20, unitPriceFen: 29_900, amountFen: 598_000n }] },
    },
    include: { lines: true },
  });
  const l = b.lines[0]!;
  await w.h.db.orderLine.create({
    data: {
      bookingLineId: l.id,
      bookingId: b.id,
      franchiseeId: 'F001',
      seasonCode: '2026AW',
      sku: l.sku,
      size: l.size,
      qty: 20,
      shippedQty: 20,
      receivedQty: 20,
    },
  });
});
afterAll(() => w?.close());

const get = (path: string, user: string) => w.api.request('GET', path, w.as(user));
const dateIn = async (days: number) =>
  DateTime.fromMillis(await w.h.env.currentTimeMs(), { zone: ZONE })
    .plus({ days })
    .toISODate()!;

/** The task as its approver reads it: from their inbox (the summary) and on its page (the content). */
async function asApprover(task: Task, user: string) {
  const inbox = await until(
    `${user}'s inbox row`,
    async () => (await get(`/api/tasks?filter=${encodeURIComponent(JSON.stringify({ mine: true, status: 'open' }))}`, user)).body,
    (rows: { id: string }[]) => rows.some((r) => r.id === task.id),
  );
  const row = inbox.find((r: { id: string }) => r.id === task.id) as { subject?: unknown } | undefined;
  const one = await get(`/api/tasks/${task.id}`, user);
  expect(one.status).toBe(200);
  expect(row).not.toHaveProperty('content'); // the list carries summaries only
  expect(one.body.subject).toEqual(row?.subject); // the same summary on both
  return { subject: one.body.subject, content: one.body.content };
}

/** Someone who may not see the task reads neither its summary nor its content. */
async function hiddenFrom(task: Task, user: string) {
  const one = await get(`/api/tasks/${task.id}`, user);
  expect(one).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
  expect(JSON.stringify(one.body)).not.toContain('subject');
  const list = await get(`/api/tasks?filter=${encodeURIComponent(JSON.stringify({ workflowId: task.workflowId }))}`, user);
  expect(list.status).toBe(200);
  expect(list.body).toEqual([]);
}

test('plan: lines and totals, and after a send back the diff to the revision before', async () => {
  const created = await w.post(
    '/api/plans',
    {
      season: '2027SS',
      type: 'purchase',
      title: '2027 春夏华东采买计划',
      lines: [
        { category: 'T恤', regionId: 'EAST', qty: 1200, amountFen: 10_680_000 },
        { category: '连衣裙', storeId: 'S001', qty: 300, amountFen: 8_970_000 },
      ],
    },
    'specialist',
  );
  expect(created.status).toBe(201);
  const submitted = await w.post(`/api/plans/${created.body.id}/submit`, {}, 'specialist');
  expect(submitted.status).toBeLessThan(300);
  const plan = (await get(`/api/plans/${created.body.id}`, 'specialist')).body;
  expect(plan.workflowId).toEqual(expect.any(String));
  const first = await w.openTask(plan.workflowId, 'supervisor');
  const r1 = await asApprover(first, 'supervisor');
  expect(r1.subject).toEqual({
    kind: 'plan',
    ref: { resource: 'plans', id: plan.id, code: null },
    planType: 'purchase',
    season: '2027SS',
    status: 'submitted',
    revision: 1,
    ownerName: '张专员',
    lineCount: 2,
    totalQty: 1500,
    totalAmountFen: 19_650_000,
  });
  expect(r1.content).toMatchObject({
    kind: 'plan',
    title: '2027 春夏华东采买计划',
    lines: [
      {
        category: 'T恤',
        regionId: 'EAST',
        storeId: null,
        qty: 1200,
        amountFen: 10_680_000,
        storeName: null,
        regionName: expect.any(String),
      },
      { category: '连衣裙', storeId: 'S001', qty: 300, amountFen: 8_970_000, storeName: '上海南京路直营店' },
    ],
    totals: { qty: 1500, amountFen: 19_650_000, byCategory: [expect.anything(), expect.anything()] },
    diff: null,
  });
  await hiddenFrom(first, 'franchisee1');
  await hiddenFrom(first, 'store1');

  // Sent back, edited (T恤 up by 100) and resubmitted: the approver sees what changed.
  expect((await w.decide(first, 'supervisor', 'send_back', 'T恤再加 100 件')).status).toBe(200);
  await until(
    'the plan to be sent back',
    async () => (await get(`/api/plans/${plan.id}`, 'specialist')).body.status,
    (s) => s === 'sent_back',
  );
  const edit = await w.api.request('PUT', `/api/plans/${plan.id}`, {
    ...w.as('specialist'),
    body: {
      lines: [
        { category: 'T恤', regionId: 'EAST', qty: 1300, amountFen: 11_570_000 },
        { category: '连衣裙', storeId: 'S001', qty: 300, amountFen: 8_970_000 },
      ],
    },
  });
  expect(edit.status).toBe(200);
  expect((await w.post(`/api/plans/${plan.id}/submit`, {}, 'specialist')).status).toBeLessThan(300);
  const again = await until(
    'the resubmitted plan’s task',
    async () => (await w.h.tasks(plan.workflowId)).find((t) => t.status === 'open' && t.id !== first.id),
    Boolean,
  );
  const r2 = await asApprover(again!, 'supervisor');
  expect(r2.subject).toMatchObject({ revision: 2, totalQty: 1600, totalAmountFen: 20_540_000 });
  expect(r2.content.diff).toMatchObject({
    fromRevision: 1,
    toRevision: 2,
    added: [],
    removed: [],
    changed: [
      { before: { category: 'T恤', qty: 1200, amountFen: 10_680_000 }, after: { category: 'T恤', qty: 1300, amountFen: 11_570_000 } },
    ],
    totals: { before: { qty: 1500, amountFen: 19_650_000 }, after: { qty: 1600, amountFen: 20_540_000 } },
  });
});

test('booking: the amount against the quota, the prepayment and its deadline, the lines', async () => {
  const res = await w.post(
    '/api/bookings',
    { franchiseeId: 'F001', season: '2027SS', lines: [{ sku: '27SS-DR-003', size: 'XL', qty: 3000 }] },
    'specialist',
  );
  expect(res.status).toBe(201);
  expect(res.body.quotaCheck).toBe('above');
  const review = await w.openTask(res.body.workflowId, 'quota_review');
  const { subject, content } = await asApprover(review, 'manager');
  expect(subject).toEqual({
    kind: 'booking',
    ref: { resource: 'bookings', id: res.body.id, code: res.body.code },
    status: 'awaiting_approval',
    franchiseeName: '杭州西湖加盟店',
    season: '2027SS',
    totalQty: 3000,
    amountFen: res.body.amountFen,
    quotaFen: 50_000_000,
    quotaCheck: 'above',
    prepaymentDueFen: res.body.prepaymentDueFen,
    paidFen: 0,
    paymentDeadline: null, // under the manager's review: the window runs from the order statement
  });
  expect(res.body.amountFen).toBeGreaterThan(50_000_000);
  expect(content).toMatchObject({
    kind: 'booking',
    prepaymentShareBp: res.body.prepaymentShareBp,
    lines: [{ sku: '27SS-DR-003', size: 'XL', qty: 3000, amountFen: res.body.amountFen, productName: expect.any(String) }],
  });
  await hiddenFrom(review, 'store1');
  await hiddenFrom(review, 'follower');
});

test('shipment: the receipt’s discrepancies on the supervisor’s task', async () => {
  const t0 = await w.h.env.currentTimeMs();
  const s = await w.post(
    '/api/shipments',
    { lines: [{ sku: '27SS-PT-004', size: 'M', qty: 60 }], expectedArrival: new Date(t0 + 2 * 86_400_000).toISOString() },
    'follower',
  );
  expect(s.status).toBe(201);
  expect(
    (await w.post(`/api/shipments/${s.body.id}/events`, { eventId: 'arr', type: 'arrived', at: new Date(t0).toISOString() }, 'follower'))
      .status,
  ).toBeLessThan(300);
  await w.openTask(s.body.workflowId, 'scan_in');
  expect(
    (await w.post(`/api/shipments/${s.body.id}/receipt`, { lines: [{ sku: '27SS-PT-004', size: 'M', qty: 55 }] }, 'follower')).status,
  ).toBeLessThan(300);
  const task = await w.openTask(s.body.workflowId, 'discrepancy');
  const { subject, content } = await asApprover(task, 'supervisor');
  expect(subject).toMatchObject({
    kind: 'shipment',
    ref: { resource: 'shipments', id: s.body.id, code: s.body.code },
    totalQty: 60,
    franchiseeName: null,
  });
  expect(content).toMatchObject({
    lines: [{ sku: '27SS-PT-004', size: 'M', qty: 60 }],
    receipt: {
      lines: [{ sku: '27SS-PT-004', size: 'M', qty: 55 }],
      discrepancies: [{ sku: '27SS-PT-004', size: 'M', kind: 'short', expected: 60, received: 55, damaged: 0 }],
    },
  });
  await hiddenFrom(task, 'franchisee1');
});

test('price: old → new per store with stock, age and sell-through, the stores and the dates', async () => {
  const res = await w.post(
    '/api/price-adjustments',
    {
      lines: [{ sku: '27SS-TS-001', newPriceFen: 13_900 }],
      allocationDate: await dateIn(10),
      arrivalDate: await dateIn(12),
      storeIds: ['S001', 'S002'],
      reason: '库龄超过 180 天，配发前降价',
    },
    'specialist',
  );
  expect(res.status).toBe(201);
  const task = await w.openTask(res.body.workflowId, 'superior');
  const { subject, content } = await asApprover(task, 'supervisor');
  expect(subject).toEqual({
    kind: 'price',
    ref: { resource: 'price-adjustments', id: res.body.id, code: res.body.code },
    status: 'pending_approval',
    urgent: false,
    lineCount: 1,
    sku: '27SS-TS-001',
    oldPriceFen: 19_900,
    newPriceFen: 13_900,
    storeCount: 2,
    allocationDate: await dateIn(10),
    effectiveDate: await dateIn(12),
  });
  expect(content).toMatchObject({
    reason: '库龄超过 180 天，配发前降价',
    arrivalDate: await dateIn(12),
    stores: [
      { storeId: 'S001', storeName: '上海南京路直营店' },
      { storeId: 'S002', storeName: '深圳万象城直营店' },
    ],
    lines: [
      {
        sku: '27SS-TS-001',
        productName: '纯棉圆领T恤',
        oldPriceFen: 19_900,
        newPriceFen: 13_900,
        suggestedPriceFen: 13_900,
        stores: [
          { storeId: 'S001', currentPriceFen: 19_900, onHand: 120, stockAgeDays: 200, sellThroughBp: 4000 },
          { storeId: 'S002', currentPriceFen: 19_900 },
        ],
      },
    ],
  });
  await hiddenFrom(task, 'franchisee1');
  await hiddenFrom(task, 'store1'); // its notice is not open yet: the approval is not theirs
});

test('return: the lines with the standard’s verdict', async () => {
  const res = await w.post(
    '/api/returns',
    { kind: 'return', lines: [{ sku: RETURN_SKU, size: 'M', qty: 8, condition: 'new' }], reason: '过季返仓' },
    'franchisee1',
  );
  expect(res.status).toBe(201);
  const task = await w.openTask(res.body.workflowId, 'approve_return');
  const { subject, content } = await asApprover(task, 'supervisor');
  expect(subject).toEqual({
    kind: 'return',
    ref: { resource: 'returns', id: res.body.id, code: res.body.code },
    status: 'pending_approval',
    requesterName: '杭州西湖加盟店',
    lineCount: 1,
    totalQty: 8,
    standardPassed: true,
  });
  expect(content).toMatchObject({
    reason: '过季返仓',
    refusalReasons: [],
    lines: [{ sku: RETURN_SKU, productName: '长款风衣', size: 'M', qty: 8, condition: 'new' }],
  });
  await hiddenFrom(task, 'store1');
  await hiddenFrom(task, 'follower');
});

test('clearance: the clearance price beside the current one, flagged when it is no longer below it, and the period', async () => {
  const startsOn = await dateIn(1);
  const endsOn = await dateIn(7);
  const res = await w.post(
    '/api/returns',
    { kind: 'clearance', lines: [{ sku: '27SS-TS-001', clearancePriceFen: 9_900 }], startsOn, endsOn, reason: '季末清货' },
    'store1',
  );
  expect(res.status).toBe(201);
  const task = await w.openTask(res.body.workflowId, 'approve_clearance');
  const { subject, content } = await asApprover(task, 'manager');
  expect(subject).toEqual({
    kind: 'clearance',
    ref: { resource: 'returns', id: res.body.id, code: res.body.code },
    status: 'pending_approval',
    requesterName: '上海南京路直营店',
    lineCount: 1,
    sku: '27SS-TS-001',
    clearancePriceFen: 9_900,
    currentPriceFen: 19_900,
    aboveCurrent: false,
    startsOn,
    endsOn,
  });
  expect(content).toMatchObject({
    reason: '季末清货',
    lines: [{ sku: '27SS-TS-001', productName: '纯棉圆领T恤', clearancePriceFen: 9_900, currentPriceFen: 19_900 }],
  });
  // A regular price cut below the clearance price after it was submitted: the approver sees it flagged.
  const store = await w.h.db.store.findFirstOrThrow({ where: { name: '上海南京路直营店' } });
  await w.h.db.priceChange.create({
    data: { sku: '27SS-TS-001', storeId: store.id, priceFen: 8_900, previousFen: 19_900, effectiveAt: new Date(Date.now() - 1_000) },
  });
  const again = await asApprover(task, 'manager');
  expect(again.subject).toMatchObject({ clearancePriceFen: 9_900, currentPriceFen: 8_900, aboveCurrent: true });
  await hiddenFrom(task, 'franchisee1');
  await hiddenFrom(task, 'follower');
});

test('general approval: the amount and the reason', async () => {
  const res = await w.post('/api/approvals', { title: '春季陈列道具采购', amountFen: 5_000_000, reason: '新店开业陈列' }, 'specialist');
  expect(res.status).toBe(201);
  const task = await w.openTask(res.body.workflowId, 'supervisor');
  const { subject, content } = await asApprover(task, 'supervisor');
  const expected = {
    kind: 'approval',
    ref: { resource: 'processes', id: res.body.workflowId, code: null },
    title: '春季陈列道具采购',
    season: null,
    amountFen: 5_000_000,
    reason: '新店开业陈列',
  };
  expect(subject).toEqual(expected);
  expect(content).toEqual(expected);
  await hiddenFrom(task, 'franchisee1');
  await hiddenFrom(task, 'finance');
  expect((await w.post('/api/approvals', { title: 'x', reason: 'y'.repeat(2001) }, 'specialist')).status).toBe(422);
});
