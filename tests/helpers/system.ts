// The whole system as `npm start` runs it (embedded database and Temporal), on free ports
// and a throw-away data directory, in its own process group like a terminal's foreground job.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePorts } from './ports';
import { until } from './until';

const ROOT = path.resolve(__dirname, '../..');

/** What a test needs to talk to a running system. */
export interface SystemAddress {
  url: string;
  login(username: string, password?: string): Promise<string>;
}

export interface RunningSystem extends SystemAddress {
  dataDir: string;
  log(): string;
  /** Starts it (again, on the same data and ports); resolves when /health is 200. */
  start(limitMs?: number): Promise<unknown>;
  /** Ctrl-C: SIGINT to the process group; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Processes whose command line mentions the data directory (the Temporal dev server does). */
  leftovers(): string[];
  remove(): void;
}

type Ports = Record<'PORT' | 'EMBEDDED_PG_PORT' | 'TEMPORAL_DEV_PORT' | 'TEMPORAL_UI_PORT', string>;

async function pickPorts(): Promise<Ports> {
  const [api, pg, temporal, ui] = await freePorts(4);
  return { PORT: String(api), EMBEDDED_PG_PORT: String(pg), TEMPORAL_DEV_PORT: String(temporal), TEMPORAL_UI_PORT: String(ui) };
}

/** `npm start`'s environment: embedded defaults unless `env` names a service. */
function systemEnv(ports: Ports, dataDir: string, env: Record<string, string>): NodeJS.ProcessEnv {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...ports, DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env };
  for (const v of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'JWT_SECRET', 'SEED_DEMO']) if (!(v in env)) delete childEnv[v];
  return childEnv;
}

/** /health's body once it answers 200; fails at once if the process has exited (`exited` says why). */
function healthy(url: string, limitMs: number, exited: () => string | undefined, output: () => string): Promise<unknown> {
  return until(
    `${url}/health to answer 200`,
    async () => {
      const why = exited();
      if (why) throw new Error(`npm start exited with ${why}:\n${output()}`);
      const res = await fetch(`${url}/health`).catch(() => undefined); // not listening yet
      return res?.status === 200 ? await res.json() : undefined;
    },
    (health) => health !== undefined,
    { timeoutMs: limitMs, intervalMs: 500, log: output },
  );
}

async function login(url: string, username: string, password = username): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** Processes whose command line mentions `text` (a data directory: the Temporal dev server names it). */
function processesMentioning(text: string): { pid: number; cmd: string }[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .flatMap((p) => {
      try {
        const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ');
        return cmd.includes(text) ? [{ pid: Number(p), cmd }] : [];
      } catch {
        return [];
      }
    });
}

export async function createSystem(env: Record<string, string> = {}): Promise<RunningSystem> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'merch-system-'));
  let ports = await pickPorts();
  let child: ChildProcess | undefined;
  let output = '';
  let everUp = false;

  /** One `npm start`; resolves with /health once it answers 200. */
  async function startOnce(limitMs: number): Promise<unknown> {
    const c = spawn(process.execPath, ['--import', 'tsx', 'runtime/start.ts'], {
      cwd: ROOT,
      env: systemEnv(ports, dataDir, env),
      detached: true,
    });
    child = c;
    c.stdout!.on('data', (d) => (output += d));
    c.stderr!.on('data', (d) => (output += d));
    return healthy(
      system.url,
      limitMs,
      () => (c.exitCode === null ? undefined : String(c.exitCode)),
      () => output,
    );
  }

  const system: RunningSystem = {
    url: `http://127.0.0.1:${ports.PORT}`,
    dataDir,
    log: () => output,
    async start(limitMs = 3 * 60_000) {
      // A port found free can be taken before the system listens on it (the Temporal dev server
      // opens ports of its own meanwhile): a first start that lost one tries new ports.
      for (let attempt = 1; ; attempt++) {
        const mark = output.length;
        try {
          const health = await startOnce(limitMs);
          everUp = true;
          return health;
        } catch (err) {
          if (everUp || attempt >= 3 || !/EADDRINUSE/.test(output.slice(mark))) throw err;
          ports = await pickPorts();
          system.url = `http://127.0.0.1:${ports.PORT}`;
          output += `\n[test] a port was taken; starting again on new ports\n`;
        }
      }
    },
    stop() {
      const c = child;
      if (!c || c.exitCode !== null) return Promise.resolve(c?.exitCode ?? null);
      return new Promise((resolve) => {
        c.once('exit', (code) => resolve(code));
        process.kill(-c.pid!, 'SIGINT');
      });
    },
    leftovers: () => processesMentioning(dataDir).map((p) => p.cmd),
    remove() {
      rmSync(dataDir, { recursive: true, force: true });
    },
    login: (username, password) => login(system.url, username, password),
  };
  return system;
}

// ---- the one system the browser tests share ----------------------------------------------------
// Booting `npm start` (embedded database, Temporal dev server, migrations, demo data) costs tens
// of seconds; the browser tests that do not start or stop it themselves share one per jest run.
// Jest gives every test file a fresh module registry, so the system is found through a file:
// the first file to ask starts it detached (its output to a log file, not to a pipe that dies
// with this process) and records it; later files reuse it while /health answers; the global
// teardown stops it. Tests on it create what they need and find it by what they created.

const SHARED_DIR = path.join(ROOT, 'test-output');
const SHARED_RECORD = path.join(SHARED_DIR, 'shared-system.json');
const SHARED_LOG = path.join(SHARED_DIR, 'shared-system.log');

interface SharedRecord {
  url: string;
  pid: number;
  dataDir: string;
}

const readRecord = (): SharedRecord | undefined =>
  existsSync(SHARED_RECORD) ? (JSON.parse(readFileSync(SHARED_RECORD, 'utf8')) as SharedRecord) : undefined;

/** The recorded process is still the system we started (a pid of an old record may be reused). */
const alive = (known: SharedRecord) => {
  try {
    return readFileSync(`/proc/${known.pid}/environ`, 'utf8').split('\0').includes(`DATA_DIR=${known.dataDir}`);
  } catch {
    return false;
  }
};

/** The running system shared by this jest run's browser tests, started by the first that asks. */
export async function sharedSystem(limitMs = 3 * 60_000): Promise<SystemAddress> {
  const known = readRecord();
  if (
    known &&
    alive(known) &&
    (await fetch(`${known.url}/health`).then(
      (r) => r.status === 200,
      () => false,
    ))
  ) {
    return { url: known.url, login: (username, password) => login(known.url, username, password) };
  }
  await stopSharedSystem(); // a record left by a run that did not tear down
  mkdirSync(SHARED_DIR, { recursive: true });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'merch-shared-'));
  const output = () => (existsSync(SHARED_LOG) ? readFileSync(SHARED_LOG, 'utf8') : '');
  // As createSystem's start: a port taken between choosing and listening means new ports.
  for (let attempt = 1; ; attempt++) {
    const ports = await pickPorts();
    const url = `http://127.0.0.1:${ports.PORT}`;
    const log = openSync(SHARED_LOG, 'w');
    const c = spawn(process.execPath, ['--import', 'tsx', 'runtime/start.ts'], {
      cwd: ROOT,
      env: systemEnv(ports, dataDir, {}),
      detached: true,
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    c.unref();
    writeFileSync(SHARED_RECORD, JSON.stringify({ url, pid: c.pid!, dataDir } satisfies SharedRecord));
    try {
      await healthy(url, limitMs, () => (c.exitCode === null ? undefined : String(c.exitCode)), output);
      return { url, login: (username, password) => login(url, username, password) };
    } catch (err) {
      if (attempt >= 3 || !/EADDRINUSE/.test(output())) {
        await stopSharedSystem();
        throw err;
      }
      await stopSharedSystem({ keepData: true });
    }
  }
}

/** Ctrl-C to the shared system's process group, as a user stops `npm start`; then its data goes. */
export async function stopSharedSystem(opts: { keepData?: boolean } = {}): Promise<void> {
  const known = readRecord();
  if (!known) return;
  // Only what sharedSystem started: the processes below are found by its data directory's name.
  if (!path.basename(known.dataDir).startsWith('merch-shared-'))
    throw new Error(`${SHARED_RECORD} names no shared system's data directory: remove it`);
  if (alive(known)) {
    try {
      process.kill(-known.pid, 'SIGINT');
    } catch {
      /* already gone */
    }
    await until('the shared system to stop', async () => !alive(known), Boolean, { timeoutMs: 60_000, intervalMs: 200 }).catch(
      () => undefined,
    );
  }
  // Whatever did not stop on Ctrl-C (it would keep the data directory's files open).
  for (const p of processesMentioning(known.dataDir)) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      /* gone meanwhile */
    }
  }
  if (alive(known)) process.kill(known.pid, 'SIGKILL');
  if (!opts.keepData) rmSync(known.dataDir, { recursive: true, force: true });
  rmSync(SHARED_RECORD, { force: true });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A JSON request to a running system with a user's token (none: anonymous); the body parsed. */
export async function callApi(
  system: SystemAddress,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${system.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
