// A task's escalation levels climb one per interval, even when their moments have passed by
// the time the run can act on them (its worker down over two of them). On the real dev server
// (the time-skipping server does not move its clock while a workflow task waits for a worker),
// with seconds for days, and a worker of this test's own that it stops and starts again.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { loadConfig, type Config } from '../../lib/config';
import { seedDemo } from '../../lib/seed';
import { writeSetting } from '../../lib/settings';
import { createWorker } from '../../runtime/createWorker';
import { approvalRequest } from '../../workflows/approvalRequest';
import { testBundle } from '../helpers/bundle';
import { step } from '../helpers/engine';
import { openTestDb } from '../helpers/postgres';
import { devServerEnv } from '../helpers/temporal';
import { until } from '../helpers/until';

jest.setTimeout(120_000);

const SECOND = 1000;
let env: TestWorkflowEnvironment;
let t: Awaited<ReturnType<typeof openTestDb>>;
let config: Config;
beforeAll(async () => {
  [env, t] = await Promise.all([devServerEnv(), openTestDb()]);
  await seedDemo(t.db);
  config = loadConfig({ DATABASE_URL: t.url });
});
afterAll(async () => {
  await env?.teardown();
  await t?.close();
});

test('escalation moments passed while the worker was down: level 1 when it is back, level 2 one interval after it', async () => {
  // Due 2 s after the task opens; level 1 at due + 2 s, level 2 at due + 8 s: an interval of 6 s.
  await writeSetting(t.db, 'task.defaultDue', 'PT2S', null);
  await writeSetting(t.db, 'task.dueInBusinessDays', false, null);
  await writeSetting(t.db, 'reminder.leadTimes', [], null);
  await writeSetting(t.db, 'escalation.steps', ['PT2S', 'PT8S'], null);
  const user = async (username: string) => (await t.db.user.findUniqueOrThrow({ where: { username } })).id;
  const taskQueue = `outage-${randomUUID()}`;
  const bundle = await testBundle();
  const start = async (): Promise<{ worker: Worker; running: Promise<void> }> => {
    const worker = await createWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowBundle: bundle,
      deps: { db: t.db, config },
    });
    return { worker, running: worker.run() };
  };
  let w = await start();
  const processId = randomUUID();
  const workflowId = `approval-${processId}`;
  const handle = await env.client.workflow.start(approvalRequest, {
    taskQueue,
    workflowId,
    args: [
      {
        process: { processType: 'approval', processId, title: '停机期间逾期', submitterId: await user('follower') },
        chain: { steps: [step('specialist', [{ userId: await user('specialist') }])] },
      },
    ],
  });
  const task = await until(
    'the task',
    () => t.db.task.findFirst({ where: { workflowId } }),
    (x) => !!x,
  );

  // The worker goes down before the due time and comes back after both escalation moments.
  w.worker.shutdown();
  await w.running;
  await until(
    'both escalation moments to pass',
    async () => Date.now(),
    (now) => now > task!.dueAt.getTime() + 9 * SECOND,
    {
      timeoutMs: 30_000,
      intervalMs: 200,
    },
  );
  w = await start();
  try {
    const escalated = async () =>
      (await t.db.auditEvent.findMany({ where: { workflowId, type: 'escalated' }, orderBy: [{ at: 'asc' }, { id: 'asc' }] })).map((e) => ({
        at: e.at.getTime(),
        ...(e.detail as { level: number; action: string }),
      }));
    const first = (await until('level 1', escalated, (es) => es.length >= 1, { timeoutMs: 30_000 }))[0]!;
    expect(first).toMatchObject({ level: 1, action: 'notified' });
    // Level 2 comes one interval (6 s) after level 1, not right behind it (the old code: milliseconds).
    const both = await until('level 2', escalated, (es) => es.length === 2, { timeoutMs: 30_000, intervalMs: 100 });
    expect(both[1]).toMatchObject({ level: 2, action: 'reassigned' });
    expect(both[1]!.at - both[0]!.at).toBeGreaterThanOrEqual(5 * SECOND);
    await handle.terminate('test done');
  } finally {
    w.worker.shutdown();
    await w.running;
  }
});
