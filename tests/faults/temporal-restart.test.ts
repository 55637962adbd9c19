// Temporal restart: general approvals are running when the Temporal dev server is stopped
// (SIGTERM, then SIGKILL) and started again on the same SQLite file and port. While it is down
// the API answers 503 for what needs Temporal (not 500) and /health names temporal as down;
// afterwards the same API and worker processes carry on by themselves: open tasks are decided,
// reminders and escalations fire, every process completes, and no mail is doubled.
import { mailMessageId } from '../../activities/mail';
import { createCluster, duplicates, holderOf, mailCounts, pause, startAll, type Cluster } from './cluster';
import { until } from '../helpers/until';
import { FULL, recordReliability, runs } from './report';

jest.setTimeout(FULL ? 10 * 60_000 : 5 * 60_000);

const OUTAGES = runs(2, 6);
const PROCESSES = runs(6, 24);

let cluster: Cluster;
beforeAll(async () => {
  cluster = await createCluster({ workers: 1 });
  await startAll(cluster);
});
afterAll(async () => {
  cluster?.dump('temporal-restart');
  await cluster?.close();
});

type Plan = 'early' | 'overdue' | 'reject';
interface Row {
  id: string;
  stepKey: string;
  escalationLevel: number;
}
const openTasks = (workflowId: string) =>
  cluster.sql<Row>(`SELECT id, "stepKey", "escalationLevel" FROM "Task" WHERE "workflowId" = $1 AND status = 'open'`, [workflowId]);
const openTask = async (workflowId: string, key: string, done: (t: Row) => boolean = () => true) =>
  (await until(
    `${workflowId}: open ${key} task`,
    async () => (await openTasks(workflowId)).find((t) => t.stepKey === key && done(t)),
    (t) => !!t,
    { timeoutMs: 120_000, log: cluster.log, retryErrors: true },
  ))!;
const auditCount = async (workflowId: string, type: string) =>
  Number(
    (
      await cluster.sql<{ n: string }>(`SELECT count(*) AS n FROM "AuditEvent" WHERE "workflowId" = $1 AND type = $2`, [workflowId, type])
    )[0]!.n,
  );

async function decide(taskId: string, as: string | undefined, decision: 'approve' | 'reject'): Promise<void> {
  let res = await cluster.call(
    as ?? (await holderOf(cluster, taskId)),
    'POST',
    `/api/tasks/${taskId}/decision`,
    decision === 'reject' ? { decision, comment: '不符合预算' } : { decision },
  );
  // Escalated to someone else between reading its holder and deciding: the new holder decides.
  for (let i = 0; !as && res.status === 403 && i < 5; i++)
    res = await cluster.call(
      await holderOf(cluster, taskId),
      'POST',
      `/api/tasks/${taskId}/decision`,
      decision === 'reject' ? { decision, comment: '不符合预算' } : { decision },
    );
  if (res.status !== 200) throw new Error(`decision on ${taskId} as ${as}: ${res.status} ${JSON.stringify(res.body)}`);
}

test('Temporal stopped and restarted on the same file: 503 while down, then every process completes by itself', async () => {
  await cluster.settings({
    'task.defaultDue': 'PT25S',
    'task.dueInBusinessDays': false,
    'reminder.leadTimes': ['PT12S'],
    'escalation.steps': ['PT2S', 'PT4S'],
  });
  const plans: Plan[] = Array.from({ length: PROCESSES }, (_, i) => (['early', 'overdue', 'reject'] as const)[i % 3]!);
  const started = await Promise.all(
    plans.map(async (plan, i) => {
      const res = await cluster.call('specialist', 'POST', '/api/approvals', { title: `重启测试审批 ${i + 1}` });
      expect([201, 202]).toContain(res.status);
      return { workflowId: res.body.workflowId as string, plan };
    }),
  );
  // The early ones get their first decision before the outage.
  for (const s of started.filter((x) => x.plan === 'early')) {
    const task = await openTask(s.workflowId, 'supervisor');
    await decide(task.id, undefined, 'approve');
  }
  const workerPid = cluster.workers[0]!.child!.pid;
  const apiPid = cluster.api.child!.pid;

  const refused: { what: string; status: number; code: string; retryAfter: string | null }[] = [];
  for (let round = 0; round < OUTAGES; round++) {
    const signal = round % 2 === 0 ? 'SIGTERM' : 'SIGKILL';
    // A task that is open now, to be decided while Temporal is away.
    const victim = started[(round * 3 + 1) % started.length]!;
    const [task] = await openTasks(victim.workflowId);
    await cluster.temporal.kill(signal);

    const health = await until(
      '/health to name temporal as down',
      () => cluster.call('admin', 'GET', '/health'),
      (r) => r.status === 503,
      { timeoutMs: 60_000, log: cluster.log, retryErrors: true },
    );
    expect(health.body).toMatchObject({ status: 'down', db: 'ok', temporal: 'down', down: ['temporal'] });
    const start = await cluster.call('specialist', 'POST', '/api/approvals', { title: `停机时发起 ${round}` });
    refused.push({ what: 'start', status: start.status, code: start.body?.error?.code, retryAfter: start.headers.get('retry-after') });
    if (task) {
      const decision = await cluster.call('admin', 'POST', `/api/tasks/${task.id}/decision`, { decision: 'approve' });
      refused.push({
        what: 'decision',
        status: decision.status,
        code: decision.body?.error?.code,
        retryAfter: decision.headers.get('retry-after'),
      });
    }
    // What needs only the database still works.
    expect((await cluster.call('manager', 'GET', '/api/tasks?filter={"status":"open"}')).status).toBe(200);

    cluster.temporal.start();
    await cluster.temporal.ready();
    await until(
      '/health to be ok again',
      () => cluster.call('admin', 'GET', '/health'),
      (r) => r.status === 200,
      { timeoutMs: 90_000, log: cluster.log, retryErrors: true },
    );
    // The refused decision had no effect: its task is still open.
    if (task) expect((await openTasks(victim.workflowId)).map((t) => t.id)).toContain(task.id);
    await pause(2000);
  }
  for (const r of refused) expect(r).toEqual({ what: r.what, status: 503, code: 'temporal_unavailable', retryAfter: '5' });

  // Nothing was started by the refused requests.
  expect(
    Number((await cluster.sql<{ n: string }>(`SELECT count(*) AS n FROM "ProcessInstance" WHERE title LIKE '停机时发起%'`))[0]!.n),
  ).toBe(0);

  // The same processes, never restarted, carry on: timers fire, tasks are decided, processes end.
  await Promise.all(
    started.map(async (s) => {
      if (s.plan === 'reject') {
        const task = await openTask(s.workflowId, 'supervisor');
        await until(
          `${s.workflowId}: reminder`,
          () => auditCount(s.workflowId, 'reminder_sent'),
          (n) => n >= 1,
          { timeoutMs: 120_000, log: cluster.log, retryErrors: true },
        );
        await decide(task.id, undefined, 'reject');
        return;
      }
      if (s.plan === 'overdue')
        await decide((await openTask(s.workflowId, 'supervisor', (t) => t.escalationLevel >= 2)).id, 'admin', 'approve');
      // Whoever holds it now: a long outage may have let it escalate to the manager's superior.
      const second = await openTask(s.workflowId, 'manager');
      await decide(second.id, undefined, 'approve');
    }),
  );
  const ids = started.map((s) => s.workflowId);
  const ends = await until(
    'every process to end',
    () =>
      cluster.sql<{ workflowId: string; status: string }>(
        `SELECT "workflowId", status FROM "ProcessInstance" WHERE "workflowId" = ANY($1)`,
        [ids],
      ),
    (rows) => rows.length === ids.length && rows.every((r) => r.status !== 'running'),
    { timeoutMs: 120_000, log: cluster.log, retryErrors: true },
  );
  const statusOf = new Map(ends.map((r) => [r.workflowId, r.status]));
  for (const s of started)
    expect([s.workflowId, statusOf.get(s.workflowId)]).toEqual([s.workflowId, s.plan === 'reject' ? 'rejected' : 'approved']);
  expect([cluster.workers[0]!.child!.pid, cluster.workers[0]!.starts, cluster.api.child!.pid, cluster.api.starts]).toEqual([
    workerPid,
    1,
    apiPid,
    1,
  ]);

  const escalated = Number(
    (
      await cluster.sql<{ n: string }>(`SELECT count(*) AS n FROM "AuditEvent" WHERE type = 'escalated' AND "workflowId" = ANY($1)`, [ids])
    )[0]!.n,
  );
  expect(escalated).toBeGreaterThanOrEqual(2 * plans.filter((p) => p === 'overdue').length);
  const decided = await cluster.sql<{ taskId: string; n: string }>(
    `SELECT detail->>'taskId' AS "taskId", count(*) AS n FROM "AuditEvent" WHERE type = 'decided' AND "workflowId" = ANY($1) GROUP BY 1`,
    [ids],
  );
  expect(decided.filter((d) => Number(d.n) !== 1)).toEqual([]);

  // Mail: every stored mail sent exactly once (no worker died, so no resend window either).
  const mails = await until(
    'the outbox to drain',
    () => cluster.sql<{ idempotencyKey: string; status: string }>(`SELECT "idempotencyKey", status FROM "MailMessage"`),
    (rows) => rows.length > 0 && rows.every((r) => r.status === 'sent') && cluster.smtp.received.length >= rows.length,
    { timeoutMs: 120_000, log: cluster.log, retryErrors: true },
  );
  const counts = mailCounts(cluster.smtp);
  expect(duplicates(counts.byMessageId)).toEqual([]);
  expect(duplicates(counts.byRecipientSubject)).toEqual([]);
  expect(counts.total).toBe(mails.length);
  for (const m of mails) expect([m.idempotencyKey, counts.byMessageId.get(mailMessageId(m.idempotencyKey))]).toEqual([m.idempotencyKey, 1]);

  recordReliability({
    id: 'temporal-restart',
    kind: 'fault',
    tried: `The Temporal dev server stopped ${OUTAGES} times (SIGTERM and SIGKILL alternately) and started again on the same SQLite file and port while ${started.length} general approvals were running, one API and one worker process staying up throughout.`,
    runs: OUTAGES,
    checked:
      'While down: /health 503 naming temporal, a process start and a decision answered 503 temporal_unavailable with Retry-After (not 500) and had no effect, database-only reads 200. After: the same worker and API carried on without a restart, reminders and escalations fired, every process ended in its planned state, each decision and mail once.',
    outcome: `${OUTAGES}/${OUTAGES} restarts survived; ${refused.length} requests during outages refused with 503 temporal_unavailable; ${started.length}/${started.length} processes completed; ${escalated} escalations; ${mails.length} mails each exactly once, 0 duplicates.`,
    lost: 0,
  });
});
