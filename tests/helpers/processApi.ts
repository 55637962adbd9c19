// A process test's world: the time-skipping Temporal server with a worker (startEngine), the
// real API on it, demo users logged in, optionally a real SMTP server; and the waits every
// process test needs (a row reaching a state, a task opening), written once.
import type { Task } from '../../generated/prisma/client';
import { startTestApi, type TestApi } from './api';
import { startEngine, type EngineHarness } from './engine';
import { startSmtpServer, type TestSmtpServer } from './smtp';

export { until } from './until';

export interface ProcessWorld {
  h: EngineHarness;
  api: TestApi;
  smtp?: TestSmtpServer;
  /** Request options carrying a demo user's token. */
  as(username: string): { token: string };
  /** POST as a user. */
  post(path: string, body: unknown, username: string): ReturnType<TestApi['request']>;
  /** Decides a task through the API. */
  decide(task: Task, username: string, decision: string, comment?: string, data?: Record<string, unknown>): ReturnType<TestApi['request']>;
  /** The open task of a step of a process, once the workflow knows it. */
  openTask(workflowId: string, stepKey: string): Promise<Task>;
  close(): Promise<void>;
}

const USERS = ['admin', 'manager', 'supervisor', 'specialist', 'follower', 'finance', 'store1', 'franchisee1'];

export async function startProcessWorld(opts: { smtp?: boolean } = {}): Promise<ProcessWorld> {
  const smtp = opts.smtp ? await startSmtpServer() : undefined;
  const mailEnv: Record<string, string> = smtp ? { SMTP_URL: smtp.url } : {};
  const h = await startEngine({ env: mailEnv });
  const api = await startTestApi({
    db: h.db,
    databaseUrl: h.config.databaseUrl!,
    temporal: h.env.client,
    env: { TEMPORAL_TASK_QUEUE: h.taskQueue, ...mailEnv },
  });
  const tokens: Record<string, string> = {};
  for (const u of USERS) tokens[u] = await api.login(u);
  const as = (username: string) => ({ token: tokens[username]! });
  return {
    h,
    api,
    smtp,
    as,
    post: (path, body, username) => api.request('POST', path, { ...as(username), body }),
    decide: (task, username, decision, comment, data) =>
      api.request('POST', `/api/tasks/${task.id}/decision`, { ...as(username), body: { decision, comment, ...(data ? { data } : {}) } }),
    async openTask(workflowId, stepKey) {
      const open = (ts: Task[]) => ts.find((t) => t.stepKey === stepKey && t.status === 'open');
      return open(await h.tasks(workflowId, (ts) => !!open(ts)))!;
    },
    async close() {
      await api.close();
      await h.close();
      await smtp?.close();
    },
  };
}
