// The whole system as `npm start` runs it (embedded database and Temporal), on free ports
// and a throw-away data directory, in its own process group like a terminal's foreground job.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePorts } from './ports';

const ROOT = path.resolve(__dirname, '../..');

export interface RunningSystem {
  url: string;
  dataDir: string;
  log(): string;
  /** Starts it (again, on the same data and ports); resolves when /health is 200. */
  start(limitMs?: number): Promise<unknown>;
  /** Ctrl-C: SIGINT to the process group; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Processes whose command line mentions the data directory (the Temporal dev server does). */
  leftovers(): string[];
  remove(): void;
  login(username: string, password?: string): Promise<string>;
}

export async function createSystem(env: Record<string, string> = {}): Promise<RunningSystem> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'merch-system-'));
  const pickPorts = async () => {
    const [api, pg, temporal, ui] = await freePorts(4);
    return { PORT: String(api), EMBEDDED_PG_PORT: String(pg), TEMPORAL_DEV_PORT: String(temporal), TEMPORAL_UI_PORT: String(ui) };
  };
  let ports = await pickPorts();
  let child: ChildProcess | undefined;
  let output = '';
  let everUp = false;

  /** One `npm start`; resolves with /health once it answers 200. */
  async function startOnce(limitMs: number): Promise<unknown> {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...ports, DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env };
    for (const v of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'JWT_SECRET', 'SEED_DEMO']) if (!(v in env)) delete childEnv[v];
    const c = spawn(process.execPath, ['--import', 'tsx', 'runtime/start.ts'], { cwd: ROOT, env: childEnv, detached: true });
    child = c;
    c.stdout!.on('data', (d) => (output += d));
    c.stderr!.on('data', (d) => (output += d));
    const deadline = Date.now() + limitMs;
    while (Date.now() < deadline) {
      if (c.exitCode !== null) throw new Error(`npm start exited with ${c.exitCode}:\n${output}`);
      try {
        const res = await fetch(`${system.url}/health`);
        if (res.status === 200) return await res.json();
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`not healthy within ${limitMs} ms:\n${output}`);
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
    leftovers() {
      return readdirSync('/proc')
        .filter((p) => /^\d+$/.test(p))
        .flatMap((p) => {
          try {
            const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ');
            return cmd.includes(dataDir) ? [cmd] : [];
          } catch {
            return [];
          }
        });
    },
    remove() {
      rmSync(dataDir, { recursive: true, force: true });
    },
    async login(username, password = username) {
      const res = await fetch(`${system.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    },
  };
  return system;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A JSON request to a running system with a user's token (none: anonymous); the body parsed. */
export async function callApi(system: RunningSystem, token: string | undefined, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${system.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
