// Fault class: the database goes away while processes run. The API and a worker reach the real
// PostgreSQL server only through a loopback TCP proxy (tests/faults/tcpProxy.ts) that cuts every
// connection and then refuses, resets or swallows new ones for a while. During the outage every
// request fails cleanly (503 database_unavailable, Retry-After, a human message, no stack) and
// changes nothing; /health says the database is down; the engine keeps accepting decisions and
// its activities retry. Afterwards every process completes, and counting rows shows nothing
// accepted was lost or doubled: tasks, 'decided' audit events, processes, mails.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Actor } from '../../domain/approval';
import { loadConfig } from '../../lib/config';
import { createDb, type Db } from '../../lib/db/client';
import { createWorker } from '../../runtime/createWorker';
import { testBundle } from '../helpers/bundle';
import { decideUpdate, processStateQuery, recordPaymentUpdate } from '../../workflows/messages';
import { startTestApi, type TestApi } from '../helpers/api';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';
import { until } from '../helpers/processApi';
import { timeSkippingEnv } from '../helpers/temporal';
import { FULL, recordReliability, runs } from './report';
import { startTcpProxy, type DownMode, type TcpProxy } from './tcpProxy';

jest.setTimeout(FULL ? 5 * 60_000 : 2 * 60_000);

/** Rounds of outage, and what the database looks like in each. */
const MODES: DownMode[] = FULL ? ['refuse', 'reset', 'blackhole', 'refuse'] : ['refuse', 'reset'];
/** Processes started per round; half are decided once before the cut, half in the burst. */
const PER_ROUND = runs(4, 6);
/** How long the database stays away (a blackhole must outlast the 15 s connect timeout). */
const outageMs = (mode: DownMode) => (mode === 'blackhole' ? 20_000 : runs(6_000, 10_000));
/** No request may take longer than this, outage or not: a hang is a failure. */
const REQUEST_BOUND_MS = 90_000;

let database: TestDatabase;
let proxy: TcpProxy;
let db: Db; // the API's and the worker's: through the proxy
let direct: Db; // the test's own view of the truth: straight to the server
let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let api: TestApi;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const bundle = testBundle();
  [database, env] = await Promise.all([createTestDatabase(), timeSkippingEnv()]);
  const server = new URL(database.url);
  proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  const url = proxy.via(database.url);
  db = createDb(url, { maxConnections: 5 });
  direct = createDb(database.url, { maxConnections: 2 });
  const taskQueue = `db-outage-${Date.now()}`;
  api = await startTestApi({ db, databaseUrl: url, temporal: env.client, env: { TEMPORAL_TASK_QUEUE: taskQueue } });
  worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await bundle,
    deps: { db, config: loadConfig({ DATABASE_URL: url }) },
  });
  running = worker.run();
  for (const u of ['specialist', 'supervisor', 'manager', 'finance']) tokens[u] = await api.login(u);
});

afterAll(async () => {
  await proxy?.up();
  if (worker) {
    worker.shutdown();
    await running;
  }
  await api?.close();
  await env?.teardown();
  await db?.$disconnect();
  await direct?.$disconnect();
  await proxy?.close();
  await database?.drop();
});

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- assertions inspect JSON freely
}

/** One HTTP call, never waited on longer than REQUEST_BOUND_MS (a hang fails the test). */
async function call(method: string, path: string, user: string | null, body?: unknown): Promise<Answer> {
  const res = await fetch(api.url + path, {
    method,
    headers: {
      ...(user ? { authorization: `Bearer ${tokens[user]}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_BOUND_MS),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

/** A clean refusal: 503, the machine-readable code, Retry-After, a sentence, and nothing of our insides. */
function expectUnavailable(res: Answer): void {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 503, code: 'database_unavailable' });
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(res.body.error.message).toMatch(/database/i);
  expect(res.text).not.toMatch(/\bat .*\.(ts|js):\d+|node_modules|stack|invocation|prisma|ECONN|127\.0\.0\.1/i);
}

async function startApproval(title: string): Promise<Answer> {
  return call('POST', '/api/approvals', 'specialist', { title });
}

/** The open task of a step, once the workflow knows it (as a person clicking in the UI would). */
async function openTask(workflowId: string, stepKey: string) {
  const task = await until(
    `${stepKey} task of ${workflowId}`,
    () => direct.task.findFirst({ where: { workflowId, stepKey, status: 'open' } }),
    (t) => t !== null,
    { timeoutMs: 60_000 },
  );
  await until(
    `${workflowId} to know task ${task!.id}`,
    () =>
      env.client.workflow
        .getHandle(workflowId)
        .query(processStateQuery)
        .then(
          (s) => s.tasks.map((t) => t.id),
          () => [] as string[],
        ),
    (ids) => ids.includes(task!.id),
    { timeoutMs: 60_000 },
  );
  return task!;
}

const decide = (taskId: string, user: string) => call('POST', `/api/tasks/${taskId}/decision`, user, { decision: 'approve' });

async function actorOf(username: string): Promise<Actor> {
  const u = await direct.user.findUniqueOrThrow({ where: { username } });
  return { userId: u.id, name: u.name, roles: u.roles, regionId: u.regionId };
}

/** What a workflow left behind: its rows, to compare with the control run. */
async function footprint(workflowId: string) {
  const [process, tasks, events, mails] = await Promise.all([
    direct.processInstance.findUnique({ where: { workflowId } }),
    direct.task.findMany({ where: { workflowId } }),
    direct.auditEvent.findMany({ where: { workflowId } }),
    direct.mailMessage.findMany({ where: { workflowId } }),
  ]);
  const count = (xs: string[]) => Object.fromEntries([...new Set(xs)].sort().map((x) => [x, xs.filter((y) => y === x).length]));
  return {
    status: process?.status,
    tasks: count(tasks.map((t) => `${t.stepKey}:${t.status}:${t.decision ?? '-'}`)),
    events: count(events.map((e) => e.type)),
    mails: count(mails.map((m) => `${m.template}:${m.to}`)),
  };
}

/** Decides every open task of the process through the API until it has ended. */
async function finish(workflowId: string): Promise<void> {
  for (const step of ['supervisor', 'manager']) {
    const open = await direct.task.findFirst({ where: { workflowId, stepKey: step, status: 'open' } });
    const done = await direct.task.findFirst({ where: { workflowId, stepKey: step, status: 'done' } });
    if (done) continue;
    const task = open ?? (await openTask(workflowId, step));
    const res = await decide(task.id, step);
    expect(res.status).toBe(200);
  }
  // The run ends only after its audit trail and its outbox (mail) are written.
  await until(
    `${workflowId} to complete`,
    () =>
      env.client.workflow
        .getHandle(workflowId)
        .describe()
        .then((d) => d.status.name),
    (s) => s === 'COMPLETED',
    { timeoutMs: 60_000 },
  );
}

let control: Awaited<ReturnType<typeof footprint>>;

test('control: one general approval start to finish with the database up', async () => {
  const started = await startApproval('对照流程');
  expect([201, 202]).toContain(started.status);
  await finish(started.body.workflowId);
  control = await footprint(started.body.workflowId);
  expect(control).toMatchObject({
    status: 'approved',
    tasks: { 'manager:done:approve': 1, 'supervisor:done:approve': 1 },
    events: { decided: 2, completed: 1 },
  });
  expect(Object.keys(control.mails).length).toBeGreaterThanOrEqual(3); // task_assigned ×2 steps, process_result
});

test('the database cut during running processes: requests refused cleanly, nothing lost or doubled', async () => {
  const accepted: string[] = []; // workflowIds of every process the API accepted
  let refused = 0;
  let burstAccepted = 0;
  let burstRefused = 0;
  let engineDecisions = 0;
  const manager = await actorOf('manager');

  for (const [round, mode] of MODES.entries()) {
    // Processes running: half have passed their first step, half wait on it.
    const ids: string[] = [];
    for (let i = 0; i < PER_ROUND; i++) {
      const res = await startApproval(`断库 ${round + 1}-${i + 1}`);
      expect([201, 202]).toContain(res.status);
      ids.push(res.body.workflowId);
    }
    accepted.push(...ids);
    const first = await Promise.all(ids.map((id) => openTask(id, 'supervisor')));
    const half = Math.floor(PER_ROUND / 2);
    for (const t of first.slice(0, half)) expect((await decide(t.id, 'supervisor')).status).toBe(200);

    // The cut lands in the middle of a burst of decisions: each is either taken (200) or refused (503).
    const burst = first.slice(half).map((t) => decide(t.id, 'supervisor').then((r) => ({ task: t, r })));
    await new Promise((r) => setTimeout(r, [0, 250, 120, 400][round % 4])); // a different moment each round: before, during, after the decisions' reads
    await proxy.down(mode);
    const cutAt = Date.now();

    // During the outage: everything that needs the database is refused, cleanly and quickly.
    const health = await call('GET', '/health', null);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'down', db: 'down' });
    expect(health.body.down).toContain('db');
    const start = await startApproval(`断库期间 ${round + 1}`);
    expectUnavailable(start);
    refused += 1;
    // A manager task (its process passed the first step before the cut): the API refuses to decide it...
    const waiting = await direct.task.findFirst({ where: { workflowId: { in: ids }, stepKey: 'manager', status: 'open' } });
    if (waiting) {
      expectUnavailable(await decide(waiting.id, 'manager'));
      refused += 1;
      expect((await direct.task.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe('open'); // ...and nothing changed
    }
    const list = await call('GET', '/api/tasks?filter={"mine":true}', 'manager');
    expectUnavailable(list);
    const login = await call('POST', '/api/auth/login', null, { username: 'manager', password: 'manager' });
    expectUnavailable(login);
    refused += 2;

    // ...while the engine, Temporal being up, still takes it; persisting it waits for the database.
    const engineDecision = waiting
      ? env.client.workflow
          .getHandle(waiting.workflowId)
          .executeUpdate(decideUpdate, { args: [{ taskId: waiting.id, actor: manager, decision: 'approve', comment: '断库期间审批' }] })
      : undefined;

    await new Promise((r) => setTimeout(r, Math.max(0, outageMs(mode) - (Date.now() - cutAt)))); // the outage itself
    await proxy.up();
    await until(
      'health to recover',
      () => call('GET', '/health', null),
      (h) => h.status === 200,
      { timeoutMs: 60_000 },
    );

    if (engineDecision) {
      await engineDecision;
      engineDecisions += 1;
    }
    for (const { task, r } of await Promise.all(burst)) {
      if (r.status === 200) {
        // Taken, and said so: the answer and the row agree.
        expect(r.body).toMatchObject({ id: task.id, status: 'done', decision: 'approve' });
        expect((await direct.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('done');
        burstAccepted += 1;
        continue;
      }
      expectUnavailable(r);
      burstRefused += 1;
      // A refused decision changed nothing: the task is still open.
      expect((await direct.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('open');
    }
    // The refused process start is made again, as a client seeing Retry-After would.
    const again = await startApproval(`断库之后 ${round + 1}`);
    expect([201, 202]).toContain(again.status);
    accepted.push(again.body.workflowId);
  }

  // Every accepted process completes; each looks exactly like the control run.
  for (const id of accepted) await finish(id);
  for (const id of accepted) expect({ id, ...(await footprint(id)) }).toEqual({ id, ...control });
  // Nothing refused left a trace: exactly the accepted processes (and the control) exist.
  expect(await direct.processInstance.count()).toBe(accepted.length + 1);
  const decided = await direct.auditEvent.count({ where: { type: 'decided', workflowId: { in: accepted } } });
  expect(decided).toBe(accepted.length * 2);
  const mailGroups = await direct.mailMessage.groupBy({ by: ['workflowId', 'to', 'subject'], _count: { _all: true } });
  expect(mailGroups.filter((g) => g._count._all > 1)).toEqual([]);

  const mails = await direct.mailMessage.count({ where: { workflowId: { in: accepted } } });
  recordReliability({
    id: 'database-outage',
    kind: 'fault',
    tried:
      `The PostgreSQL server cut off from the API and a worker (a TCP proxy cuts every connection, then ${MODES.map((m) => ({ refuse: 'refuses', reset: 'resets', blackhole: 'swallows' })[m]).join(' / ')} new ones) ` +
      `for ${MODES.map((m) => outageMs(m) / 1000).join(' / ')} s, in the middle of a burst of decisions on running general approvals.`,
    runs: MODES.length,
    checked:
      'During each outage: /health 503 db down; process start, decision, inbox and login answered 503 database_unavailable with Retry-After and no internals; a decision sent to the engine waited and was kept. ' +
      'Afterwards: every process completed with the same tasks, audit events and mails as an undisturbed run; refused requests left no rows.',
    outcome:
      `${accepted.length}/${accepted.length} processes completed; ${decided} decisions recorded once each (${burstAccepted} taken in the burst, ${engineDecisions} by the engine during the outage); ` +
      `${refused + burstRefused} requests refused with 503 and none left a trace; ${mails} mails, each once.`,
    lost: 0,
  });
});

test('payments on bookings across an outage: refused ones change nothing, accepted ones are kept once', async () => {
  const BOOKINGS = runs(2, 4);
  // 2,000 dresses at ¥239.00 against a ¥500,000 quota: within tolerance, no approval step; 30 % due.
  const LINES = [
    { sku: '27SS-DR-003', size: 'M', qty: 1200 },
    { sku: '27SS-DR-003', size: 'L', qty: 800 },
  ];
  const DUE = 14_340_000;
  const PART = 4_000_000;
  const finance = await actorOf('finance');
  const bookings: { id: string; workflowId: string }[] = [];
  for (let i = 0; i < BOOKINGS; i++) {
    const franchiseeId = `DB${i + 1}`;
    await direct.franchisee.create({
      data: {
        id: franchiseeId,
        name: `断库测试加盟商${i + 1}`,
        regionId: 'EAST',
        email: `db${i + 1}@example.com`,
        quotas: { create: { seasonCode: '2027SS', quotaFen: 50_000_000n } },
      },
    });
    const res = await call('POST', '/api/bookings', 'specialist', { franchiseeId, season: '2027SS', lines: LINES });
    expect(res.status).toBe(201);
    expect(res.body.prepaymentDueFen).toBe(DUE);
    bookings.push({ id: res.body.id, workflowId: res.body.workflowId });
  }
  for (const b of bookings)
    await until(
      `booking ${b.id} to await payment`,
      () => direct.booking.findUniqueOrThrow({ where: { id: b.id } }),
      (x) => x.status === 'awaiting_payment',
      { timeoutMs: 60_000 },
    );
  const pay = (b: { id: string }, amountFen: number, reference: string) =>
    call('POST', `/api/bookings/${b.id}/payments`, 'finance', { amountFen, reference, paidOn: '2026-11-30' });
  // The first part of each is paid before the outage.
  for (const [i, b] of bookings.entries()) expect((await pay(b, PART, `PRE-${i}`)).status).toBe(201);

  await proxy.down('refuse');
  let refused = 0;
  let engineTaken = 0;
  const engine: Promise<unknown>[] = [];
  for (const [i, b] of bookings.entries()) {
    // Through the API: refused, and nothing recorded.
    expectUnavailable(await pay(b, DUE - PART, `REST-${i}`));
    refused += 1;
    // The engine takes a payment meanwhile (half of the bookings): it is recorded when the database is back.
    if (i % 2 === 0) {
      engine.push(
        env.client.workflow.getHandle(b.workflowId).executeUpdate(recordPaymentUpdate, {
          args: [{ actor: finance, amountFen: 1_000_000, reference: `ENGINE-${i}`, paidOn: null, note: '断库期间' }],
        }),
      );
      engineTaken += 1;
    }
  }
  expect(
    await direct.bookingPayment.count({ where: { bookingId: { in: bookings.map((b) => b.id) }, reference: { startsWith: 'REST-' } } }),
  ).toBe(0);
  await new Promise((r) => setTimeout(r, outageMs('refuse'))); // the outage itself
  await proxy.up();
  await until(
    'health to recover',
    () => call('GET', '/health', null),
    (h) => h.status === 200,
    { timeoutMs: 60_000 },
  );
  await Promise.all(engine);

  // The refused payments are made again, as finance would; a second retry is recognised as the same transfer.
  for (const [i, b] of bookings.entries()) {
    const rest = DUE - PART - (i % 2 === 0 ? 1_000_000 : 0);
    expect((await pay(b, rest, `REST-${i}`)).status).toBe(201);
    const twice = await pay(b, rest, `REST-${i}`);
    expect(twice.status).toBe(409); // the same transfer, or the booking already paid and closed
    expect(['duplicate_payment_reference', 'booking_closed']).toContain(twice.body.error.code);
  }
  for (const [i, b] of bookings.entries()) {
    const done = await until(
      `booking ${b.id} confirmed`,
      () => direct.booking.findUniqueOrThrow({ where: { id: b.id }, include: { payments: true } }),
      (x) => x.status === 'confirmed',
      { timeoutMs: 60_000 },
    );
    expect(done.payments.map((p) => p.reference).sort()).toEqual([...(i % 2 === 0 ? [`ENGINE-${i}`] : []), `PRE-${i}`, `REST-${i}`].sort());
    expect(done.payments.reduce((sum, p) => sum + p.amountFen, 0n)).toBe(BigInt(DUE));
    expect(await direct.auditEvent.count({ where: { workflowId: b.workflowId, type: 'payment_recorded' } })).toBe(done.payments.length);
  }
  const payments = await direct.bookingPayment.count({ where: { bookingId: { in: bookings.map((b) => b.id) } } });
  recordReliability({
    id: 'database-outage-payments',
    kind: 'fault',
    tried: `The PostgreSQL server cut off (connections cut, new ones refused) for ${outageMs('refuse') / 1000} s while ${BOOKINGS} bookings awaited the rest of their prepayment; finance posted payments through the API and the engine took some directly.`,
    runs: BOOKINGS,
    checked:
      'During the outage: each payment answered 503 database_unavailable and none was recorded. Afterwards: each booking holds exactly its payments (by bank reference), they sum to the prepayment due, one payment_recorded audit event each; a second retry of a payment is refused with 409 (same reference, or booking already confirmed).',
    outcome: `${BOOKINGS}/${BOOKINGS} bookings confirmed; ${payments} payments recorded once each (${engineTaken} taken by the engine during the outage); ${refused} refused with 503 and none recorded.`,
    lost: 0,
  });
});
