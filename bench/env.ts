// The system under measurement, assembled the way runtime/ assembles it: PostgreSQL (the
// embedded PGlite server as `npm run db` serves it, or a throw-away database on the server
// at DATABASE_URL), Temporal (the embedded dev server of `npm start`, or TEMPORAL_ADDRESS),
// the real worker in this process (lib/temporal/worker.ts) and the real API (api/app.ts) on
// a loopback port. Everything it starts it stops; what it creates on real servers it removes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { NativeConnection, Worker } from '@temporalio/worker';
import pg from 'pg';
import { createApp } from '../api/app';
import { loadConfig, type Config } from '../lib/config';
import { createDb, EMBEDDED_MAX_CONNECTIONS, type Db } from '../lib/db/client';
import { applyMigrationsBuiltin } from '../lib/db/migrate';
import { seedDemo } from '../lib/seed';
import { connectClient, connectWorker } from '../lib/temporal/connection';
import { temporalCli } from '../lib/temporal/binaries';
import { startEmbeddedTemporal } from '../lib/temporal/embedded';
import { installTemporalRuntime } from '../lib/temporal/runtime';
import { bundleWorkflows } from '../lib/temporal/worker';
import { createWorker } from '../runtime/createWorker';

export const ROOT = path.resolve(__dirname, '..');

export interface BenchEnv {
  /** 'embedded' (PGlite, dev server) or what DATABASE_URL / TEMPORAL_ADDRESS point at. */
  mode: { database: 'embedded-pglite' | 'postgresql'; temporal: 'embedded-dev-server' | 'server'; sqlitePragmas?: string[] };
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  config: Config;
  db: Db;
  client: Client;
  /** Connection for extra workers (the bare baselines' own task queue). */
  workerConnection: NativeConnection;
  worker: Worker;
  apiUrl: string;
  /** Processes on this machine that are part of the system (for CPU and memory readings). */
  processes(): { name: string; pid: number }[];
  /** Seconds each start-up phase took. */
  startup: Record<string, number>;
  close(): Promise<void>;
}

export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const s = net.createServer();
          s.once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** The embedded database as `npm run db` serves it, in its own process. */
async function startPglite(dataDir: string, port: number): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/db.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 60_000;
  while (!output.includes('DATABASE_URL=')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`embedded database did not start:\n${output}`);
    await sleep(100);
  }
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGINT');
      });
    },
  };
}

/** A throw-away database on a real server, so a benchmark never touches real data. */
async function createScratchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `merch_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      if (process.env.BENCH_KEEP_DB === '1') return;
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startBenchEnv(log: (msg: string) => void): Promise<BenchEnv> {
  const startup: Record<string, number> = {};
  const stops: { name: string; stop: () => Promise<unknown> | unknown }[] = [];
  const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await fn();
    startup[name] = (performance.now() - t0) / 1000;
    log(`  ${name}: ${startup[name].toFixed(1)} s`);
    return out;
  };
  const close = async () => {
    for (const { name, stop } of stops.reverse()) {
      try {
        await stop();
      } catch (err) {
        log(`  stopping ${name} failed: ${(err as Error).message}`);
      }
    }
  };

  try {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'merch-bench-'));
    stops.push({ name: 'data directory', stop: () => rmSync(dataDir, { recursive: true, force: true }) });
    const [pgPort, temporalPort, uiPort] = await freePorts(3);
    const realDb = process.env.DATABASE_URL;
    const realTemporal = process.env.TEMPORAL_ADDRESS;
    const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
    const taskQueue = `bench-${Date.now()}`;
    installTemporalRuntime('warn');

    // Database and Temporal come up side by side; the workflow bundle is built meanwhile.
    const bundle = phase('bundle workflow code', () => bundleWorkflows());
    // BENCH_TEMPORAL_SQLITE_PRAGMAS (e.g. journal_mode=wal,synchronous=normal): the embedded dev
    // server as lib/temporal/embedded.ts starts it, plus these SQLite pragmas, to measure them.
    const pragmas = (process.env.BENCH_TEMPORAL_SQLITE_PRAGMAS ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const temporal = phase(realTemporal ? 'connect Temporal' : 'start embedded Temporal dev server', async () => {
      if (realTemporal) return { address: realTemporal, stop: async () => {} };
      if (!pragmas.length) return startEmbeddedTemporal({ dataDir, port: temporalPort!, uiPort: uiPort!, namespace });
      mkdirSync(path.join(dataDir, 'temporal'), { recursive: true });
      const dev = await TestWorkflowEnvironment.createLocal({
        server: {
          executable: temporalCli(),
          ip: '127.0.0.1',
          port: temporalPort!,
          ui: true,
          uiPort: uiPort!,
          namespace,
          dbFilename: path.join(dataDir, 'temporal', 'temporal.sqlite'),
          extraArgs: ['--log-level', 'warn', ...pragmas.flatMap((p) => ['--sqlite-pragma', p])],
        },
      });
      return { address: `127.0.0.1:${temporalPort}`, stop: () => dev.teardown() };
    });
    let pgChild: ChildProcess | undefined;
    const database = await phase(realDb ? 'create scratch database' : 'start embedded PostgreSQL (PGlite)', async () => {
      if (realDb) {
        const scratch = await createScratchDatabase(realDb);
        return { url: scratch.url, stop: () => scratch.drop() };
      }
      const embedded = await startPglite(dataDir, pgPort!);
      pgChild = embedded.child;
      return { url: embedded.url, stop: () => embedded.stop() };
    });
    stops.push({ name: 'database', stop: database.stop });
    const t = await temporal;
    stops.push({ name: 'Temporal', stop: t.stop });
    await phase('migrate', () => applyMigrationsBuiltin(database.url));

    const config = loadConfig({
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: t.address,
      TEMPORAL_NAMESPACE: namespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
      JWT_SECRET: 'bench-secret-bench-secret-bench',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    });
    // The same pool sizes as runtime/services.ts: one connection to PGlite, ten to a server.
    const db = createDb(database.url, { maxConnections: realDb ? 10 : EMBEDDED_MAX_CONNECTIONS });
    stops.push({ name: 'database client', stop: () => db.$disconnect() });
    await phase('seed demo data', () => seedDemo(db));

    const client = await connectClient({ address: t.address, namespace, taskQueue });
    stops.push({ name: 'Temporal client', stop: () => client.connection.close() });
    const workerConnection = await connectWorker({ address: t.address, namespace, taskQueue });
    stops.push({ name: 'worker connection', stop: () => workerConnection.close() });
    const worker = await phase('create worker', async () =>
      createWorker({ connection: workerConnection, namespace, taskQueue, workflowBundle: await bundle, deps: { db, config } }),
    );
    const running = worker.run();
    stops.push({
      name: 'worker',
      stop: async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
      },
    });

    const app = createApp({ config, db, temporal: client, jwtSecret: config.jwtSecret! });
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    stops.push({
      name: 'HTTP server',
      stop: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    });
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    return {
      mode: {
        database: realDb ? 'postgresql' : 'embedded-pglite',
        temporal: realTemporal ? 'server' : 'embedded-dev-server',
        ...(pragmas.length && !realTemporal ? { sqlitePragmas: pragmas } : {}),
      },
      databaseUrl: database.url,
      temporalAddress: t.address,
      namespace,
      taskQueue,
      config,
      db,
      client,
      workerConnection,
      worker,
      apiUrl,
      startup,
      processes() {
        const out = [{ name: 'bench (API + worker)', pid: process.pid }];
        if (pgChild?.pid) out.push({ name: 'PGlite server', pid: pgChild.pid });
        // The dev server's command line names its SQLite file under our data directory.
        for (const p of readdirSync('/proc')) {
          if (!/^\d+$/.test(p) || Number(p) === process.pid || Number(p) === pgChild?.pid) continue;
          try {
            const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
            if (cmd.includes(dataDir) && cmd.includes('start-dev')) out.push({ name: 'Temporal dev server', pid: Number(p) });
          } catch {
            /* gone */
          }
        }
        return out;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
