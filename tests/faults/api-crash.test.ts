// API crash and restart: clients send decisions, payments and new processes while the API
// process is SIGKILLed and started again. Every request answered 2xx is durable (in the
// database and in the workflow); a client that lost its answer and retries gets the effect once
// or a clean refusal (409 task_already_decided, duplicate payment reference, the same process
// for the same Idempotency-Key), never a double. While the process is gone nobody answers
// (connection refused: a load balancer turns that into 503); while it starts and while it
// drains on SIGTERM it answers 503 service_unavailable itself, and a SIGTERM lets requests in
// flight finish.
import { createCluster, pause, startAll, type Cluster, type Json } from './cluster';
import { until } from '../helpers/until';
import { FULL, recordReliability, runs } from './report';

jest.setTimeout(FULL ? 10 * 60_000 : 5 * 60_000);

const KILLS = runs(2, 10);
const APPROVALS = runs(6, 24);
const NEW_PROCESSES = runs(4, 16);

let cluster: Cluster;
beforeAll(async () => {
  cluster = await createCluster({ workers: 1 });
  await startAll(cluster);
});
afterAll(async () => {
  cluster?.dump('api-crash');
  await cluster?.close();
});

/** What the clients saw. */
const seen = { refused: 0, unavailable: 0, other5xx: [] as string[], retried: 0, cleanRefusals: 0 };

/**
 * A client that retries a request until it gets an answer that is not a lost connection or a
 * 503; `clean` says which refusals of a retry mean "your earlier attempt already did it".
 */
async function send(
  as: string,
  method: string,
  p: string,
  body: unknown,
  clean: (r: Json) => boolean,
  headers: Record<string, string> = {},
): Promise<{ res: Json; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    let res: Json | undefined;
    try {
      res = await cluster.call(as, method, p, body, 60_000, headers);
    } catch {
      seen.refused += 1; // connection refused or cut: the API process is gone
    }
    if (res && res.status === 503) seen.unavailable += 1;
    else if (res && res.status >= 500) seen.other5xx.push(`${method} ${p}: ${res.status} ${JSON.stringify(res.body)}`);
    else if (res) {
      if (res.status < 300) return { res, attempts: attempt };
      if (attempt > 1 && clean(res)) {
        seen.cleanRefusals += 1;
        return { res, attempts: attempt };
      }
      throw new Error(`${method} ${p} as ${as} (attempt ${attempt}): ${res.status} ${JSON.stringify(res.body)}`);
    }
    seen.retried += 1;
    if (attempt > 60) throw new Error(`${method} ${p}: no answer after ${attempt} attempts`);
    await pause(500);
  }
}

const taskOf = async (workflowId: string, key: string) =>
  (await until(
    `${workflowId}: open ${key} task`,
    async () =>
      (
        await cluster.sql<{ id: string; stepKey: string }>(`SELECT id, "stepKey" FROM "Task" WHERE "workflowId" = $1 AND status = 'open'`, [
          workflowId,
        ])
      ).find((t) => t.stepKey === key),
    (t) => !!t,
    { timeoutMs: 120_000, log: cluster.log, retryErrors: true },
  ))!;
const alreadyDecided = (r: Json) => r.status === 409 && r.body?.error?.code === 'task_already_decided';

test('SIGKILLed API: every 2xx is durable, every retry lands once or is refused cleanly', async () => {
  // Work that exists before the crashes: approvals waiting for the superior, bookings awaiting payment.
  const approvals = await Promise.all(
    Array.from({ length: APPROVALS }, async (_, i) => {
      const res = await cluster.call('specialist', 'POST', '/api/approvals', { title: `API 崩溃审批 ${i + 1}` });
      expect([201, 202]).toContain(res.status);
      return res.body.workflowId as string;
    }),
  );
  const bookings: { id: string; dueFen: number }[] = [];
  for (const [franchiseeId, qty] of [
    ['F001', 2000],
    ['F002', 1200],
    ['F003', 800],
  ] as const) {
    const res = await cluster.call('specialist', 'POST', '/api/bookings', {
      franchiseeId,
      season: '2027SS',
      lines: [{ sku: '27SS-DR-003', size: 'M', qty }],
    });
    expect(res.status).toBe(201);
    bookings.push({ id: res.body.id, dueFen: res.body.prepaymentDueFen });
  }
  for (const b of bookings)
    await until(
      `booking ${b.id} to await payment`,
      async () => (await cluster.sql<{ status: string }>(`SELECT status FROM "Booking" WHERE id = $1`, [b.id]))[0]?.status,
      (s) => s === 'awaiting_payment',
      { timeoutMs: 120_000, log: cluster.log, retryErrors: true },
    );

  // Chaos: SIGKILL the API, start it again at once; while it starts, it must say 503 service_unavailable.
  const startingAnswers: { status: number; code?: string; retryAfter: string | null }[] = [];
  let kills = 0;
  let halt = false; // set when a client fails, so the next test does not run into a kill
  const chaos = (async () => {
    while (kills < KILLS && !halt) {
      await pause(2000 + Math.random() * 2000);
      await cluster.api.kill('SIGKILL');
      kills += 1;
      cluster.api.start();
      await until(
        'the restarted API to answer',
        async () => {
          const r = await cluster.call('manager', 'GET', '/api/me', undefined, 10_000);
          if (r.status !== 200)
            startingAnswers.push({ status: r.status, code: r.body?.error?.code, retryAfter: r.headers.get('retry-after') });
          return r.status;
        },
        (s) => s === 200,
        { timeoutMs: 120_000, log: cluster.log, retryErrors: true },
      );
    }
  })();

  // Clients, all at once: two decisions per approval, two payments per booking, new processes with an Idempotency-Key.
  const accepted = {
    decisions: [] as { taskId: string; decision: string }[],
    payments: [] as { bookingId: string; reference: string; amountFen: number }[],
    started: [] as { key: string; workflowId: string; replay: boolean }[],
  };
  const decisions = Promise.all(
    approvals.map(async (workflowId) => {
      for (const [step, as] of [
        ['supervisor', 'supervisor'],
        ['manager', 'manager'],
      ] as const) {
        const task = await taskOf(workflowId, step);
        const { res } = await send(as, 'POST', `/api/tasks/${task.id}/decision`, { decision: 'approve' }, alreadyDecided);
        if (res.status === 200) accepted.decisions.push({ taskId: task.id, decision: 'approve' });
        else accepted.decisions.push({ taskId: task.id, decision: 'approve (answer lost, refused on retry)' });
      }
    }),
  );
  const payments = Promise.all(
    bookings.map(async (b) => {
      const first = Math.floor(b.dueFen / 2);
      for (const [i, amountFen] of [first, b.dueFen - first].entries()) {
        const reference = `API-${b.id.slice(0, 8)}-${i}`;
        const { res } = await send(
          'finance',
          'POST',
          `/api/bookings/${b.id}/payments`,
          { amountFen, reference },
          (r) => r.status === 409 && r.body?.error?.code === 'duplicate_payment_reference',
        );
        if (res.status < 300) accepted.payments.push({ bookingId: b.id, reference, amountFen });
      }
    }),
  );
  const starts = Promise.all(
    Array.from({ length: NEW_PROCESSES }, async (_, i) => {
      await pause(i * 700);
      const key = `api-crash-${i}`;
      const { res } = await send('specialist', 'POST', '/api/approvals', { title: `崩溃时发起 ${i + 1}` }, () => false, {
        'Idempotency-Key': key,
      });
      accepted.started.push({ key, workflowId: res.body.workflowId, replay: res.status === 200 });
    }),
  );
  await Promise.all([decisions, payments, starts]).catch(async (err: unknown) => {
    halt = true;
    await chaos.catch(() => undefined);
    throw err;
  });
  await chaos;
  expect(kills).toBe(KILLS);

  // Nobody got a 500; while starting, the API said 503 service_unavailable with Retry-After.
  expect(seen.other5xx).toEqual([]);
  expect(startingAnswers.length).toBeGreaterThan(0);
  for (const a of startingAnswers) expect(a).toEqual({ status: 503, code: 'service_unavailable', retryAfter: '5' });

  // Every decision is in the database once and the workflows moved on: every approval ends approved.
  const ends = await until(
    'every approval to end',
    () =>
      cluster.sql<{ workflowId: string; status: string }>(
        `SELECT "workflowId", status FROM "ProcessInstance" WHERE "workflowId" = ANY($1)`,
        [approvals],
      ),
    (rows) => rows.length === approvals.length && rows.every((r) => r.status !== 'running'),
    { timeoutMs: 120_000, log: cluster.log, retryErrors: true },
  );
  expect(ends.filter((r) => r.status !== 'approved')).toEqual([]);
  const decided = await cluster.sql<{ id: string; status: string; decision: string; audits: string }>(
    `SELECT t.id, t.status, t.decision, (SELECT count(*) FROM "AuditEvent" a WHERE a.type = 'decided' AND a.detail->>'taskId' = t.id::text) AS audits
     FROM "Task" t WHERE t."workflowId" = ANY($1)`,
    [approvals],
  );
  expect(decided.length).toBe(approvals.length * 2);
  expect(decided.filter((t) => t.status !== 'done' || t.decision !== 'approve' || Number(t.audits) !== 1)).toEqual([]);
  for (const d of accepted.decisions) expect(decided.map((t) => t.id)).toContain(d.taskId);

  // Every payment answered 2xx is recorded once; the bookings are paid exactly in full.
  const paid = await until(
    'every booking to be confirmed',
    () =>
      cluster.sql<{ id: string; status: string; paidFen: string; prepaymentDueFen: string; n: string; sum: string }>(
        `SELECT b.id, b.status, b."paidFen", b."prepaymentDueFen", count(p.id) AS n, coalesce(sum(p."amountFen"), 0) AS sum FROM "Booking" b LEFT JOIN "BookingPayment" p ON p."bookingId" = b.id GROUP BY b.id`,
      ),
    (rows) => rows.length === bookings.length && rows.every((r) => r.status === 'confirmed'),
    { timeoutMs: 120_000, log: cluster.log, retryErrors: true },
  );
  for (const b of paid) expect([b.n, b.sum, b.paidFen]).toEqual(['2', b.prepaymentDueFen, b.prepaymentDueFen]);
  const rows = await cluster.sql<{ bookingId: string; reference: string; amountFen: string }>(
    `SELECT "bookingId", reference, "amountFen" FROM "BookingPayment"`,
  );
  for (const p of accepted.payments)
    expect(rows).toContainEqual({ bookingId: p.bookingId, reference: p.reference, amountFen: String(p.amountFen) });

  // Every new process started once, whatever the number of attempts.
  const byTitle = await cluster.sql<{ title: string; n: string; ids: string[] }>(
    `SELECT title, count(*) AS n, array_agg("workflowId") AS ids FROM "ProcessInstance" WHERE title LIKE '崩溃时发起%' GROUP BY title`,
  );
  expect(byTitle.length).toBe(NEW_PROCESSES);
  expect(byTitle.filter((r) => r.n !== '1')).toEqual([]);
  for (const s of accepted.started) expect(byTitle.flatMap((r) => r.ids)).toContain(s.workflowId);

  recordReliability({
    id: 'api-crash',
    kind: 'fault',
    tried: `The API process SIGKILLed every 2–4 s and restarted (${kills} kills) while clients sent ${approvals.length * 2} decisions, ${bookings.length * 2} payments and ${NEW_PROCESSES} process starts (with an Idempotency-Key), retrying whatever got no answer. While the process is gone a connection is refused (a load balancer answers 503); while it starts it answers 503 service_unavailable itself.`,
    runs: kills,
    checked:
      'Every 2xx decision and payment is in the database and its workflow moved on (all approvals approved, all bookings confirmed, paid = due); each task has one decided audit event; each retried request landed once or got 409 task_already_decided / duplicate_payment_reference; each keyed start made one process; no 500.',
    outcome: `${kills} restarts; ${seen.refused} refused connections and ${seen.unavailable} 503s retried by the clients, ${seen.cleanRefusals} clean 409s and ${accepted.started.filter((x) => x.replay).length} keyed starts answered with the existing process on retry; ${decided.length} decisions, ${rows.length} payments and ${NEW_PROCESSES} new processes each exactly once, 0 lost, 0 doubled.`,
    lost: 0,
  });
});

test('SIGTERM drains: a request in flight finishes, new ones get 503 or no connection, the process exits 0', async () => {
  // The worker stopped, a new approval's request waits ~5 s for its process row: long enough to be in flight.
  await cluster.workers[0]!.kill('SIGTERM');
  const inFlight = cluster.call('specialist', 'POST', '/api/approvals', { title: '关停时在途的请求' }, 60_000);
  await pause(1500);
  const exited = cluster.api.exited();
  cluster.api.child!.kill('SIGTERM');
  await pause(300);
  // A request that arrives during the drain: 503 service_unavailable on a kept-alive connection, or refused.
  const late = await cluster.call('manager', 'GET', '/api/me', undefined, 10_000).then(
    (r) => ({ status: r.status, code: r.body?.error?.code as string | undefined }),
    () => 'refused' as const,
  );
  const done = await inFlight;
  expect(done.status).toBe(202);
  expect(done.body).toMatchObject({ status: 'starting', workflowId: expect.any(String) });
  if (late !== 'refused') expect(late).toEqual({ status: 503, code: 'service_unavailable' });
  expect(await exited).toBe(0);

  // Started again, the process accepted during the drain runs.
  cluster.api.start();
  cluster.workers[0]!.start();
  await Promise.all([cluster.api.ready(), cluster.workers[0]!.ready()]);
  await taskOf(done.body.workflowId, 'supervisor');
});
