// A workflow on the real time-skipping test server, with activities writing to a real database.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { loadConfig } from '../../lib/config';
import { createWorker } from '../../runtime/createWorker';
import { testBundle } from '../helpers/bundle';
import { systemCheck } from '../../workflows';
import { openTestDb } from '../helpers/postgres';
import { timeSkippingEnv } from '../helpers/temporal';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;
let t: Awaited<ReturnType<typeof openTestDb>>;

beforeAll(async () => {
  [env, bundle, t] = await Promise.all([timeSkippingEnv(), testBundle(), openTestDb()]);
});
afterAll(async () => {
  await env?.teardown();
  await t?.close();
});

test('a workflow sleeps two days in test time and records its audit events once', async () => {
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue: 'test-system-check',
    workflowBundle: bundle,
    deps: { db: t.db, config: loadConfig({ DATABASE_URL: t.url }) },
  });
  const twoDays = 2 * 24 * 3600 * 1000;
  const result = await worker.runUntil(
    env.client.workflow.execute(systemCheck, {
      args: [{ waitMs: twoDays }],
      workflowId: 'system-check-1',
      taskQueue: 'test-system-check',
    }),
  );

  expect(Date.parse(result.finishedAt) - Date.parse(result.startedAt)).toBeGreaterThanOrEqual(twoDays);
  const events = await t.db.auditEvent.findMany({ where: { workflowId: 'system-check-1' }, orderBy: { at: 'asc' } });
  expect(events.map((e) => e.type)).toEqual(['started', 'completed']);
  expect(events[1]!.at.toISOString()).toBe(result.finishedAt);
});
