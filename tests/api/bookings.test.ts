// Order-fair bookings (process 2) through the HTTP API on the real workflow, the time-skipping
// Temporal server, a real database and a real SMTP server: paid in full, paid in two parts,
// unpaid → extended → paid, unpaid → cancelled (quota released), duplicate payment references,
// quota deviations reviewed by the manager, and the franchisee's mail — each exactly once.
import type { ParsedMail } from 'mailparser';
import { recordPaymentUpdate } from '../../workflows/messages';
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
const DAY = 24 * 3600_000;

/** Test franchisees of their own (one active booking per franchisee and season), quota ¥500,000. */
const QUOTA = 50_000_000;
const franchisees = Array.from({ length: 16 }, (_, i) => `T${String(i + 1).padStart(2, '0')}`);
/** 2,000 dresses at ¥239.00 = ¥478,000: within 90–100 % of the quota. */
const WITHIN = [
  { sku: '27SS-DR-003', size: 'M', qty: 1200 },
  { sku: '27SS-DR-003', size: 'L', qty: 800 },
];
const AMOUNT = 2000 * 23_900; // 47,800,000 fen
const DUE = 14_340_000; // 30 %
/** A payment date in the past (a payment cannot be dated after today). */
const PAID_ON = '2026-11-30';
const ZONE = 'Asia/Shanghai';

beforeAll(async () => {
  w = await startProcessWorld({ smtp: true });
  ({ h, api } = w);
  smtp = w.smtp!;
  await h.settings({
    'reminder.leadTimes': [],
    'escalation.steps': [],
    'booking.paymentWindow': 'P7D',
    'booking.reminderLeadTimes': ['P3D', 'P1D'],
  });
  for (const id of franchisees) {
    await h.db.franchisee.create({
      data: {
        id,
        name: `测试加盟商${id}`,
        regionId: 'EAST',
        email: `${id.toLowerCase()}@example.com`,
        quotas: { create: { seasonCode: '2027SS', quotaFen: BigInt(QUOTA) } },
      },
    });
  }
});
afterAll(() => w?.close());

const book = (franchiseeId: string, lines: unknown = WITHIN, user = 'specialist') =>
  api.request('POST', '/api/bookings', { ...as(user), body: { franchiseeId, season: '2027SS', lines } });
const pay = (id: string, amountFen: number, reference: string, user = 'finance') =>
  api.request('POST', `/api/bookings/${id}/payments`, { ...as(user), body: { amountFen, reference, paidOn: PAID_ON } });
const get = (id: string, user = 'specialist') => api.request('GET', `/api/bookings/${id}`, as(user));

const status = (id: string, wanted: string) =>
  until(
    `booking ${id} ${wanted}`,
    async () => (await get(id)).body,
    (b) => b.status === wanted,
  );
/** A booked order whose workflow has started (it writes the deadline from its own clock). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function booked(franchiseeId: string): Promise<any> {
  const res = await book(franchiseeId);
  expect(res.status).toBe(201);
  await until(
    'the statement to be sent',
    () => h.db.auditEvent.count({ where: { workflowId: res.body.workflowId, type: 'statement_sent' } }),
    (n) => n === 1,
  );
  return (await get(res.body.id)).body;
}
const mailTo = (franchiseeId: string) =>
  smtp.received.filter((m: ParsedMail) => m.to && 'text' in m.to && m.to.text.includes(`${franchiseeId.toLowerCase()}@example.com`));
const subjects = (franchiseeId: string) => mailTo(franchiseeId).map((m) => m.subject ?? '');
const openTask = (workflowId: string, stepKey: string) => w.openTask(workflowId, stepKey);
/** Skips the time-skipping server's clock forward (timers fire on the way). */
const skip = (ms: number) => h.env.sleep(ms);

test('booking computes the amount, the prepayment and the deadline; paid in full → confirmed, order lines open', async () => {
  const res = await book('T01');
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({
    code: expect.stringMatching(/^BK\d{6}$/),
    franchiseeId: 'T01',
    season: '2027SS',
    amountFen: AMOUNT,
    prepaymentShareBp: 3000,
    prepaymentDueFen: DUE,
    paidFen: 0,
    outstandingFen: DUE,
    quotaFen: QUOTA,
    quotaCheck: 'within',
    totalQty: 2000,
    workflowId: `booking-${res.body.id}`,
  });
  expect(res.body.lines).toEqual([
    { position: 0, sku: '27SS-DR-003', productName: '碎花连衣裙', size: 'M', qty: 1200, unitPriceFen: 23_900, amountFen: 28_680_000 },
    { position: 1, sku: '27SS-DR-003', productName: '碎花连衣裙', size: 'L', qty: 800, unitPriceFen: 23_900, amountFen: 19_120_000 },
  ]);
  // P7D: the end of the seventh day in Asia/Shanghai.
  const deadline = DateTime.fromISO(res.body.paymentDeadline, { zone: 'Asia/Shanghai' });
  expect(deadline.toFormat('HH:mm:ss.SSS')).toBe('23:59:59.999');

  await status(res.body.id, 'awaiting_payment');
  const paid = await pay(res.body.id, DUE, 'CMB-2027-0001');
  expect(paid.status).toBe(201);
  expect(paid.body.payments).toEqual([
    expect.objectContaining({ amountFen: DUE, reference: 'CMB-2027-0001', paidOn: PAID_ON, recordedByName: expect.any(String) }),
  ]);
  const b = await status(res.body.id, 'confirmed');
  expect(b).toMatchObject({ paidFen: DUE, outstandingFen: 0, confirmedAt: expect.any(String) });
  const orderLines = await h.db.orderLine.findMany({ where: { bookingId: res.body.id }, orderBy: { size: 'asc' } });
  expect(orderLines.map((l) => [l.sku, l.size, l.qty, l.shippedQty, l.status])).toEqual([
    ['27SS-DR-003', 'L', 800, 0, 'open'],
    ['27SS-DR-003', 'M', 1200, 0, 'open'],
  ]);
  await until(
    'the process to complete',
    () => h.db.processInstance.findUniqueOrThrow({ where: { workflowId: res.body.workflowId } }),
    (p) => p.status === 'completed',
  );
  // After confirmation nothing more can be paid.
  expect((await pay(res.body.id, 100, 'LATE-1')).body.error.code).toBe('booking_closed');
});

test('two partial payments add up; the booking is confirmed by the second', async () => {
  const b = await booked('T02');
  const first = await pay(b.id, 10_000_000, 'ICBC-A');
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({ status: 'awaiting_payment', paidFen: 10_000_000, outstandingFen: DUE - 10_000_000 });
  const second = await pay(b.id, DUE - 10_000_000, 'ICBC-B');
  expect(second.status).toBe(201);
  const done = await status(b.id, 'confirmed');
  expect(done.payments.map((p: { reference: string }) => p.reference)).toEqual(['ICBC-A', 'ICBC-B']);
  expect(done.paidFen).toBe(DUE);
  expect(await h.db.orderLine.count({ where: { bookingId: b.id } })).toBe(2);
});

test('a payment reference is recorded once: on the same booking and on another; other bad payments change nothing', async () => {
  const b = await booked('T03');
  const other = await booked('T04');
  expect((await pay(b.id, 1_000, 'DUP-1')).status).toBe(201);
  const again = await pay(b.id, 1_000, 'DUP-1');
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('duplicate_payment_reference');
  const elsewhere = await pay(other.id, 1_000, 'DUP-1');
  expect(elsewhere.status).toBe(409);
  expect(elsewhere.body.error).toMatchObject({ code: 'duplicate_payment_reference', details: { bookingId: b.id } });
  // Ten concurrent attempts with one new reference: exactly one is recorded.
  const racing = await Promise.all(Array.from({ length: 10 }, () => pay(b.id, 500, 'RACE-1')));
  expect(racing.filter((r) => r.status === 201)).toHaveLength(1);
  expect(racing.filter((r) => r.status === 409 && r.body.error.code === 'duplicate_payment_reference')).toHaveLength(9);
  const over = await pay(b.id, AMOUNT, 'TOO-MUCH');
  expect(over.status).toBe(422);
  expect(over.body.error.details).toHaveProperty('amountFen');
  expect((await pay(b.id, 1_000, 'NOT-FINANCE', 'specialist')).status).toBe(403);
  expect(
    (await api.request('POST', `/api/bookings/${b.id}/payments`, { ...as('finance'), body: { amountFen: 12.5, reference: 'X' } })).status,
  ).toBe(422);
  const after = (await get(b.id)).body;
  expect(after.paidFen).toBe(1_500);
  expect(after.payments.map((p: { reference: string }) => p.reference).sort()).toEqual(['DUP-1', 'RACE-1']);
  expect(await h.db.bookingPayment.count({ where: { bookingId: b.id } })).toBe(2);
});

test('unpaid at the deadline → the manager extends → paid; the franchisee gets each mail exactly once', async () => {
  const b = await booked('T05');
  await pay(b.id, 4_000_000, 'PART-1');
  await skip(8 * DAY);
  await status(b.id, 'overdue');
  const task = await openTask(b.workflowId, 'payment_overdue');
  expect(task).toMatchObject({ candidateRole: 'manager', allowedDecisions: ['extend', 'cancel'] });

  // The new deadline is a date in the business zone, ten days on the process's clock.
  const newDate = DateTime.fromMillis(await h.env.currentTimeMs(), { zone: 'Asia/Shanghai' })
    .plus({ days: 10 })
    .toISODate()!;
  const bad = await api.request('POST', `/api/tasks/${task.id}/decision`, {
    ...as('manager'),
    body: { decision: 'extend', data: { paymentDeadline: '2020-01-01' } },
  });
  expect(bad.status).toBe(422);
  expect((await api.request('POST', `/api/tasks/${task.id}/decision`, { ...as('finance'), body: { decision: 'extend' } })).status).toBe(
    403,
  );
  const ok = await api.request('POST', `/api/tasks/${task.id}/decision`, {
    ...as('manager'),
    body: { decision: 'extend', comment: '加盟商申请延期', data: { paymentDeadline: newDate } },
  });
  expect(ok.status).toBe(200);
  const extended = await status(b.id, 'awaiting_payment');
  expect(DateTime.fromISO(extended.paymentDeadline, { zone: 'Asia/Shanghai' }).toISODate()).toBe(newDate);

  await pay(b.id, DUE - 4_000_000, 'PART-2');
  await status(b.id, 'confirmed');
  await until(
    'the process to end',
    () => h.db.processInstance.findUniqueOrThrow({ where: { workflowId: b.workflowId } }),
    (p) => p.status === 'completed',
  );
  const events = (await h.events(b.workflowId, (es) => es.some((e) => e.type === 'completed'))).map((e) => e.type);
  expect(events.filter((t) => t === 'reminder_sent')).toHaveLength(2); // P3D and P1D before the first deadline
  expect(events).toEqual(
    expect.arrayContaining(['statement_sent', 'payment_recorded', 'payment_overdue', 'deadline_extended', 'confirmed', 'completed']),
  );

  // Statement, two reminders, the extension and the confirmation: once each, in that order.
  const mails = await until(
    'five mails to T05',
    async () => subjects('T05'),
    (s) => s.length >= 5,
  );
  expect(mails).toHaveLength(5);
  expect(mails[0]).toMatch(/订货确认单/);
  expect(mails.slice(1, 3).every((s) => /付款提醒/.test(s))).toBe(true);
  expect(mails[3]).toMatch(/付款延期/);
  expect(mails[4]).toMatch(/订单确认/);
  const ids = mailTo('T05').map((m) => m.messageId);
  expect(new Set(ids).size).toBe(5);
  for (const id of ids) expect(smtp.attempts.get(id!)).toBe(1);
  const statement = mailTo('T05')[0]!;
  expect(statement.text).toContain(b.code);
  expect(statement.text).toContain('¥478,000.00');
  expect(statement.text).toContain('¥143,400.00');
  expect(statement.text).toContain('27SS-DR-003');
});

test('unpaid → the manager cancels → the quota is released and the franchisee told; paid money goes back through finance', async () => {
  const b = await booked('T06');
  await pay(b.id, 1_000_000, 'KEEP-1');
  await skip(8 * DAY);
  await status(b.id, 'overdue');
  const task = await openTask(b.workflowId, 'payment_overdue');
  const noReason = await api.request('POST', `/api/tasks/${task.id}/decision`, { ...as('manager'), body: { decision: 'cancel' } });
  expect(noReason.status).toBe(422);
  expect(
    (await api.request('POST', `/api/tasks/${task.id}/decision`, { ...as('manager'), body: { decision: 'cancel', comment: '逾期未付' } }))
      .status,
  ).toBe(200);
  const cancelled = await status(b.id, 'cancelled');
  expect(cancelled).toMatchObject({ reason: '逾期未付', outstandingFen: 0, cancelledAt: expect.any(String) });

  // The quota is free again: the summary no longer counts it, and the franchisee may book anew.
  const summary = (await api.request('GET', '/api/bookings/summary?season=2027SS', as('manager'))).body;
  const row = summary.regions
    .find((r: { regionId: string }) => r.regionId === 'EAST')
    .franchisees.find((f: { franchiseeId: string }) => f.franchiseeId === 'T06');
  expect(row).toMatchObject({ quotaFen: QUOTA, orderedFen: 0, bookings: 0 });
  // Finance refunds the ¥10,000 received; then the process ends.
  const refund = await openTask(b.workflowId, 'refund');
  expect(refund.candidateRole).toBe('finance');
  expect(
    (
      await api.request('POST', `/api/tasks/${refund.id}/decision`, {
        ...as('finance'),
        body: { decision: 'refunded', comment: '已原路退回' },
      })
    ).status,
  ).toBe(200);
  await until(
    'the process to end cancelled',
    () => h.db.processInstance.findUniqueOrThrow({ where: { workflowId: b.workflowId } }),
    (p) => p.status === 'cancelled',
  );
  const again = await book('T06');
  expect(again.status).toBe(201);
  await until(
    'the cancellation mail',
    async () => subjects('T06'),
    (s) => s.some((x) => /订单取消/.test(x)),
  );
  expect(subjects('T06').filter((x) => /订单取消/.test(x))).toHaveLength(1);
});

test('the manager may cancel an open booking at any time; only the manager, and only with a reason', async () => {
  const b = await booked('T07');
  expect((await api.request('POST', `/api/bookings/${b.id}/cancel`, { ...as('specialist'), body: { reason: 'x' } })).status).toBe(403);
  expect((await api.request('POST', `/api/bookings/${b.id}/cancel`, { ...as('manager'), body: {} })).status).toBe(422);
  const res = await api.request('POST', `/api/bookings/${b.id}/cancel`, { ...as('manager'), body: { reason: '加盟商撤单' } });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: 'cancelled', reason: '加盟商撤单' });
  expect((await api.request('POST', `/api/bookings/${b.id}/cancel`, { ...as('manager'), body: { reason: 'again' } })).body.error.code).toBe(
    'booking_closed',
  );
});

test('below or above the quota, the manager reviews first: approved → statement; rejected → the franchisee is told', async () => {
  const below = await book('T08', [{ sku: '27SS-TS-001', size: 'S', qty: 10 }]);
  expect(below.body).toMatchObject({ status: 'awaiting_approval', quotaCheck: 'below', amountFen: 89_000, prepaymentDueFen: 26_700 });
  const review = await openTask(below.body.workflowId, 'quota_review');
  expect(review.candidateRole).toBe('manager');
  expect(subjects('T08')).toEqual([]); // no statement before the review
  expect((await api.request('POST', `/api/tasks/${review.id}/decision`, { ...as('manager'), body: { decision: 'approve' } })).status).toBe(
    200,
  );
  await status(below.body.id, 'awaiting_payment');
  await until(
    'the statement',
    async () => subjects('T08'),
    (s) => s.length === 1,
  );

  const above = await book('T09', [{ sku: '27SS-DR-003', size: 'XL', qty: 3000 }]);
  expect(above.body).toMatchObject({ status: 'awaiting_approval', quotaCheck: 'above' });
  const r2 = await openTask(above.body.workflowId, 'quota_review');
  expect(
    (await api.request('POST', `/api/tasks/${r2.id}/decision`, { ...as('manager'), body: { decision: 'reject', comment: '超出订货指标' } }))
      .status,
  ).toBe(200);
  const rejected = await status(above.body.id, 'rejected');
  expect(rejected.reason).toBe('超出订货指标');
  await until(
    'the rejection mail',
    async () => subjects('T09'),
    (s) => s.length === 1,
  );
  expect(subjects('T09')[0]).toMatch(/未获批准/);
});

test('bad orders are refused with the line and field named, and nothing is booked', async () => {
  const before = await h.db.booking.count();
  const res = await book('T10', [
    { sku: '27SS-TS-001', size: 'M', qty: 10 },
    { sku: 'NOPE-1', size: 'M', qty: 1 },
    { sku: '27SS-TS-001', size: 'XXXL', qty: 1 },
    { sku: '27SS-TS-001', size: 'M', qty: 5 },
  ]);
  expect(res.status).toBe(422);
  expect(res.body.error.details).toEqual({
    'lines.1.sku': 'no such SKU NOPE-1',
    'lines.2.size': expect.stringContaining('has no size XXXL'),
    'lines.3': 'duplicate line: same SKU and size as line 0',
  });
  expect((await book('T10', [{ sku: '27SS-TS-001', size: 'M', qty: 0 }])).body.error.details).toHaveProperty(['lines.0.qty']);
  expect((await book('NOBODY')).body.error.details).toEqual({ franchiseeId: 'no such franchisee NOBODY' });
  expect((await book('T10', WITHIN, 'finance')).status).toBe(403);
  await h.db.season.create({
    data: { code: '2026AW', name: '2026 秋冬', startsOn: new Date('2026-08-01'), endsOn: new Date('2027-01-31'), orderOpen: false },
  });
  const closed = await api.request('POST', '/api/bookings', {
    ...as('specialist'),
    body: { franchiseeId: 'T10', season: '2026AW', lines: WITHIN },
  });
  expect(closed.status).toBe(409);
  expect(closed.body.error.code).toBe('season_closed');
  expect(await h.db.booking.count()).toBe(before);

  await booked('T10');
  const twice = await book('T10');
  expect(twice.status).toBe(409);
  expect(twice.body.error.code).toBe('booking_exists');
});

test('a franchisee sees only their own bookings; the summary is for staff and finance', async () => {
  const list = await api.request('GET', '/api/bookings?range=[0,99]', as('franchisee1'));
  expect(list.status).toBe(200);
  expect(list.body.every((b: { franchiseeId: string }) => b.franchiseeId === 'F001')).toBe(true);
  const someone = (await api.request('GET', '/api/bookings?filter={"franchiseeId":"T01"}', as('finance'))).body[0];
  expect((await get(someone.id, 'franchisee1')).status).toBe(404);
  expect((await api.request('GET', '/api/bookings/summary?season=2027SS', as('franchisee1'))).status).toBe(403);
  const summary = await api.request('GET', '/api/bookings/summary?season=2027SS', as('finance'));
  expect(summary.status).toBe(200);
  const t01 = summary.body.regions
    .flatMap((r: { franchisees: unknown[] }) => r.franchisees)
    .find((f: { franchiseeId: string }) => f.franchiseeId === 'T01');
  expect(t01).toMatchObject({
    quotaFen: QUOTA,
    orderedFen: AMOUNT,
    quotaUsedBp: 9560,
    prepaymentDueFen: DUE,
    receivedFen: DUE,
    outstandingFen: 0,
    bookings: 1,
    confirmed: 1,
  });
  const csv = await fetch(`${api.url}/api/bookings/summary/export?season=2027SS&format=csv`, {
    headers: { authorization: `Bearer ${w.as('finance').token}` },
  });
  expect(csv.status).toBe(200);
  const text = await csv.text();
  expect(text).toContain('测试加盟商T01');
  expect(text).toContain('478000.00');
});

async function upload(file: Buffer | string, contentType: string, season = '2027SS') {
  const res = await fetch(`${api.url}/api/bookings/import?season=${season}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${w.as('specialist').token}`, 'content-type': contentType },
    body: typeof file === 'string' ? file : new Uint8Array(file),
  });
  return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

test('an order sheet books one order per franchisee in it, all or none', async () => {
  const bad = await upload(
    '加盟商,款号,尺码,数量\nT11,27SS-TS-001,M,10\nT12,NOPE,M,5\nT12,27SS-TS-001,XXL,5\nGHOST,27SS-TS-001,S,1\n',
    'text/csv',
  );
  expect(bad.status).toBe(422);
  expect(bad.body.error.details).toEqual({
    'rows.3.sku': 'no such SKU NOPE',
    'rows.4.size': expect.stringContaining('has no size XXL'),
    'rows.5.franchisee': 'no such franchisee GHOST',
  });
  expect(await h.db.booking.count({ where: { franchiseeId: { in: ['T11', 'T12'] } } })).toBe(0);

  // The wide layout (尺码配比): one column per size; blank and 0 cells are skipped.
  const wide = '加盟商,款号,S,M,L,XL\nT11,27SS-TS-001,10,20,,0\nT12,27SS-SH-002,,5,5,\nT11,27SS-PT-004,1,,,\n';
  const ok = await upload(wide, 'text/csv; charset=utf-8');
  expect(ok.status).toBe(201);
  const byFranchisee = Object.fromEntries(ok.body.bookings.map((b: { franchiseeId: string }) => [b.franchiseeId, b]));
  expect(byFranchisee.T11).toMatchObject({
    totalQty: 31,
    amountFen: 30 * 8_900 + 13_900,
    quotaCheck: 'below',
    status: 'awaiting_approval',
  });
  expect(byFranchisee.T11.lines.map((l: { sku: string; size: string; qty: number }) => `${l.sku}/${l.size}×${l.qty}`)).toEqual([
    '27SS-TS-001/S×10',
    '27SS-TS-001/M×20',
    '27SS-PT-004/S×1',
  ]);
  expect(byFranchisee.T12).toMatchObject({ totalQty: 10, amountFen: 10 * 15_900 });
  // Sent again, the same sheet books nothing twice.
  const again = await upload(wide, 'text/csv');
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('booking_exists');
});

test('quotas come from the approved purchase plan: a franchisee gets what the plan gives its stores', async () => {
  expect((await api.request('POST', '/api/seasons/2027SS/quotas/from-plan', as('specialist'))).status).toBe(403);
  const none = await api.request('POST', '/api/seasons/2027SS/quotas/from-plan', as('manager'));
  expect(none.status).toBe(422);
  const owner = await h.db.user.findUniqueOrThrow({ where: { username: 'supervisor' } });
  await h.db.plan.create({
    data: {
      seasonCode: '2027SS',
      type: 'purchase',
      title: '2027春夏采买计划',
      ownerId: owner.id,
      status: 'approved',
      lockedAt: new Date(),
      revisions: {
        create: {
          number: 1,
          status: 'submitted',
          lines: {
            create: [
              { position: 0, category: 'T恤', storeId: 'S003', regionId: 'EAST', qty: 100, amountFen: 12_345_600n }, // S003 is F001's store
              { position: 1, category: '衬衫', storeId: 'S003', qty: 10, amountFen: 100n },
              { position: 2, category: 'T恤', storeId: 'S001', qty: 500, amountFen: 99_000_000n }, // a direct store: no franchisee
            ],
          },
        },
      },
    },
  });
  const res = await api.request('POST', '/api/seasons/2027SS/quotas/from-plan', as('manager'));
  expect(res.status).toBe(200);
  expect(res.body.quotas).toEqual([{ franchiseeId: 'F001', quotaFen: 12_345_700, previousFen: 50_000_000 }]);
  expect(
    await h.db.franchiseeQuota.findUniqueOrThrow({ where: { franchiseeId_seasonCode: { franchiseeId: 'F001', seasonCode: '2027SS' } } }),
  ).toMatchObject({ quotaFen: 12_345_700n, source: 'plan' });
});

test('missing the extended deadline too opens a new manager task (not the one already decided)', async () => {
  const b = await booked('T13');
  await skip(8 * DAY);
  const first = await openTask(b.workflowId, 'payment_overdue');
  expect((await api.request('POST', `/api/tasks/${first.id}/decision`, { ...as('manager'), body: { decision: 'extend' } })).status).toBe(
    200,
  );
  await status(b.id, 'awaiting_payment');
  await skip(8 * DAY); // one more window (P7D) passes unpaid
  await status(b.id, 'overdue');
  const second = await openTask(b.workflowId, 'payment_overdue');
  expect(second.id).not.toBe(first.id);
  expect(
    (await api.request('POST', `/api/tasks/${second.id}/decision`, { ...as('manager'), body: { decision: 'cancel', comment: '二次逾期' } }))
      .status,
  ).toBe(200);
  await status(b.id, 'cancelled');
});

test('the payment window runs from the order statement: a booking ten days in the quota review still gets its whole window', async () => {
  // Below the quota: the manager reviews it first; no statement, so no deadline yet.
  const res = await book('T14', [{ sku: '27SS-TS-001', size: 'S', qty: 10 }]);
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ status: 'awaiting_approval', paymentDeadline: null, statementSentAt: null });
  const review = await openTask(res.body.workflowId, 'quota_review');
  await skip(10 * DAY); // longer than the P7D window
  expect((await get(res.body.id)).body).toMatchObject({ status: 'awaiting_approval', paymentDeadline: null });
  expect(subjects('T14')).toEqual([]);

  const approvedAt = await h.env.currentTimeMs();
  expect((await w.decide(review, 'manager', 'approve')).status).toBe(200);
  const b = await status(res.body.id, 'awaiting_payment');
  // The deadline: the end of the seventh day after the statement went out, in Asia/Shanghai.
  expect(b.statementSentAt).toEqual(expect.any(String));
  expect(Date.parse(b.statementSentAt)).toBeGreaterThanOrEqual(approvedAt);
  const sent = DateTime.fromISO(b.statementSentAt, { zone: ZONE });
  const deadline = DateTime.fromISO(b.paymentDeadline, { zone: ZONE });
  expect(deadline.toISO()).toBe(sent.plus({ days: 7 }).endOf('day').toISO());
  const statementSent = (await h.events(b.workflowId, (es) => es.some((e) => e.type === 'statement_sent'))).find(
    (e) => e.type === 'statement_sent',
  )!;
  expect(statementSent.detail).toMatchObject({ paymentDeadline: b.paymentDeadline });

  // The statement shows that deadline.
  const [statement] = await until(
    'the order statement to T14',
    async () => mailTo('T14'),
    (m) => m.length === 1,
  );
  expect(statement!.subject).toMatch(/订货确认单/);
  expect(statement!.text).toContain(deadline.setLocale('zh-CN').toFormat('yyyy年M月d日'));

  // Six days on it is still awaiting payment; past the deadline it is overdue.
  await skip(6 * DAY);
  expect((await get(b.id)).body.status).toBe('awaiting_payment');
  await skip(2 * DAY);
  await status(b.id, 'overdue');
});

test('a payment dated after today (Asia/Shanghai) is refused by the API and by the workflow; nothing is recorded', async () => {
  const b = await booked('T15');
  const tomorrow = DateTime.now().setZone(ZONE).plus({ days: 1 }).toISODate()!;
  const future = await api.request('POST', `/api/bookings/${b.id}/payments`, {
    ...as('finance'),
    body: { amountFen: 1_000, reference: 'FUTURE-1', paidOn: tomorrow },
  });
  expect(future.status).toBe(422);
  expect(future.body.error).toMatchObject({ code: 'payment_date_in_future', details: { paidOn: expect.any(String) } });
  const farFuture = await api.request('POST', `/api/bookings/${b.id}/payments`, {
    ...as('finance'),
    body: { amountFen: 1_000, reference: 'FUTURE-2', paidOn: '2027-01-15' },
  });
  expect(farFuture.status).toBe(422);
  expect(farFuture.body.error.code).toBe('payment_date_in_future');

  // The workflow's Update validator refuses it too (dated after today on the workflow's clock).
  const wfTomorrow = DateTime.fromMillis(await h.env.currentTimeMs(), { zone: ZONE })
    .plus({ days: 1 })
    .toISODate()!;
  const handle = h.env.client.workflow.getHandle(b.workflowId);
  await expect(
    handle.executeUpdate(recordPaymentUpdate, {
      args: [{ actor: h.user('finance').actor, amountFen: 1_000, reference: 'FUTURE-3', paidOn: wfTomorrow, note: null }],
    }),
  ).rejects.toMatchObject({ cause: { type: 'payment_date_in_future' } });

  const after = (await get(b.id)).body;
  expect(after).toMatchObject({ paidFen: 0, payments: [] });
  expect(await h.db.bookingPayment.count({ where: { bookingId: b.id } })).toBe(0);
  expect((await h.events(b.workflowId)).some((e) => e.type === 'payment_recorded')).toBe(false);

  // Today is fine.
  const today = DateTime.now().setZone(ZONE).toISODate()!;
  const ok = await pay(b.id, 1_000, 'TODAY-1');
  expect(ok.status).toBe(201);
  const dated = await api.request('POST', `/api/bookings/${b.id}/payments`, {
    ...as('finance'),
    body: { amountFen: 1_000, reference: 'TODAY-2', paidOn: today },
  });
  expect(dated.status).toBe(201);
  expect(dated.body.payments.map((p: { paidOn: string }) => p.paidOn)).toEqual([PAID_ON, today]);
});
