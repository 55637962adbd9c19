// Beyond one machine: the API and two workers as separate processes (`npm run api`,
// `npm run worker`) against a PostgreSQL server and a Temporal server, as docker-compose runs
// them. They migrate the same database at once, and a process started through the API is
// driven by the workers.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { freePorts } from '../helpers/ports';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';
import { devServerEnv } from '../helpers/temporal';
import { until } from '../helpers/until';

/** The holiday calendar's coverage, a detail of /health (a warning near a year it has no schedule for). */
const CALENDAR = expect.objectContaining({ status: expect.stringMatching(/^(ok|warning)$/), knownThrough: expect.any(Number) });

jest.setTimeout(5 * 60_000);

const ROOT = path.resolve(__dirname, '../..');
let database: TestDatabase;
let temporal: TestWorkflowEnvironment;
const children: ChildProcess[] = [];
let output = '';

function run(entry: 'api' | 'worker', env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', `runtime/${entry}.ts`], { cwd: ROOT, env: { ...process.env, ...env } });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  children.push(child);
  return child;
}

/** Waits here let a read fail while a process starts, and show the processes' output on a timeout. */
const STARTING = { timeoutMs: 60_000, retryErrors: true, log: () => output };

beforeAll(async () => {
  [database, temporal] = await Promise.all([createTestDatabase({ migrate: false }), devServerEnv()]);
});
afterAll(async () => {
  await Promise.all(
    children.map((c) =>
      c.exitCode !== null
        ? null
        : new Promise((r) => {
            c.once('exit', r);
            c.kill('SIGTERM');
          }),
    ),
  );
  await temporal?.teardown();
  await database?.drop();
});

test('npm run api and two npm run worker share the servers: they migrate once and run processes', async () => {
  const [port] = await freePorts(1);
  const env = {
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: 'scaleout',
    JWT_SECRET: 'scale-out-secret-scale-out-secret',
    SEED_DEMO: 'true',
    MIGRATION_RUNNER: 'builtin',
    LOG_LEVEL: 'info',
  };
  run('api', { ...env, PORT: String(port) });
  run('worker', env);
  run('worker', env);
  const url = `http://127.0.0.1:${port}`;
  expect(
    await until(
      'health',
      async () => ((await fetch(`${url}/health`)).status === 200 ? (await fetch(`${url}/health`)).json() : undefined),
      (h) => h !== undefined,
      STARTING,
    ),
  ).toEqual({ status: 'ok', db: 'ok', temporal: 'ok', calendar: CALENDAR });
  // Three processes migrated the same database at once: one applied, the others found it done.
  await until(
    'all three to migrate',
    async () => (output.match(/database migrated/g) ?? []).length,
    (n) => n === 3,
    STARTING,
  );
  expect((output.match(/database migrated \(builtin: [1-9]\d* applied/g) ?? []).length).toBe(1);

  const login = async (username: string) =>
    (
      (await (
        await fetch(`${url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: username }),
        })
      ).json()) as { token: string }
    ).token;
  const call = async (token: string, method: string, p: string, body?: unknown) =>
    (
      await fetch(url + p, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    ).json() as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  const specialist = await login('specialist');
  const started = await call(specialist, 'POST', '/api/approvals', { title: '横向扩展检查' });
  // 'starting' until a worker (still bundling its workflow code on a loaded machine) picks it up.
  expect(['starting', 'running']).toContain(started.status);
  expect(started.workflowId).toEqual(expect.any(String));
  const inbox = (token: string) =>
    call(
      token,
      'GET',
      `/api/tasks?filter=${encodeURIComponent(JSON.stringify({ mine: true, status: 'open', workflowId: started.workflowId }))}`,
    );
  const supervisor = await login('supervisor');
  const [first] = await until(
    'the first task',
    () => inbox(supervisor),
    (ts) => ts.length > 0,
    STARTING,
  );
  expect((await call(supervisor, 'POST', `/api/tasks/${first.id}/decision`, { decision: 'approve' })).status).toBe('done');
  const manager = await login('manager');
  const [second] = await until(
    'the second task',
    () => inbox(manager),
    (ts) => ts.length > 0,
    STARTING,
  );
  expect(second.stepKey).toBe('manager');
});
