// A hand-made day of the department, written straight into the tables with chosen timestamps
// around the Asia/Shanghai day and week boundaries, and the figures worked out by hand for it.
//
// The report's "now" is AT = Tuesday 2 March 2027, 10:00 in Shanghai (02:00 UTC). Monday 1 March
// starts at 2027-02-28T16:00:00Z and ends at 2027-03-01T16:00:00Z; so 15:59:59Z is still Monday
// (this week) and 16:00:00Z is Tuesday, while 2027-02-28T15:59:59Z is Sunday of the week before.
// The period for cycle times and late approvals is 22 February to 1 March (inclusive).
import bcrypt from 'bcryptjs';
import type { Db, Role } from '../../lib/db/client';
import { ROLES } from '../../domain/approval';

export const AT = new Date('2027-03-02T02:00:00Z');
export const PERIOD = { from: '2027-02-22', to: '2027-03-01' };
export const HOUR = 3600_000;

const d = (iso: string) => new Date(iso);
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms);

const ALL_ROLES: Role[] = [...ROLES];

/**
 * The demo department as lib/seed.ts has it (regions, the 2027SS season, franchisees, a store,
 * products, the users and who reports to whom), without its cost: passwords (= usernames) are
 * hashed with 4 bcrypt rounds instead of 10, so logging in stays quick too.
 */
export async function writeMasterData(db: Db): Promise<Record<string, string>> {
  await db.region.createMany({
    data: [
      { id: 'EAST', name: '华东片区' },
      { id: 'SOUTH', name: '华南片区' },
      { id: 'NORTH', name: '华北片区' },
    ],
  });
  await db.season.create({ data: { code: '2027SS', name: '2027 春夏', startsOn: d('2027-02-01'), endsOn: d('2027-07-31') } });
  await db.franchisee.createMany({
    data: [
      { id: 'F001', name: '杭州西湖加盟店', regionId: 'EAST', email: 'franchisee1@example.com' },
      { id: 'F002', name: '广州天河加盟店', regionId: 'SOUTH', email: 'f002@example.com' },
      { id: 'F003', name: '北京朝阳加盟店', regionId: 'NORTH', email: 'f003@example.com' },
    ],
  });
  await db.store.create({ data: { id: 'S001', name: '上海南京路直营店', regionId: 'EAST', kind: 'direct' } });
  for (const [sku, name] of [
    ['27SS-TS-001', '纯棉圆领T恤'],
    ['27SS-DR-003', '碎花连衣裙'],
  ] as const) {
    await db.product.create({
      data: {
        sku,
        name,
        category: '女装',
        seasonCode: '2027SS',
        wholesalePriceFen: 100,
        retailPriceFen: 200,
        sizes: { create: ['S', 'M', 'L', 'XL'].map((size, sortKey) => ({ size, sortKey })) },
      },
    });
  }
  const users: [string, string, Role[], string | null, Partial<{ regionId: string; storeId: string; franchiseeId: string }>][] = [
    ['admin', '系统管理员', ALL_ROLES, null, {}],
    ['manager', '王经理', ['manager'], 'admin', {}],
    ['supervisor', '李主管', ['supervisor'], 'manager', {}],
    ['specialist', '张专员', ['specialist'], 'supervisor', { regionId: 'EAST' }],
    ['follower', '赵跟单', ['follower'], 'supervisor', {}],
    ['finance', '钱财务', ['finance'], null, {}],
    ['store1', '孙店长', ['store_manager'], null, { regionId: 'EAST', storeId: 'S001' }],
    ['franchisee1', '周老板', ['franchisee'], null, { regionId: 'EAST', franchiseeId: 'F001' }],
  ];
  const ids: Record<string, string> = {};
  for (const [username, name, roles, superior, extra] of users) {
    const u = await db.user.create({
      data: {
        username,
        name,
        email: `${username}@example.com`,
        passwordHash: bcrypt.hashSync(username, 4),
        roles,
        superiorId: superior ? ids[superior]! : null,
        ...extra,
      },
    });
    ids[username] = u.id;
  }
  return ids;
}

export interface Fixture {
  users: Record<string, string>;
  adjustments: { late: string; lateSeq: number };
}

export async function writeFixture(db: Db): Promise<Fixture> {
  const users = Object.fromEntries((await db.user.findMany()).map((u) => [u.username, u.id]));
  const specialist = users.specialist!;
  const follower = users.follower!;

  // ---- processes and tasks --------------------------------------------------------------------
  let n = 0;
  const proc = (processType: string, status: string, startedAt: Date, endedAt: Date | null, title = `${processType} ${n + 1}`) => {
    n += 1;
    return db.processInstance.create({
      data: {
        workflowId: `fx-${processType}-${n}`,
        processType,
        processId: `p${n}`,
        title,
        status,
        startedAt,
        endedAt,
        submitterId: specialist,
      },
    });
  };
  let k = 0;
  const task = (
    p: { workflowId: string; processType: string; processId: string },
    t: {
      stepKey: string;
      dueAt: Date;
      status?: string;
      assigneeId?: string | null;
      candidateRole?: 'supervisor' | null;
      createdAt?: Date;
      decidedAt?: Date | null;
      decision?: string;
    },
  ) =>
    db.task.create({
      data: {
        idempotencyKey: `fx-task-${++k}`,
        processType: p.processType,
        processId: p.processId,
        workflowId: p.workflowId,
        stepKey: t.stepKey,
        title: `${t.stepKey} 审批`,
        status: t.status ?? 'open',
        assigneeId: t.assigneeId ?? null,
        candidateRole: t.candidateRole ?? null,
        allowedDecisions: ['approve', 'reject'],
        dueAt: t.dueAt,
        createdAt: t.createdAt ?? d('2027-02-20T00:00:00Z'),
        decidedAt: t.decidedAt ?? null,
        decision: t.decision ?? null,
      },
    });

  // Open tasks. Overdue: due before AT. Due today: from AT to the end of Tuesday (16:00Z).
  const running = await proc('approval', 'running', d('2027-02-20T00:00:00Z'), null);
  const runningPlan = await proc('plan', 'running', d('2027-02-20T00:00:00Z'), null);
  const runningShip = await proc('shipment', 'running', d('2027-02-20T00:00:00Z'), null);
  const runningReturn = await proc('return', 'running', d('2027-02-20T00:00:00Z'), null);
  await task(running, { stepKey: 'a', assigneeId: specialist, dueAt: d('2027-03-02T01:59:59Z') }); // overdue by a second
  await task(running, { stepKey: 'd', assigneeId: follower, dueAt: d('2027-02-28T10:00:00Z') }); // overdue
  await task(runningPlan, { stepKey: 'b', assigneeId: specialist, dueAt: d('2027-03-02T15:59:59Z') }); // today 23:59:59
  await task(runningShip, { stepKey: 'c', assigneeId: follower, dueAt: d('2027-03-02T16:00:00Z') }); // tomorrow 00:00
  await task(runningReturn, { stepKey: 'f', candidateRole: 'supervisor', dueAt: d('2027-03-02T10:00:00Z') }); // a role task, today

  // Ended runs. plan: 1 h, 2 h, 3 h, 10 h, and 4 h ending Monday 23:59:59 (in the period); 100 h
  // ending Tuesday 00:00 (out); a withdrawn and a running one (left out).
  await proc('plan', 'approved', d('2027-02-25T00:00:00Z'), plus('2027-02-25T00:00:00Z', 1 * HOUR));
  await proc('plan', 'rejected', d('2027-02-25T00:00:00Z'), plus('2027-02-25T00:00:00Z', 2 * HOUR));
  await proc('plan', 'approved', d('2027-02-26T00:00:00Z'), plus('2027-02-26T00:00:00Z', 3 * HOUR));
  await proc('plan', 'completed', d('2027-02-26T00:00:00Z'), plus('2027-02-26T00:00:00Z', 10 * HOUR));
  await proc('plan', 'approved', plus('2027-03-01T15:59:59Z', -4 * HOUR), d('2027-03-01T15:59:59Z'));
  await proc('plan', 'approved', plus('2027-03-01T16:00:00Z', -100 * HOUR), d('2027-03-01T16:00:00Z'));
  await proc('plan', 'withdrawn', d('2027-02-25T00:00:00Z'), plus('2027-02-25T00:00:00Z', 5 * HOUR));
  // approval: 1 day and 3 days.
  await proc('approval', 'approved', d('2027-02-22T00:00:00Z'), d('2027-02-23T00:00:00Z'));
  await proc('approval', 'rejected', d('2027-02-22T00:00:00Z'), d('2027-02-25T00:00:00Z'));

  // Decided tasks: plan step 'supervisor' 30, 90 and 150 minutes; price notices per store (folded
  // into 'notify_store') 10 and 20 minutes; one decided Tuesday 00:00 (out of the period).
  const decided = (p: typeof running, stepKey: string, createdAt: string, minutes: number) =>
    task(p, {
      stepKey,
      status: 'done',
      assigneeId: specialist,
      createdAt: d(createdAt),
      decidedAt: plus(createdAt, minutes * 60_000),
      dueAt: d('2027-03-10T00:00:00Z'),
      decision: 'approve',
    });
  // The engine keeps the step's own title in the task's data (the title adds the process's).
  const stepTitle = { stepTitle: { 'zh-CN': '主管审批', en: 'Supervisor approval' } };
  await db.task.update({
    where: { id: (await decided(runningPlan, 'supervisor', '2027-02-23T01:00:00Z', 30)).id },
    data: { data: stepTitle, title: '主管审批 · plan 2' },
  });
  await decided(runningPlan, 'supervisor', '2027-02-24T01:00:00Z', 90);
  await decided(runningPlan, 'supervisor', '2027-03-01T13:29:59Z', 150); // decided 15:59:59Z
  await decided(runningPlan, 'supervisor', '2027-03-01T15:00:00Z', 60); // decided 16:00:00Z: Tuesday, out
  const price = await proc('price', 'running', d('2027-02-20T00:00:00Z'), null);
  await decided(price, 'notify_store:S001', '2027-02-27T00:00:00Z', 10);
  await decided(price, 'notify_store:S002', '2027-02-27T00:00:00Z', 20);

  // ---- escalations ------------------------------------------------------------------------------
  let e = 0;
  const event = (type: string, processType: string, at: string, detail: object = {}, processId = 'x') =>
    db.auditEvent.create({
      data: { idempotencyKey: `fx-ev-${++e}`, workflowId: `fx-ev-${processType}`, processType, processId, type, at: d(at), detail },
    });
  await event('escalated', 'approval', '2027-02-28T15:59:59Z'); // Sunday 23:59:59: the week before
  await event('escalated', 'approval', '2027-02-28T16:00:00Z'); // Monday 00:00
  await event('escalated', 'shipment', '2027-03-01T15:59:59Z'); // Monday 23:59:59
  await event('escalated', 'approval', '2027-03-01T16:00:00Z'); // Tuesday 00:00
  await event('reminder_sent', 'approval', '2027-03-01T03:00:00Z'); // not an escalation

  // ---- price adjustments approved (late) ---------------------------------------------------------
  const adj = (urgent = false) =>
    db.priceAdjustment.create({
      data: {
        status: 'approved',
        urgent,
        reason: '库龄',
        allocationDate: d('2027-03-05'),
        arrivalDate: d('2027-03-08'),
        effectiveDate: d('2027-03-08'),
        approvalDueAt: d('2027-02-25T16:00:00Z'),
        notifyBy: d('2027-03-07T16:00:00Z'),
        storeIds: ['S001'],
        createdById: specialist,
      },
    });
  const late = await adj();
  const onTime = await adj();
  const tooLateForPeriod = await adj();
  const rejected = await adj();
  const decision = (id: string, at: string, decision: string, stepKey = 'superior') =>
    event('decided', 'price', at, { decision, stepKey, taskId: 'x' }, id);
  await decision(late.id, '2027-02-26T03:00:00Z', 'approve');
  await event('approved_late', 'price', '2027-02-26T03:00:01Z', { dueAt: '2027-02-25T16:00:00.000Z', lateByMs: 11 * HOUR }, late.id);
  await decision(onTime.id, '2027-03-01T15:59:59Z', 'approve');
  await decision(onTime.id, '2027-03-01T15:59:59Z', 'acknowledge', 'notify_finance'); // a notice, not the approval
  await decision(tooLateForPeriod.id, '2027-03-01T16:00:00Z', 'approve');
  await event(
    'approved_late',
    'price',
    '2027-03-01T16:00:00Z',
    { dueAt: '2027-02-25T16:00:00.000Z', lateByMs: 120 * HOUR },
    tooLateForPeriod.id,
  );
  await decision(rejected.id, '2027-02-27T00:00:00Z', 'reject');

  // ---- bookings, prepayments and order lines -----------------------------------------------------
  await db.season.create({ data: { code: '2026AW', name: '2026 秋冬', startsOn: d('2026-08-01'), endsOn: d('2027-01-31') } });
  const booking = (
    franchiseeId: string,
    season: string,
    status: string,
    dueFen: number,
    paidFen: number,
    deadline: string,
    lines: { sku: string; size: string; qty: number }[] = [],
  ) =>
    db.booking.create({
      data: {
        franchiseeId,
        seasonCode: season,
        status,
        amountFen: BigInt(dueFen * 4),
        prepaymentShareBp: 2500,
        prepaymentDueFen: BigInt(dueFen),
        paidFen: BigInt(paidFen),
        paymentDeadline: d(deadline),
        quotaCheck: 'within',
        totalQty: lines.reduce((s, l) => s + l.qty, 0),
        createdById: specialist,
        lines: { create: lines.map((l, position) => ({ position, ...l, unitPriceFen: 100, amountFen: BigInt(l.qty * 100) })) },
      },
      include: { lines: true },
    });
  // EAST (F001): 3,000.00 due, 1,000.00 paid, deadline a second before AT: 2,000.00 overdue. A cancelled one is left out.
  await booking('F001', '2027SS', 'overdue', 300_000, 100_000, '2027-03-02T01:59:59Z', [{ sku: '27SS-TS-001', size: 'S', qty: 3 }]);
  await booking('F001', '2027SS', 'cancelled', 999, 999, '2027-02-01T00:00:00Z');
  // SOUTH (F002): paid in full, confirmed, with its order lines shipped in part.
  const south = await booking('F002', '2027SS', 'confirmed', 500_000, 500_000, '2027-02-20T00:00:00Z', [
    { sku: '27SS-TS-001', size: 'M', qty: 10 },
    { sku: '27SS-TS-001', size: 'L', qty: 5 },
    { sku: '27SS-DR-003', size: 'M', qty: 8 },
  ]);
  const shipped: Record<string, [number, number]> = { M: [4, 2], L: [7, 7] }; // [shipped, received]; L is over-shipped by 2
  for (const l of south.lines) {
    const [shippedQty, receivedQty] = l.sku === '27SS-TS-001' ? shipped[l.size]! : [0, 0];
    await db.orderLine.create({
      data: {
        bookingLineId: l.id,
        bookingId: south.id,
        franchiseeId: 'F002',
        seasonCode: '2027SS',
        sku: l.sku,
        size: l.size,
        qty: l.qty,
        shippedQty,
        receivedQty,
      },
    });
  }
  // NORTH (F003): deadline exactly AT: outstanding, not yet overdue.
  await booking('F003', '2027SS', 'awaiting_payment', 120_000, 0, '2027-03-02T02:00:00Z');
  // Another season: left out.
  await booking('F002', '2026AW', 'confirmed', 777_700, 777_700, '2026-09-01T00:00:00Z');

  // ---- delayed shipments ----------------------------------------------------------------------------
  const ship = (delayed: boolean, escalationLevel: number, delayReason: string | null, delayedSince: string | null) =>
    db.shipment.create({
      data: {
        expectedArrival: d('2027-02-27T00:00:00Z'),
        delayed,
        escalationLevel,
        delayReason,
        delayedSince: delayedSince ? d(delayedSince) : null,
        createdById: follower,
        seasonCode: '2027SS',
      },
    });
  await ship(true, 0, 'late', '2027-03-02T01:00:00Z');
  await ship(true, 1, 'silent', '2027-03-01T00:00:00Z');
  await ship(true, 3, 'late', '2027-03-01T02:00:00Z'); // 24 hours before AT
  await ship(true, 3, 'late', '2027-02-27T02:00:00Z');
  await ship(false, 0, null, null);

  // ---- returns and defects ---------------------------------------------------------------------------
  const ret = (kind: string, status: string, defective: number[] = []) =>
    db.returnRequest.create({
      data: {
        kind,
        status,
        reason: '过季',
        storeId: 'S001',
        createdById: specialist,
        lines: {
          create: (defective.length ? defective : [0]).map((defectiveQty, position) => ({
            position,
            sku: '27SS-TS-001',
            size: 'M',
            qty: 5,
            receivedQty: 5,
            defectiveQty,
          })),
        },
      },
    });
  await ret('return', 'pending_approval');
  await ret('return', 'defect_handling', [3, 2]);
  await ret('return', 'accounting', [4]);
  await ret('clearance', 'running');
  await ret('return', 'completed', [9]);
  await ret('return', 'refused');

  // ---- mail ---------------------------------------------------------------------------------------------
  for (const [i, status] of ['sent', 'sent', 'sent', 'failed', 'pending'].entries()) {
    await db.mailMessage.create({ data: { idempotencyKey: `fx-mail-${i}`, to: 'a@example.com', subject: 's', text: 't', status } });
  }

  return { users, adjustments: { late: late.id, lateSeq: late.seq } };
}

/** The figures of the fixture, worked out by hand (see the comments above). */
export const EXPECTED = {
  tasks: {
    totals: { open: 5, overdue: 2, dueToday: 2 },
    byProcess: [
      { processType: 'approval', open: 2, overdue: 2, dueToday: 0 },
      { processType: 'plan', open: 1, overdue: 0, dueToday: 1 },
      { processType: 'return', open: 1, overdue: 0, dueToday: 1 },
      { processType: 'shipment', open: 1, overdue: 0, dueToday: 0 },
    ],
  },
  escalations: {
    from: '2027-03-01',
    to: '2027-03-07',
    total: 3,
    byDay: [
      { date: '2027-03-01', count: 2 },
      { date: '2027-03-02', count: 1 },
      { date: '2027-03-03', count: 0 },
      { date: '2027-03-04', count: 0 },
      { date: '2027-03-05', count: 0 },
      { date: '2027-03-06', count: 0 },
      { date: '2027-03-07', count: 0 },
    ],
    byProcess: [
      { processType: 'approval', count: 2 },
      { processType: 'shipment', count: 1 },
    ],
  },
  cycleTimes: {
    from: '2027-02-22',
    to: '2027-03-01',
    // plan: 1, 2, 3, 4, 10 h → median 3 h; p90 at rank 0.9 × 4 = 3.6: 4 h + 0.6 × 6 h = 7.6 h.
    // approval: 1 and 3 days → median 2 days; p90 = 1 d + 0.9 × 2 d = 2.8 d.
    processes: [
      { processType: 'approval', count: 2, medianSeconds: 172_800, p90Seconds: 241_920 },
      { processType: 'plan', count: 5, medianSeconds: 10_800, p90Seconds: 27_360 },
    ],
    // supervisor: 30, 90, 150 min → median 90 min; p90 at rank 1.8: 90 + 0.8 × 60 = 138 min.
    // notify_store: 10 and 20 min → median 15 min; p90 = 10 + 0.9 × 10 = 19 min.
    steps: [
      {
        processType: 'plan',
        stepKey: 'supervisor',
        title: '主管审批',
        titleEn: 'Supervisor approval',
        count: 3,
        medianSeconds: 5_400,
        p90Seconds: 8_280,
      },
      {
        processType: 'price',
        stepKey: 'notify_store',
        title: 'notify_store:S001 审批',
        titleEn: 'notify_store:S001 审批',
        count: 2,
        medianSeconds: 900,
        p90Seconds: 1_140,
      },
    ],
  },
  prepayments: {
    season: '2027SS',
    regions: [
      {
        regionId: 'EAST',
        regionName: '华东片区',
        bookings: 1,
        dueFen: 300_000,
        receivedFen: 100_000,
        outstandingFen: 200_000,
        overdueFen: 200_000,
      },
      { regionId: 'NORTH', regionName: '华北片区', bookings: 1, dueFen: 120_000, receivedFen: 0, outstandingFen: 120_000, overdueFen: 0 },
      { regionId: 'SOUTH', regionName: '华南片区', bookings: 1, dueFen: 500_000, receivedFen: 500_000, outstandingFen: 0, overdueFen: 0 },
    ],
    totals: { bookings: 3, dueFen: 920_000, receivedFen: 600_000, outstandingFen: 320_000, overdueFen: 200_000 },
  },
  delayedShipments: {
    total: 4,
    byLevel: [
      { level: 0, count: 1, late: 1, silent: 0 },
      { level: 1, count: 1, late: 0, silent: 1 },
      { level: 2, count: 0, late: 0, silent: 0 },
      { level: 3, count: 2, late: 2, silent: 0 },
    ],
  },
  // SOUTH: TS-001 ordered 15, shipped 11 (M 4 + L 7), owed 4 (per SKU: the L over-shipment nets off;
  // per line it would be 6); DR-003 ordered 8, owed 8. Received 2 + 7.
  orders: {
    season: '2027SS',
    totals: { orderedQty: 23, shippedQty: 11, owedQty: 12, receivedQty: 9 },
    byRegion: [
      { regionId: 'EAST', regionName: '华东片区', orderedQty: 0, shippedQty: 0, owedQty: 0, receivedQty: 0 },
      { regionId: 'NORTH', regionName: '华北片区', orderedQty: 0, shippedQty: 0, owedQty: 0, receivedQty: 0 },
      { regionId: 'SOUTH', regionName: '华南片区', orderedQty: 23, shippedQty: 11, owedQty: 12, receivedQty: 9 },
    ],
  },
  lateApprovals: { from: '2027-02-22', to: '2027-03-01', approved: 2, late: 1, onTime: 1 },
  returns: {
    pending: 4,
    byStatus: [
      { kind: 'clearance', status: 'running', count: 1 },
      { kind: 'return', status: 'accounting', count: 1 },
      { kind: 'return', status: 'defect_handling', count: 1 },
      { kind: 'return', status: 'pending_approval', count: 1 },
    ],
    defects: {
      requests: 2,
      defectiveQty: 9,
      byStatus: [
        { status: 'accounting', requests: 1, defectiveQty: 4 },
        { status: 'defect_handling', requests: 1, defectiveQty: 5 },
      ],
    },
  },
};
