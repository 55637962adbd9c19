// A clearance (清货) is a markdown for a period (issue 20), through the HTTP API on the real
// clearance and price-adjustment workflows and the time-skipping Temporal server: the price
// before, during and after a clearance with a regular adjustment taking effect inside the period
// (after it the adjusted price applies, not the pre-clearance one; the history shows both moves);
// a clearance price not below the price in force refused at submission with nothing written; a
// line no longer a markdown at the start (a regular change since the approval) skipped, on the
// timeline.
import { DateTime } from 'luxon';
import type { EngineHarness } from '../helpers/engine';
import type { TestApi } from '../helpers/api';
import { startProcessWorld, until, type ProcessWorld } from '../helpers/processApi';
import { pricesAt } from '../../lib/prices/current';

jest.setTimeout(120_000);

let w: ProcessWorld;
let h: EngineHarness;
let api: TestApi;
const as = (username: string) => w.as(username);
const DAY = 24 * 3600_000;
const ZONE = 'Asia/Shanghai';

beforeAll(async () => {
  w = await startProcessWorld();
  ({ h, api } = w);
  await h.settings({ 'reminder.leadTimes': [], 'escalation.steps': ['PT1H'], 'price.approvalLeadDays': 3 });
});
afterAll(() => w?.close());

const dateIn = (ms: number, days: number) => DateTime.fromMillis(ms, { zone: ZONE }).plus({ days }).toISODate()!;
const dayStart = (date: string) => DateTime.fromISO(date, { zone: ZONE }).toUTC().toISO()!;
const getReturn = async (id: string) => (await api.request('GET', `/api/returns/${id}`, as('specialist'))).body;
const statusOf = (id: string, status: string) =>
  until(
    `clearance ${status}`,
    () => getReturn(id),
    (r) => r.status === status,
  );
/** The price in force as the activities read it (lib/prices/current.ts). */
const inForce = async (sku: string, storeId: string, at: string) =>
  (await pricesAt(h.db, [sku], [storeId], new Date(at))).get(`${sku}|${storeId}`)!.priceFen;
/** The price of a SKU in a store at an instant, as GET /api/prices answers it. */
const priceAt = async (sku: string, storeId: string, at: string) => {
  const res = await api.request('GET', `/api/prices?sku=${sku}&storeId=${storeId}&at=${encodeURIComponent(at)}`, as('specialist'));
  expect(res.status).toBe(200);
  return res.body[0];
};

test('before, during and after a clearance with a regular adjustment inside its period: after it the adjusted price applies', async () => {
  const t0 = await h.env.currentTimeMs();
  const [startsOn, endsOn] = [dateIn(t0, 4), dateIn(t0, 10)];
  const res = await w.post(
    '/api/returns',
    { kind: 'clearance', storeId: 'S001', lines: [{ sku: '27SS-TS-001', clearancePriceFen: 9_900 }], startsOn, endsOn, reason: '季末清货' },
    'specialist',
  );
  expect(res.status).toBe(201);
  expect((await w.decide(await w.openTask(res.body.workflowId, 'approve_clearance'), 'manager', 'approve')).status).toBe(200);
  await statusOf(res.body.id, 'approved');

  // A regular adjustment to ¥159, effective on the seventh day: inside the clearance's period.
  const adj = await api.request('POST', '/api/price-adjustments', {
    ...as('specialist'),
    body: {
      sku: '27SS-TS-001',
      newPriceFen: 15_900,
      allocationDate: dateIn(t0, 5),
      arrivalDate: dateIn(t0, 7),
      storeIds: ['S001'],
      reason: '常规调价',
    },
  });
  expect(adj.status).toBe(201);
  expect(adj.body.lines[0]).toMatchObject({ oldPriceFen: 19_900, newPriceFen: 15_900 });
  expect((await w.decide(await w.openTask(adj.body.workflowId, 'superior'), 'supervisor', 'approve')).status).toBe(200);

  expect(await inForce('27SS-TS-001', 'S001', new Date(t0).toISOString())).toBe(19_900);

  await h.env.sleep(5 * DAY); // into the period
  await statusOf(res.body.id, 'running');
  expect(await inForce('27SS-TS-001', 'S001', dayStart(dateIn(t0, 5)))).toBe(9_900);

  await h.env.sleep(3 * DAY); // the adjustment takes effect inside the period: the clearance price holds
  await until(
    'the adjustment in effect',
    async () => (await api.request('GET', `/api/price-adjustments/${adj.body.id}`, as('specialist'))).body,
    (a) => a.status === 'effective',
  );
  expect(await inForce('27SS-TS-001', 'S001', dayStart(dateIn(t0, 8)))).toBe(9_900);

  await h.env.sleep(4 * DAY); // past the end of the period
  await statusOf(res.body.id, 'completed');
  expect(await inForce('27SS-TS-001', 'S001', dayStart(dateIn(t0, 11)))).toBe(15_900);

  // The price lookup at each of those instants: a running clearance with its end date.
  const before = await priceAt('27SS-TS-001', 'S001', new Date(t0).toISOString());
  expect(before).toMatchObject({ currentPriceFen: 19_900, regularPriceFen: 19_900, clearance: null });
  const during = await priceAt('27SS-TS-001', 'S001', dayStart(dateIn(t0, 5)));
  expect(during).toMatchObject({
    currentPriceFen: 9_900,
    regularPriceFen: 19_900,
    clearance: { priceFen: 9_900, since: dayStart(startsOn), endsAt: dayStart(dateIn(t0, 11)), note: `清货 ${res.body.code}` },
  });
  const adjusted = await priceAt('27SS-TS-001', 'S001', dayStart(dateIn(t0, 8)));
  expect(adjusted).toMatchObject({ currentPriceFen: 9_900, regularPriceFen: 15_900, clearance: { priceFen: 9_900 } });
  const after = await priceAt('27SS-TS-001', 'S001', dayStart(dateIn(t0, 11)));
  expect(after).toMatchObject({ currentPriceFen: 15_900, regularPriceFen: 15_900, since: dayStart(dateIn(t0, 7)), clearance: null });
  // The last moment of the period is still the clearance's.
  const last = await priceAt('27SS-TS-001', 'S001', DateTime.fromISO(endsOn, { zone: ZONE }).endOf('day').toUTC().toISO()!);
  expect(last.currentPriceFen).toBe(9_900);

  // Both moves of the clearance, and the adjustment between them, newest first.
  expect(after.history).toEqual([
    expect.objectContaining({ kind: 'clearance_end', priceFen: 15_900, previousFen: 9_900, effectiveAt: dayStart(dateIn(t0, 11)) }),
    expect.objectContaining({ kind: 'regular', priceFen: 15_900, previousFen: 19_900, adjustmentCode: adj.body.code }),
    expect.objectContaining({
      kind: 'clearance',
      priceFen: 9_900,
      previousFen: 19_900,
      effectiveAt: dayStart(startsOn),
      endsAt: dayStart(dateIn(t0, 11)),
      note: `清货 ${res.body.code}`,
    }),
  ]);
  const events = await h.events(res.body.workflowId, (es) => es.some((e) => e.type === 'completed'));
  expect(events.find((e) => e.type === 'clearance_ended')!.detail).toMatchObject({
    lines: [{ sku: '27SS-TS-001', clearancePriceFen: 9_900, priceFen: 15_900 }],
  });
});

test('a clearance price not below the price in force is refused per line with clearance_not_markdown, and nothing is written', async () => {
  const t0 = await h.env.currentTimeMs();
  const [requests, processes] = [await h.db.returnRequest.count(), await h.db.processInstance.count()];
  const res = await w.post(
    '/api/returns',
    {
      kind: 'clearance',
      storeId: 'S003',
      // ¥399 against the current ¥299 (27SS-PT-004), and a proper markdown beside it.
      lines: [
        { sku: '27SS-TS-001', clearancePriceFen: 9_900 },
        { sku: '27SS-PT-004', clearancePriceFen: 39_900 },
        { sku: '27SS-SH-002', clearancePriceFen: 35_900 },
      ],
      startsOn: dateIn(t0, 2),
      endsOn: dateIn(t0, 5),
      reason: '清货',
    },
    'specialist',
  );
  expect(res.status).toBe(422);
  expect(res.body.error).toMatchObject({
    code: 'clearance_not_markdown',
    details: {
      'lines.1.clearancePriceFen': `27SS-PT-004: the clearance price ¥399.00 is not below the price in force on ${dateIn(t0, 2)}, ¥299.00`,
      'lines.2.clearancePriceFen': `27SS-SH-002: the clearance price ¥359.00 is not below the price in force on ${dateIn(t0, 2)}, ¥359.00`,
    },
  });
  expect(Object.keys(res.body.error.details)).toHaveLength(2);
  expect(await h.db.returnRequest.count()).toBe(requests);
  expect(await h.db.processInstance.count()).toBe(processes);
});

test('a line no longer a markdown at the start (the price in force fell since the approval) is skipped, on the timeline', async () => {
  const t0 = await h.env.currentTimeMs();
  const startsOn = dateIn(t0, 3);
  const res = await w.post(
    '/api/returns',
    {
      kind: 'clearance',
      storeId: 'S002',
      lines: [
        { sku: '27SS-SH-002', clearancePriceFen: 25_900 },
        { sku: '27SS-DR-003', clearancePriceFen: 39_900 },
      ],
      startsOn,
      endsOn: dateIn(t0, 5),
      reason: '清货',
    },
    'specialist',
  );
  expect(res.status).toBe(201);
  expect((await w.decide(await w.openTask(res.body.workflowId, 'approve_clearance'), 'manager', 'approve')).status).toBe(200);
  // A regular change to ¥239 from the day before the start (written as an adjustment's would be).
  await h.db.priceChange.create({
    data: { sku: '27SS-SH-002', storeId: 'S002', priceFen: 23_900, previousFen: 35_900, effectiveAt: new Date(dayStart(dateIn(t0, 2))) },
  });
  await h.env.sleep(4 * DAY);
  const running = await statusOf(res.body.id, 'running');
  expect(running.result).toMatchObject({
    applied: [{ sku: '27SS-DR-003', clearancePriceFen: 39_900, priceInForceFen: 59_900 }],
    skipped: [{ sku: '27SS-SH-002', clearancePriceFen: 25_900, priceInForceFen: 23_900 }],
  });
  const events = await h.events(res.body.workflowId, (es) => es.some((e) => e.type === 'clearance_started'));
  expect(events.filter((e) => e.type === 'clearance_line_skipped').map((e) => e.detail)).toEqual([
    { sku: '27SS-SH-002', clearancePriceFen: 25_900, priceInForceFen: 23_900, reason: 'not_a_markdown' },
  ]);
  expect(await h.db.priceChange.count({ where: { note: `清货 ${res.body.code}` } })).toBe(1);
  expect((await priceAt('27SS-SH-002', 'S002', dayStart(dateIn(t0, 4)))).currentPriceFen).toBe(23_900);
  expect((await priceAt('27SS-DR-003', 'S002', dayStart(dateIn(t0, 4)))).currentPriceFen).toBe(39_900);
});
