// The pieces the entry points assemble: database, Temporal, worker, HTTP server.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Client } from '@temporalio/client';
import type { Express } from 'express';
import type { Config } from '../lib/config';
import { createApp } from '../api/app';
import { resolveJwtSecret } from '../lib/auth/tokens';
import { createDb, EMBEDDED_MAX_CONNECTIONS, type Db } from '../lib/db/client';
import { startEmbeddedPostgres } from '../lib/db/embedded';
import { applyMigrations } from '../lib/db/migrate';
import { logger } from '../lib/logger';
import { seedDemo } from '../lib/seed';
import { ensureDigestSchedulesAtStart } from '../lib/reports/schedules';
import { connectClient, connectWorker } from '../lib/temporal/connection';
import { startEmbeddedTemporal } from '../lib/temporal/embedded';
import { installTemporalRuntime } from '../lib/temporal/runtime';
import { createWorker } from './createWorker';
import type { Lifecycle } from './lifecycle';

const log = logger('runtime');

/** The configured PostgreSQL, or the embedded one when DATABASE_URL is unset. Migrated. */
export async function openDatabase(config: Config, life: Lifecycle): Promise<{ db: Db; url: string }> {
  let url = config.databaseUrl;
  if (!url) {
    const embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort);
    life.onStop('embedded database', () => embedded.stop());
    url = embedded.url;
  }
  const result = await applyMigrations(url, config.migrationRunner);
  log.info(`database migrated (${result.runner}: ${result.applied.length} applied, ${result.alreadyApplied.length} already)`);
  const db = createDb(url, { maxConnections: config.databaseUrl ? 10 : EMBEDDED_MAX_CONNECTIONS });
  life.onStop('database client', () => db.$disconnect());
  if (config.seedDemo) await seedDemo(db);
  return { db, url };
}

/** The configured Temporal frontend, or the embedded dev server when TEMPORAL_ADDRESS is unset. */
export async function openTemporal(config: Config, life: Lifecycle): Promise<{ client: Client; address: string; uiUrl?: string }> {
  installTemporalRuntime(config.logLevel);
  let address = config.temporalAddress;
  let uiUrl: string | undefined;
  if (!address) {
    const embedded = await startEmbeddedTemporal({
      dataDir: config.dataDir,
      port: config.temporalDevPort,
      uiPort: config.temporalUiPort,
      namespace: config.temporalNamespace,
      cliPath: config.temporalCliPath,
    });
    life.onStop('embedded Temporal', () => embedded.stop());
    address = embedded.address;
    uiUrl = embedded.uiUrl;
  }
  const client = await connectClient({ address, namespace: config.temporalNamespace, taskQueue: config.taskQueue });
  life.onStop('Temporal client', () => client.connection.close());
  return { client, address, uiUrl };
}

export async function runWorker(config: Config, life: Lifecycle, db: Db, address: string): Promise<void> {
  installTemporalRuntime(config.logLevel);
  const connection = await connectWorker({ address, namespace: config.temporalNamespace, taskQueue: config.taskQueue });
  const worker = await createWorker({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    deps: { db, config },
    // A prebuilt bundle skips the webpack build at each start (the crash tests restart workers often).
    ...(config.workflowBundlePath ? { workflowBundle: { code: readFileSync(config.workflowBundlePath, 'utf8') } } : {}),
  });
  const running = worker.run();
  life.onStop('worker', async () => {
    worker.shutdown();
    await running;
    await connection.close();
  });
  running.catch((err: unknown) => {
    log.error('worker stopped with an error', err);
    void life.stop().then(() => process.exit(1));
  });
  await ensureDigestSchedulesAtStart(connection, config, db);
  log.info(`worker polling task queue "${config.taskQueue}" in namespace "${config.temporalNamespace}"`);
}

/** How long a graceful stop (SIGTERM, Ctrl-C) waits for requests in flight before cutting them. */
const DRAIN_MS = 20_000;

export interface ApiGate {
  server: Server;
  /** What /health says while the app is not mounted yet. */
  progress: { db: boolean; temporal: boolean };
  /** Hands requests to the app from now on, and drains them on stop. */
  mount(app: Express, life: Lifecycle): void;
}

/**
 * The HTTP server, listening before the database and Temporal are open: until the app is
 * mounted, and while it drains on a graceful stop, every request gets 503 service_unavailable
 * with Retry-After (a load balancer takes it out of rotation), not a refused connection or a hang.
 */
export async function listenApi(config: Config, life: Lifecycle): Promise<ApiGate> {
  let app: Express | undefined;
  let draining = false;
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const progress = { db: false, temporal: false };
  const server = createServer((req, res) => {
    if (!app || draining) {
      const message = draining ? 'The server is shutting down; retry in a moment' : 'The server is starting; retry in a moment';
      res.statusCode = 503;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Retry-After', '5');
      if (draining) res.setHeader('Connection', 'close');
      const body =
        req.url === '/health'
          ? {
              status: draining ? 'stopping' : 'starting',
              db: !draining && progress.db ? 'ok' : 'down',
              temporal: !draining && progress.temporal ? 'ok' : 'down',
              down: [...(draining || !progress.db ? ['db'] : []), ...(draining || !progress.temporal ? ['temporal'] : [])],
              error: { code: 'service_unavailable', message },
            }
          : { error: { code: 'service_unavailable', message } };
      res.end(JSON.stringify(body));
      return;
    }
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) drained?.();
    });
    app(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(new Error(`cannot listen on port ${config.port}: ${err.message}; set PORT`)));
    server.listen(config.port, () => resolve());
  });
  // Registered first, so it runs last: after a failed start nothing else holds the port.
  life.onStop(
    'HTTP listener',
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return {
    server,
    progress,
    mount(a, lifecycle) {
      app = a;
      // Registered after the database and Temporal, so it runs before them: requests in flight finish first.
      lifecycle.onStop('HTTP server (draining)', async () => {
        draining = true;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        if (inFlight > 0) {
          await Promise.race([
            new Promise<void>((resolve) => (drained = resolve)),
            new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref()),
          ]);
        }
        server.closeAllConnections();
        await closed;
      });
    },
  };
}

export async function serveApi(config: Config, life: Lifecycle, db: Db, temporal: Client, gate?: ApiGate): Promise<Server> {
  const jwtSecret = resolveJwtSecret(config.jwtSecret, config.dataDir);
  const app = createApp({ config, db, temporal, jwtSecret });
  const g = gate ?? (await listenApi(config, life));
  g.mount(app, life);
  return g.server;
}
