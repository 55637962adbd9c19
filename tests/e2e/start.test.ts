// `npm start` on embedded defaults, as a user runs it: up, write, Ctrl-C, up again, read.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../helpers/ports';

jest.setTimeout(8 * 60_000);

const ROOT = path.resolve(__dirname, '../..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'merch-start-'));
let ports: Record<string, string>;
let log = '';

function start(): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, ...ports, DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  for (const v of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'JWT_SECRET', 'SEED_DEMO']) delete env[v];
  // Its own process group, like a terminal's foreground job, so Ctrl-C reaches every child.
  const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/start.ts'], { cwd: ROOT, env, detached: true });
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  return child;
}

async function waitHealthy(base: string, child: ChildProcess, limitMs: number): Promise<unknown> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${log}`);
    try {
      const res = await fetch(`${base}/health`);
      if (res.status === 200) return await res.json();
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`not healthy within ${limitMs} ms:\n${log}`);
}

function ctrlC(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    process.kill(-child.pid!, 'SIGINT');
  });
}

/** Processes whose command line mentions our data directory (the Temporal dev server does). */
function processesUsing(dir: string): string[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .flatMap((p) => {
      try {
        const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ');
        return cmd.includes(dir) ? [cmd] : [];
      } catch {
        return [];
      }
    });
}

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'admin' }),
  });
  return ((await res.json()) as { token: string }).token;
}

beforeAll(async () => {
  ports = {
    PORT: String(await freePort()),
    EMBEDDED_PG_PORT: String(await freePort()),
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
  };
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('starts on embedded defaults, stops cleanly on Ctrl-C, and finds its data on the next start', async () => {
  const base = `http://127.0.0.1:${ports.PORT}`;

  const first = start();
  expect(await waitHealthy(base, first, 3 * 60_000)).toEqual({ status: 'ok', db: 'ok', temporal: 'ok' });
  const token = await login(base);
  const put = await fetch(`${base}/api/settings/task.defaultDue`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ value: 'PT42S' }),
  });
  expect(put.status).toBe(200);
  expect(await ctrlC(first)).toBe(0);
  expect(processesUsing(dataDir)).toEqual([]);

  const second = start();
  await waitHealthy(base, second, 3 * 60_000);
  // The same generated JWT secret: the old token still works, and the row is still there.
  const res = await fetch(`${base}/api/settings/task.defaultDue`, { headers: { authorization: `Bearer ${token}` } });
  expect(((await res.json()) as { value: string }).value).toBe('PT42S');
  expect(await ctrlC(second)).toBe(0);
  expect(processesUsing(dataDir)).toEqual([]);
});
