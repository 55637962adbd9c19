// The approval engine on the real time-skipping test server, with a real database and the
// real activities (mail captured, or sent through a transport the test provides).
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundle } from '@temporalio/worker';
import type { Actor, ChainOutcome, ChainSpec } from '../../domain/approval';
import type { AuditEvent, Task } from '../../generated/prisma/client';
import { loadConfig, type Config } from '../../lib/config';
import type { Db } from '../../lib/db/client';
import type { MailTransport } from '../../lib/mail/transport';
import { seedDemo } from '../../lib/seed';
import { writeSetting, type SettingValues } from '../../lib/settings';
import { createWorker } from '../../runtime/createWorker';
import { testBundle } from './bundle';
import { approvalRequest } from '../../workflows/approvalRequest';
import { WorkflowNotFoundError } from '@temporalio/client';
import { decideUpdate, processStateQuery } from '../../workflows/messages';
import { openTestDb } from './postgres';
import { timeSkippingEnv } from './temporal';
import { until as poll } from './until';

let sharedBundle: Promise<WorkflowBundle> | undefined;

export interface EngineHarness {
  env: TestWorkflowEnvironment;
  db: Db;
  config: Config;
  taskQueue: string;
  /** Demo users by username. */
  user(username: string): { id: string; actor: Actor };
  settings(values: Partial<SettingValues>): Promise<void>;
  start(chain: ChainSpec, opts?: { submitter?: string; title?: string }): Promise<WorkflowHandle<typeof approvalRequest>>;
  /** Polls the database until the workflow's tasks satisfy `until`; returns them. */
  tasks(workflowId: string, until?: (tasks: Task[]) => boolean, timeoutMs?: number): Promise<Task[]>;
  events(workflowId: string, until?: (events: AuditEvent[]) => boolean, timeoutMs?: number): Promise<AuditEvent[]>;
  decide(handle: WorkflowHandle, task: Task, username: string, decision: string, comment?: string): Promise<unknown>;
  /** The refusal type of a failed Update (e.g. 'forbidden'), or 'accepted'. */
  outcome(p: Promise<unknown>): Promise<string>;
  close(): Promise<void>;
}

export async function startEngine(opts: { mailTransport?: MailTransport; env?: Record<string, string> } = {}): Promise<EngineHarness> {
  sharedBundle ??= testBundle();
  const [env, bundle, t] = await Promise.all([timeSkippingEnv(), sharedBundle, openTestDb()]);
  await seedDemo(t.db);
  const config = loadConfig({ DATABASE_URL: t.url, ...opts.env });
  const taskQueue = `engine-${randomUUID()}`;
  const worker: Worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: bundle,
    deps: { db: t.db, config, ...(opts.mailTransport ? { mailTransport: opts.mailTransport } : {}) },
  });
  const running = worker.run();
  const users = new Map<string, { id: string; actor: Actor }>();
  for (const u of await t.db.user.findMany()) {
    users.set(u.username, { id: u.id, actor: { userId: u.id, name: u.name, roles: u.roles, regionId: u.regionId } });
  }

  const h: EngineHarness = {
    env,
    db: t.db,
    config,
    taskQueue,
    user(username) {
      const u = users.get(username);
      if (!u) throw new Error(`no demo user ${username}`);
      return u;
    },
    async settings(values) {
      for (const [k, v] of Object.entries(values)) await writeSetting(t.db, k as keyof SettingValues, v, null);
    },
    start(chain, { submitter = 'specialist', title = '测试审批' } = {}) {
      const processId = randomUUID();
      return env.client.workflow.start(approvalRequest, {
        taskQueue,
        workflowId: `approval-${processId}`,
        args: [{ process: { processType: 'approval', processId, title, submitterId: h.user(submitter).id }, chain }],
      });
    },
    async tasks(workflowId, until = (ts) => ts.length > 0, timeoutMs = 15_000) {
      const rows = await poll(
        `tasks of ${workflowId}`,
        () => t.db.task.findMany({ where: { workflowId }, orderBy: [{ createdAt: 'asc' }, { stepKey: 'asc' }, { idempotencyKey: 'asc' }] }),
        until,
        { timeoutMs, intervalMs: 50 },
      );
      // A row is written a moment before the workflow holds the activity's result: wait
      // until the workflow knows every open task, as a person clicking in the UI would.
      const open = rows.filter((r) => r.status === 'open').map((r) => r.id);
      await poll(
        `workflow ${workflowId} to know its tasks`,
        async () =>
          (
            await env.client.workflow
              .getHandle(workflowId)
              .query(processStateQuery)
              .catch(() => null)
          )?.tasks.map((x) => x.id) ?? null,
        (known) => known === null || open.every((id) => known.includes(id)),
        { timeoutMs, intervalMs: 50 },
      );
      return rows;
    },
    events(workflowId, until = () => true, timeoutMs = 15_000) {
      return poll(
        `events of ${workflowId}`,
        () => t.db.auditEvent.findMany({ where: { workflowId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
        until,
        { timeoutMs, intervalMs: 50 },
      );
    },
    decide(handle, task, username, decision, comment) {
      return handle.executeUpdate(decideUpdate, {
        args: [{ taskId: task.id, actor: h.user(username).actor, decision, comment: comment ?? null }],
      });
    },
    async outcome(p) {
      try {
        await p;
        return 'accepted';
      } catch (err) {
        if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) return err.cause.type ?? 'failed';
        if (err instanceof WorkflowNotFoundError) return 'process_finished';
        throw err;
      }
    },
    async close() {
      worker.shutdown();
      await running;
      await env.teardown();
      await t.close();
    },
  };
  return h;
}

export const step = (key: string, assignees: ChainSpec['steps'][number]['assignees'], extra: Partial<ChainSpec['steps'][number]> = {}) => ({
  key,
  title: { 'zh-CN': `${key}审批`, en: `${key} approval` },
  assignees,
  ...extra,
});

export type { ChainOutcome };
