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
  const [api, pg, temporal, ui] = await freePorts(4);
  const ports = { PORT: String(api), EMBEDDED_PG_PORT: String(pg), TEMPORAL_DEV_PORT: String(temporal), TEMPORAL_UI_PORT: String(ui) };
  const url = `http://127.0.0.1:${ports.PORT}`;
  let child: ChildProcess | undefined;
  let output = '';

  const system: RunningSystem = {
    url,
    dataDir,
    log: () => output,
    async start(limitMs = 3 * 60_000) {
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
          const res = await fetch(`${url}/health`);
          if (res.status === 200) return await res.json();
        } catch {
          /* not listening yet */
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error(`not healthy within ${limitMs} ms:\n${output}`);
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
      const res = await fetch(`${url}/api/auth/login`, {
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
