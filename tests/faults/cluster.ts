// The system as separate processes for crash tests: `runtime/api.ts` and `runtime/worker.ts`
// children against a throw-away PostgreSQL database, a Temporal dev server this helper runs
// itself (on a SQLite file, so it can be stopped and started again on the same file and port)
// and a real SMTP server on loopback. Any piece can be killed (SIGKILL, SIGTERM) and restarted.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import pg from 'pg';
import { temporalCli } from '../../lib/temporal/binaries';
import { testBundle } from '../helpers/bundle';
import { freePorts } from '../helpers/ports';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { until } from '../helpers/until';

const ROOT = path.resolve(__dirname, '../..');
const LOG_LIMIT = 400_000;

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One child process that can be started again after it died. */
export class Proc {
  child?: ChildProcess;
  starts = 0;
  constructor(
    readonly name: string,
    private readonly command: () => { file: string; args: string[]; env: NodeJS.ProcessEnv },
    private readonly append: (line: string) => void,
  ) {}

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): ChildProcess {
    if (this.running) throw new Error(`${this.name} is already running`);
    const { file, args, env } = this.command();
    const child = spawn(file, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.starts += 1;
    const tag = `[${this.name}#${this.starts}] `;
    const onData = (d: Buffer) =>
      this.append(
        d
          .toString()
          .split('\n')
          .filter(Boolean)
          .map((l) => tag + l)
          .join('\n') + '\n',
      );
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    this.append(`${tag}${new Date().toISOString()} started (pid ${child.pid})\n`);
    child.once('exit', (code, signal) => this.append(`${tag}${new Date().toISOString()} exited (${signal ?? code})\n`));
    this.child = child;
    return child;
  }

  /** Sends `signal` and resolves when the process has exited (SIGKILL after `graceMs` for other signals). */
  async kill(signal: NodeJS.Signals = 'SIGKILL', graceMs = 30_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    if (signal !== 'SIGKILL') {
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    } else {
      await exited;
    }
  }

  /** Resolves with the exit code (or signal) once the process has exited by itself. */
  exited(): Promise<number | string | null> {
    const child = this.child;
    if (!child || !this.running) return Promise.resolve(child?.exitCode ?? child?.signalCode ?? null);
    return new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  }
}

export interface Json {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

export interface Cluster {
  url: string;
  database: TestDatabase;
  smtp: TestSmtpServer;
  /** Raw SQL on the test database (checks only). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  temporal: Proc & { address: string; ready(ms?: number): Promise<void> };
  api: Proc & { ready(ms?: number): Promise<void> };
  workers: (Proc & { ready(ms?: number): Promise<void> })[];
  log(): string;
  /** The log from `mark` on (a mark is `log().length`). */
  since(mark: number): string;
  login(username: string): Promise<string>;
  /** An API call as `username` (logged in once, token cached); never throws on an HTTP status. */
  call(username: string, method: string, p: string, body?: unknown, timeoutMs?: number, headers?: Record<string, string>): Promise<Json>;
  /** When the SMTP server accepted each message (ms since the epoch), by Message-ID. */
  receivedAt: Map<string, number[]>;
  /** Writes the whole log to test-output/faults/<name>.log (for a failed run). */
  dump(name: string): string;
  /** Sets process timings through PUT /api/settings/:key as admin. */
  settings(values: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export async function createCluster(options: { workers?: number; env?: Record<string, string> } = {}): Promise<Cluster> {
  const [apiPort, temporalPort] = await freePorts(2);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'merch-faults-'));
  const address = `127.0.0.1:${temporalPort}`;
  let output = '';
  const append = (s: string) => {
    output += s;
    if (output.length > LOG_LIMIT * 2) output = output.slice(-LOG_LIMIT);
  };
  let trimmed = 0; // what was dropped from the front of `output`, for marks
  const appendCounted = (s: string) => {
    const before = output.length;
    append(s);
    if (output.length < before + s.length) trimmed += before + s.length - output.length;
  };

  const cli = temporalCli();
  if (cli.type !== 'existing-path')
    throw new Error('fault tests need the temporal CLI binary (scripts/ensure.mjs installs it into .tools/venv)');
  const temporalProc = new Proc(
    'temporal',
    () => ({
      file: cli.path,
      args: [
        'server',
        'start-dev',
        '--ip',
        '127.0.0.1',
        '--port',
        String(temporalPort),
        '--namespace',
        'default',
        '--db-filename',
        path.join(dir, 'temporal.sqlite'),
        '--headless',
        '--log-level',
        'error',
      ],
      env: process.env,
    }),
    appendCounted,
  );
  const temporal = Object.assign(temporalProc, {
    address,
    async ready(ms = 60_000) {
      await until(
        'the Temporal dev server',
        async () => {
          const connection = await Connection.connect({ address, connectTimeout: 2000 });
          try {
            await connection.withDeadline(Date.now() + 2000, () => connection.workflowService.describeNamespace({ namespace: 'default' }));
            return true;
          } finally {
            await connection.close();
          }
        },
        (v) => v,
        { timeoutMs: ms, log: () => output, retryErrors: true },
      );
    },
  });

  temporal.start();
  // The workflow code is bundled once here; every worker start (and restart) loads the file.
  const bundleFile = path.join(dir, 'workflow-bundle.js');
  const [database, smtp] = await Promise.all([
    createTestDatabase({ migrate: true }),
    startSmtpServer(),
    testBundle().then((b) => writeFileSync(bundleFile, b.code)),
    temporal.ready(),
  ]);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: 'faults',
    SMTP_URL: smtp.url,
    JWT_SECRET: 'fault-tests-secret-fault-tests-secret',
    SEED_DEMO: 'true',
    MIGRATION_RUNNER: 'builtin',
    LOG_LEVEL: 'info',
    DATA_DIR: dir,
    PORT: String(apiPort),
    WORKFLOW_BUNDLE_PATH: bundleFile,
    ...options.env,
  };
  delete env.TEMPORAL_UI_URL;
  const url = `http://127.0.0.1:${apiPort}`;
  const node = (entry: string) => () => ({ file: process.execPath, args: ['--import', 'tsx', `runtime/${entry}.ts`], env });

  const api = Object.assign(new Proc('api', node('api'), appendCounted), {
    async ready(ms = 120_000) {
      await until(
        'the API to be healthy',
        async () => (await fetch(`${url}/health`, { signal: AbortSignal.timeout(5000) })).status,
        (s) => s === 200,
        { timeoutMs: ms, log: () => output, retryErrors: true },
      );
    },
  });
  const workers = Array.from({ length: options.workers ?? 1 }, (_, i) => {
    const w: Proc & { ready(ms?: number): Promise<void> } = Object.assign(new Proc(`worker${i + 1}`, node('worker'), appendCounted), {
      async ready(ms = 120_000) {
        const starts = w.starts;
        await until(
          `${w.name} to poll`,
          async () => output.split('\n').some((l) => l.startsWith(`[${w.name}#${starts}] `) && l.includes('worker polling task queue')),
          (v) => v,
          { timeoutMs: ms, log: () => output, retryErrors: true },
        );
      },
    });
    return w;
  });

  const receivedAt = new Map<string, number[]>();
  smtp.refuse = (id) => {
    receivedAt.set(id, [...(receivedAt.get(id) ?? []), Date.now()]);
    return false;
  };
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  // pool.end() resolves before its idle clients have finished closing, so close()'s
  // DROP DATABASE ... WITH (FORCE) can terminate one (57P01); without a listener that idle
  // client's error is an unhandled 'error' event that fails the test file. The pool
  // discards such a client by itself; a query that needs it reports its own error.
  pool.on('error', () => undefined);
  const tokens = new Map<string, string>();
  const cluster: Cluster = {
    url,
    database,
    smtp,
    temporal,
    api,
    workers,
    log: () => output,
    receivedAt,
    dump(name) {
      const file = path.join(ROOT, 'test-output', 'faults', `${name}.log`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, output);
      return file;
    },
    since: (mark) => output.slice(Math.max(0, mark - trimmed)),
    async sql<T>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as T[];
    },
    async login(username) {
      const res = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: username }),
      });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
      const token = ((await res.json()) as { token: string }).token;
      tokens.set(username, token);
      return token;
    },
    async call(username, method, p, body, timeoutMs = 120_000, headers = {}) {
      const token = tokens.get(username) ?? (await cluster.login(username));
      const res = await fetch(url + p, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async settings(values) {
      for (const [key, value] of Object.entries(values)) {
        const res = await cluster.call('admin', 'PUT', `/api/settings/${key}`, { value });
        if (res.status !== 200) throw new Error(`PUT /api/settings/${key}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    },
    async close() {
      await Promise.all([api.kill('SIGTERM', 10_000), ...workers.map((w) => w.kill('SIGTERM', 10_000))]);
      await temporal.kill('SIGTERM', 10_000);
      await pool.end().catch(() => undefined);
      await smtp.close().catch(() => undefined);
      await database.drop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}

/** Starts the API and the workers and waits until all are ready. */
export async function startAll(cluster: Cluster): Promise<void> {
  cluster.api.start();
  for (const w of cluster.workers) w.start();
  await Promise.all([cluster.api.ready(), ...cluster.workers.map((w) => w.ready())]);
}

/** Every mail the SMTP server accepted, counted by Message-ID and by recipient + subject. */
export function mailCounts(smtp: TestSmtpServer): {
  total: number;
  byMessageId: Map<string, number>;
  byRecipientSubject: Map<string, number>;
} {
  const byMessageId = new Map<string, number>();
  const byRecipientSubject = new Map<string, number>();
  for (const m of smtp.received) {
    const id = m.messageId ?? '';
    byMessageId.set(id, (byMessageId.get(id) ?? 0) + 1);
    const to = (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address)).join(',');
    const key = `${to} | ${m.subject ?? ''}`;
    byRecipientSubject.set(key, (byRecipientSubject.get(key) ?? 0) + 1);
  }
  return { total: smtp.received.length, byMessageId, byRecipientSubject };
}

export const duplicates = (counts: Map<string, number>): [string, number][] => [...counts].filter(([, n]) => n > 1);

/** The demo user who may decide a task now: its assignee (after escalation or delegation too), else the holder of its role. */
export async function holderOf(cluster: Cluster, taskId: string): Promise<string> {
  const [row] = await cluster.sql<{ username: string | null; role: string | null }>(
    `SELECT u.username, t."candidateRole"::text AS role FROM "Task" t LEFT JOIN "User" u ON u.id = t."assigneeId" WHERE t.id = $1::uuid`,
    [taskId],
  );
  const username = row?.username ?? row?.role;
  if (!username) throw new Error(`task ${taskId}: no assignee and no role`);
  return username;
}
